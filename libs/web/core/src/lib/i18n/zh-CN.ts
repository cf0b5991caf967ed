/**
 * 简体中文界面文字（默认语言）。键名与 en.ts 一一对应；`{name}` 为插值占位符。
 * The key set of this object is the type every other language must match.
 */
export const zhCN = {
  'app.title': '产业链招商管理平台',
  /** The title on a phone's narrow header. */
  'app.shortTitle': '产业链招商管理平台',
  'layout.menu': '导航菜单',
  'layout.toggleMenu': '展开或收起导航菜单',
  'layout.language': '界面语言',
  'menu.chains': '产业链总览',

  'chains.pageTitle': '“5+2”产业链招商专班',
  'chains.pageSubtitle':
    '共 {total} 条产业链：主导产业链 {leading} 条，特色产业链 {special} 条',
  'chains.summary': '{year}年全市目标：签约 {signed}，到位资金 {funds}',
  'chains.summaryLabel': '{year}年全市目标',
  'chains.kind.leading': '主导产业链',
  'chains.kind.special': '特色产业链',
  'chains.section.leading': '主导产业链',
  'chains.section.special': '特色产业链',
  'chains.sectionCount': '共 {count} 条',
  'chains.liaisonLeader': '包联领导',
  'chains.responsibleLeaders': '责任领导',
  'chains.responsibleUnits': '责任单位',
  'chains.leadUnits': '牵头单位',
  'chains.cooperatingUnits': '配合单位',
  'chains.anchorFirms': '链主企业',
  'chains.notListed': '未列明',
  'chains.targets': '{year}年工作目标',
  'chains.noTargets': '{year}年工作目标尚未录入',
  'chains.target.signed': '签约金额',
  'chains.target.bigProjects': '{threshold}以上项目',
  'chains.target.bigProjectsCount': '不少于 {count} 个',
  'chains.target.funds': '到位资金',
  'chains.direction': '招商方向',
  'chains.keyTasks': '重点任务',
  'chains.taskUnits': '责任单位',
  'chains.noKeyTasks': '暂无重点任务',
  'chains.loading': '正在加载产业链数据…',
  'chains.error.title': '产业链数据加载失败',
  'chains.error.hint': '请检查网络连接后重试；如多次失败，请联系系统管理员。',
  'chains.retry': '重新加载',
  'chains.empty': '暂无产业链数据',
  'chains.empty.hint': '产业链基础数据尚未导入，请联系系统管理员。',
  'chains.backToOverview': '返回产业链总览',
  'chains.notFound': '未找到该产业链',
  'chains.notFound.hint': '链接可能已失效，请从产业链总览进入。',
} as const;

export type MessageKey = keyof typeof zhCN;

/** A complete set of interface strings for one language. */
export type Messages = Record<MessageKey, string>;
