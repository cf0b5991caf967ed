/**
 * 简体中文界面文字：登录页与外框（页头、菜单、页面标题、通用提示）。随首次下载加载；其余页面的文字在
 * zh-CN-pages.ts，随外框（登录之后）加载。
 * The Chinese texts of the sign-in page and the shell's frame, in the initial download (issue 19 §2);
 * the signed-in pages' texts are in zh-CN-pages.ts, fetched with the shell. Together they are zhCN.
 */
export const zhCNShell = {
  'app.title': '产业链招商管理平台',
  /** The title on a phone's narrow header. */
  'app.shortTitle': '产业链招商管理平台',
  'layout.menu': '导航菜单',
  'layout.toggleMenu': '展开或收起导航菜单',
  'layout.search': '搜索',
  'layout.closeSearch': '关闭搜索',
  'layout.language': '界面语言',
  'layout.passwordToggle': '显示或隐藏密码',
  /** Page titles for the browser tab (route `title`), beside the menu's names. */
  'title.signIn': '登录',
  'title.chain': '产业链详情',
  'title.chainCockpit': '产业链驾驶舱',
  'title.project': '项目详情',
  'title.newLead': '登记新线索',
  'title.submissionBoard': '月报报送情况',
  'title.meeting': '会议详情',
  'title.meetingForm': '登记会议',
  'title.actionItems': '交办事项',
  'title.meetingSchedule': '月调度会日程',
  'title.followThrough': '督办情况',
  'title.weeklyDigest': '周跟踪',
  'title.meetingPack': '会议材料',
  'title.planRoles': '人员与单位',
  'title.planBaselines': '往年实绩',
  'title.forbidden': '无权访问',
  'title.event': '招商活动详情',
  'menu.chains': '产业链总览',
  'menu.chainMap': '招商图谱',
  'menu.events': '招商活动',
  'menu.guarantees': '要素保障',
  /** The shell's search box (全局搜索). */
  'search.label': '全局搜索',
  'search.placeholder': '搜索项目、企业、联系人、活动',
  'search.projects': '项目',
  'search.enterprises': '企业',
  'search.contacts': '联系人',
  'search.events': '招商活动',
  'search.none': '没有找到相符的内容，按回车在项目库中搜索',

  'layout.userMenu': '当前用户菜单',
  'layout.changePassword': '修改密码',
  'layout.signOut': '退出登录',
  'layout.signedOut': '您已安全退出',
  'menu.users': '用户管理',
  'menu.audit': '审计日志',

  /**
   * The roles as libs/domain's ROLE_LABELS names them (a test keeps the two equal); written out
   * here so the eager bundle does not pull in the domain library.
   */
  'role.staff': '专班工作人员',
  'role.leader': '包联/责任领导',
  'role.office': '领导小组办公室',
  'role.admin': '系统管理员',

  'common.retry': '重新加载',
  'common.cancel': '取消',
  'common.save': '保存',
  'common.copy': '复制',
  'common.copied': '已复制到剪贴板',
  'common.statWindow': '统计区间：{label}',
  'common.copyFailed': '无法自动复制，请手动选中后复制',
  'common.loadErrorHint':
    '请检查网络连接后重试；如多次失败，请联系系统管理员。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.server':
    '服务器暂时无法处理，请稍后重试；如多次失败，请联系系统管理员。',
  'error.tooMany': '操作过于频繁，请稍后再试。',
  'error.forbidden': '您没有权限执行此操作。',
  'error.unknown': '操作未能完成，请稍后重试。',
  'loadState.loadError': '未能加载',
  'loadState.loading': '正在加载',
  'loadState.forbiddenTitle': '无权查看',
  'loadState.forbiddenHint':
    '您的角色或负责的产业链不能查看此内容。如需查看，请联系领导小组办公室。',
  'loadState.notFoundTitle': '找不到该内容',
  'loadState.notFoundHint': '它可能已被删除，或链接有误。',
  'loadState.back': '返回首页',
  'loadState.empty': '暂无数据',
  'unsaved.confirm': '有尚未保存的修改，离开后将丢失。确定离开吗？',
  'text.tooLong': '最多 {max} 字，现为 {count} 字，请删减',
  'auth.sessionExpired': '登录已过期，请重新登录',
  'forbidden.title': '无权访问',
  'forbidden.hint':
    '您的账号角色无权查看此页面。如确需使用，请联系系统管理员开通权限。',
  'forbidden.back': '返回产业链总览',

  'signIn.subtitle': '“5+2”产业链招商专班工作平台',
  'signIn.heading': '账号登录',
  'signIn.username': '用户名',
  'signIn.password': '密码',
  'signIn.usernameRequired': '请输入用户名',
  'signIn.passwordRequired': '请输入密码',
  'signIn.submit': '登录',
  'signIn.help': '忘记密码或账号被锁定，请联系系统管理员。',
  'signIn.remember': '记住此设备',
  'signIn.rememberHint': '仅限领导账号：在本设备上保持登录，最长天数由系统设定；公用设备请勿勾选。可在“修改密码”页随时移除。',
  'devices.title': '记住的设备',
  'devices.loading': '正在读取记住的设备…',
  'devices.none': '没有记住的设备。登录时勾选“记住此设备”，该设备将保持登录。',
  'devices.current': '本设备',
  'devices.when': '{signedIn} 登录 · 最近使用 {lastSeen} · 有效至 {until}',
  'devices.remove': '移除',
  'devices.removed': '已移除 {device}，该设备下次需重新登录',

  'password.title': '修改密码',
  'password.forcedTitle': '请先修改密码',
  'password.forced':
    '您正在使用系统生成或管理员重置的密码。为保障账号安全，请先设置新密码，再继续使用系统。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.currentRequired': '请输入当前密码',
  'password.newRequired': '请输入新密码',
  'password.tooShort': '新密码至少 {min} 位',
  'password.sameAsCurrent': '新密码不能与当前密码相同',
  'password.confirmRequired': '请再次输入新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.hint':
    '至少 {min} 位，不能是常见密码、连续字符或包含用户名，建议混合使用字母、数字和符号。修改后，您在其他设备上的登录将失效。',
  'password.submit': '确认修改',
  'password.changed': '密码已修改',
  'password.back': '返回',

  // pipeline (libs/web/pipeline): start
  'menu.projects': '项目库',
  'menu.board': '项目看板',
  // pipeline: end
  'menu.cockpit': '领导驾驶舱',
  'menu.reports': '月度报送',
  'menu.rollUp': '月度汇总报告',
  'menu.bulletins': '月通报',
  'menu.ledger': '台账导入导出',
  'events.periodTotals.title': '招商活动',
  'events.periodTotals': '举办{events}场，对接企业{firms}家，引出项目{projects}个，其中签约{signed}个、{amount}，到位资金{funds}',

  // 年度工作方案未发布时各页的提示（PlanMissingNotice）、目标的“以上/不少于”、分行业到位资金同比。
  'planMissing.title.none': '{year}年度工作方案尚未录入',
  'planMissing.title.draft': '{year}年度工作方案尚未发布',
  'planMissing.enter': '录入{year}年度工作方案',
  'planMissing.publish': '核对并发布{year}年度工作方案',
  'planMissing.askOffice': '年度目标由领导小组办公室录入并发布后生效。',
  'planMissing.actualsOnly': '以下仅列示实际完成数，不计算完成率、序时进度和排名。',
  'planMissing.noTarget': '方案未发布',
  'planMissing.noRanking': '{year}年度工作方案发布后，按年度目标完成率排名。',
  'ranking.unmeasured': '各产业链尚无计入评分的完成量（得分均为0），暂不排名。',
  'target.atLeast.amount': '{value}以上',
  'target.atLeast.count': '不少于{value}',
  // cockpit: end
  // meetings: start
  'menu.meetings': '调度会议',
  // meeting-pack: end
  // plan (libs/web/plan): start
  'menu.plan': '年度工作方案',
  // plan: end
  // investors (issue 20 §1–3): start
  'menu.enterprises': '企业库',
  'menu.preReviews': '部门预审',
  'title.enterprise': '企业全景',
} as const;
