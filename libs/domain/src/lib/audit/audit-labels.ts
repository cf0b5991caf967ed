import type { AuditAction, AuditEntryView } from '../auth.contract';
import { CHAIN_LINK_KIND_LABELS } from '../chain-map/chain-map.contract';
import { ENTERPRISE_TAG_LABELS } from '../enterprise';
import { OWNERSHIP_LABELS } from '../ledger/ledger-columns';
import { PROMOTION_EVENT_KIND_LABELS } from '../events/promotion-event.contract';
import { STORED_FILE_KIND_LABELS } from '../files/stored-file.contract';
import { GUARANTEE_KIND_LABELS, GUARANTEE_STATUS_LABELS } from '../guarantees/guarantee.contract';
import { MEETING_KIND_LABELS } from '../meetings/meetings.contract';
import { EVALUATION_CONCLUSION_LABELS, EVALUATION_DIMENSION_LABELS, EVALUATION_RATING_LABELS } from '../pipeline/evaluation';
import { LAND_ROUTE_LABELS, SITE_DOCUMENT_KIND_LABELS } from '../pipeline/land-route';
import { PRE_REVIEW_ANSWER_LABELS } from '../pipeline/pre-review';
import { ACTIVITY_KIND_LABELS, AGREEMENT_KIND_LABELS, PROJECT_STATUS_LABELS, SOURCE_CHANNEL_LABELS } from '../pipeline/project';
import { SECTOR_LABELS } from '../plan/plan.contract';
import { OFFICE_SETTINGS } from '../reporting/reporting.contract';
import { ROLE_LABELS } from '../role';
import { STAGE_LABELS } from '../stage';

/**
 * 审计日志的中文名 (issue 17 §7): one registry, shared by the API (which answers each entry in
 * words) and the web (filters, English labels). Every entity type the API writes to audit_log
 * and every field of the before/after objects it records has a name here; a test of
 * libs/api/audit reads the API's source and fails when one is missing.
 */

export interface AuditLabel {
  zh: string;
  en: string;
}

/** How a field's value reads: the formatter per kind (amounts in 万元, dates yyyy-MM-dd, ids by name). */
export type AuditValueKind =
  | 'text'
  | 'texts'
  | 'number'
  | 'count'
  | 'amount'
  | 'area'
  | 'date'
  | 'datetime'
  | 'period'
  | 'year'
  | 'boolean'
  | 'enum'
  | 'enums'
  | 'unit'
  | 'units'
  | 'person'
  | 'user'
  | 'users'
  | 'chain'
  | 'chains'
  | 'enterprise'
  | 'keyTask'
  | 'project'
  | 'meeting'
  | 'named'
  | 'posts'
  | 'dimensions'
  | 'object'
  | 'summary'
  | 'hidden';

export interface AuditFieldLabel extends AuditLabel {
  kind: AuditValueKind;
  /** enum / enums: the words for each stored value. */
  options?: Readonly<Record<string, string>>;
  /** count: the measure word after the number (天, 个月, 人). */
  suffix?: string;
}

/** What the name book resolves: ids of these kinds are shown by name. */
export type AuditNameKind = 'unit' | 'person' | 'user' | 'chain' | 'enterprise' | 'keyTask' | 'project' | 'meeting';

/** Names the API found for the ids an entry holds, by kind then id (as text). */
export type AuditNameBook = Partial<Record<AuditNameKind, Readonly<Record<string, string>>>>;

/** One changed field of an entry, in words. */
export interface AuditChangeView {
  field: string;
  /** 中文字段名 */
  label: string;
  labelEn: string;
  /** null: the field was absent on that side (a creation has no before, a deletion no after). */
  before: string | null;
  after: string | null;
}

/** One row of GET /api/audit: the stored entry plus what the office reads. */
export interface AuditLogEntryView extends AuditEntryView {
  entityLabel: string;
  entityLabelEn: string;
  actionLabel: string;
  /** The record's own name where it has one (the project's, the user's, the meeting's…). */
  recordName: string | null;
  /** The project the entry belongs to, by name. */
  projectName: string | null;
  /** Who made the change: app_user.display_name and their unit; null for the system. */
  userDisplayName: string | null;
  userUnitName: string | null;
  changes: AuditChangeView[];
  /** The web page of the record (router path), where one exists. */
  link: string | null;
}

/** GET /api/audit/filters: what the page's filters offer. */
export interface AuditFilterOptions {
  users: { id: string; displayName: string; username: string; unitName: string | null; active: boolean }[];
  units: { id: number; name: string }[];
  entityTypes: { type: string; zh: string; en: string }[];
}

/** GET /api/audit/projects?q=: projects by name for the project filter. */
export interface AuditProjectOption {
  id: string;
  name: string;
  chainName: string | null;
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, AuditLabel> = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Changed' },
  delete: { zh: '删除', en: 'Deleted' },
  'stage-move': { zh: '阶段变更', en: 'Stage moved' },
  'sign-in': { zh: '登录', en: 'Signed in' },
  lock: { zh: '账号锁定', en: 'Account locked' },
  reveal: { zh: '查看完整号码', en: 'Number shown' },
  export: { zh: '导出', en: 'Exported' },
  anonymise: { zh: '按本人要求删除', en: 'Removed on request' },
  merge: { zh: '合并', en: 'Merged' },
  undo: { zh: '撤销合并', en: 'Merge undone' },
};

/** Every entity type the API writes to the audit, in the order the filter lists them. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, AuditLabel>> = {
  project: { zh: '招商项目', en: 'Project' },
  activity: { zh: '跟进记录', en: 'Follow-up' },
  agreement: { zh: '签约协议', en: 'Agreement' },
  'fund-arrival': { zh: '到位资金', en: 'Funds in place' },
  evaluation: { zh: '项目评估', en: 'Evaluation' },
  pre_review_request: { zh: '部门预审', en: 'Pre-review request' },
  instruction: { zh: '领导批示', en: 'Instruction' },
  instruction_reply: { zh: '批示回复', en: 'Instruction reply' },
  remembered_device: { zh: '记住的设备', en: 'Remembered device' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  meeting: { zh: '调度会议', en: 'Meeting' },
  action_item: { zh: '交办事项', en: 'Action item' },
  action_item_note: { zh: '交办事项进展', en: 'Action item note' },
  meeting_schedule: { zh: '例会安排', en: 'Meeting schedule' },
  annual_plan: { zh: '年度工作方案', en: 'Annual plan' },
  chain_target: { zh: '产业链工作目标', en: 'Chain target' },
  sector_growth_target: { zh: '产业增速目标', en: 'Sector growth target' },
  key_task: { zh: '重点任务', en: 'Key task' },
  key_task_goal: { zh: '重点任务节点', en: 'Key task milestone' },
  funds_baseline: { zh: '往年到位资金实绩', en: 'Funds baseline' },
  chain_leader: { zh: '产业链领导', en: 'Chain leader' },
  chain_unit: { zh: '产业链责任单位', en: 'Chain unit' },
  unit: { zh: '单位', en: 'Unit' },
  person: { zh: '人员职务', en: 'Person' },
  monthly_report: { zh: '月度报告', en: 'Monthly report' },
  reporting_period: { zh: '报告期', en: 'Reporting period' },
  unit_deadline_extension: { zh: '报送延期', en: 'Deadline extension' },
  report_reminder: { zh: '催报提醒', en: 'Report reminder' },
  roll_up: { zh: '月度汇总', en: 'Roll-up' },
  roll_up_export: { zh: '汇总导出', en: 'Roll-up export' },
  roll_up_publication: { zh: '月度通报发布', en: 'Bulletin publication' },
  office_setting: { zh: '办公室设置', en: 'Office setting' },
  document_setting: { zh: '公文设置', en: 'Document setting' },
  'alert-settings': { zh: '预警设置', en: 'Alert settings' },
  contact: { zh: '联系人', en: 'Contact' },
  courting_conflict: { zh: '撞车提醒', en: 'Courting conflict' },
  promotion_event: { zh: '招商活动', en: 'Promotion event' },
  guarantee_request: { zh: '要素保障需求', en: 'Resource request' },
  chain_map: { zh: '招商图谱', en: 'Chain map' },
  stored_file: { zh: '附件', en: 'File' },
  user: { zh: '系统用户', en: 'User' },
};

const YES_NO = { true: '是', false: '否' } as const;
const f = (zh: string, en: string, kind: AuditValueKind, extra: Partial<AuditFieldLabel> = {}): AuditFieldLabel => ({
  zh,
  en,
  kind,
  ...extra,
});

const PROJECT_STATUS = f('项目状态', 'Status', 'enum', { options: PROJECT_STATUS_LABELS });

/** Fields by name, as most entity types use them. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, AuditFieldLabel>> = {
  achieved: f('完成量', 'Achieved', 'number'),
  achievedOn: f('完成日期', 'Achieved on', 'date'),
  active: f('账号在用', 'Active', 'boolean'),
  agenda: f('会议议程', 'Agenda', 'text'),
  agreementRef: f('协议编号', 'Agreement no.', 'text'),
  amount: f('金额', 'Amount', 'amount'),
  attendees: f('参会人员', 'Attendees', 'texts'),
  attendingUnitIds: f('参会单位', 'Attending units', 'units'),
  balancePeriodYears: f('平衡周期', 'Balance period', 'count', { suffix: '年' }),
  chain: f('所属产业链', 'Chain', 'chain'),
  chainCode: f('产业链', 'Chain', 'chain'),
  chains: f('产业链', 'Chains', 'chains'),
  chair: f('主持人', 'Chair', 'named'),
  completedOn: f('竣工投产日期', 'Completed on', 'date'),
  concludedBy: f('评估人', 'Concluded by', 'user'),
  concludedOn: f('结论日期', 'Concluded on', 'date'),
  conclusion: f('评估结论', 'Conclusion', 'enum', { options: EVALUATION_CONCLUSION_LABELS }),
  conditions: f('通过条件', 'Conditions', 'text'),
  constructionMonths: f('开工后未投产预警（月）', 'Months under construction before an alert', 'count', { suffix: '个月' }),
  constructionPermitRef: f('施工许可证号', 'Construction permit no.', 'text'),
  constructionStartedOn: f('开工日期', 'Construction started on', 'date'),
  createdAt: f('创建时间', 'Created at', 'hidden'),
  creditCode: f('统一社会信用代码', 'Credit code', 'text'),
  dayOfMonth: f('每月召开日', 'Day of the month', 'count', { suffix: '日' }),
  dimensions: f('评估维度', 'Dimensions', 'dimensions'),
  direction: f('变更方向', 'Direction', 'enum', { options: { forward: '推进', backward: '回退' } }),
  displayName: f('姓名', 'Name', 'text'),
  draftedFrom: f('参照年度', 'Drafted from', 'year'),
  dueOn: f('完成时限', 'Due on', 'date'),
  eliminatedCategory: f('属淘汰类', 'Eliminated category', 'boolean'),
  enterpriseId: f('投资企业', 'Enterprise', 'enterprise'),
  evidenceNote: f('到位凭证说明', 'Evidence', 'text'),
  extendedTo: f('延期至', 'Extended to', 'date'),
  feasibility: f('可行性', 'Feasibility', 'text'),
  failedAttempts: f('连续登录失败次数', 'Failed attempts', 'count', { suffix: '次' }),
  format: f('导出格式', 'Format', 'enum', { options: { docx: 'Word 文档', xlsx: 'Excel 表格' } }),
  formerNames: f('曾用名', 'Former names', 'texts'),
  from: f('生效日期', 'From', 'date'),
  fromSnapshot: f('依据月末快照', 'From the month-end snapshot', 'boolean'),
  heldOn: f('会议日期', 'Held on', 'date'),
  id: f('编号', 'Id', 'hidden'),
  idleDays: f('久未跟进预警（天）', 'Days without follow-up before an alert', 'count', { suffix: '天' }),
  industry: f('所属行业', 'Industry', 'text'),
  institution: f('评估机构', 'Institution', 'text'),
  investorName: f('投资方', 'Investor', 'text'),
  isLead: f('牵头单位', 'Lead unit', 'boolean'),
  keyTaskId: f('重点任务', 'Key task', 'keyTask'),
  kind: f('类别', 'Kind', 'text'),
  landApprovalRef: f('供地批复文号', 'Land approval no.', 'text'),
  landApprovedOn: f('供地日期', 'Land approved on', 'date'),
  landAreaMu: f('用地面积', 'Land area', 'area'),
  landNotStartedMonths: f('供地后未开工预警（月）', 'Months after land before an alert', 'count', { suffix: '个月' }),
  landParcel: f('地块', 'Land parcel', 'text'),
  landRoute: f('用地方式', 'Land route', 'enum', { options: LAND_ROUTE_LABELS }),
  late: f('逾期报送', 'Late', 'boolean'),
  location: f('建设地点', 'Location', 'text'),
  locked: f('已锁定', 'Locked', 'boolean'),
  lockedUntil: f('锁定至', 'Locked until', 'datetime'),
  major: f('重大项目', 'Major project', 'boolean'),
  meetingId: f('所属会议', 'Meeting', 'meeting'),
  mergedInto: f('并入单位', 'Merged into', 'named'),
  minutes: f('会议纪要', 'Minutes', 'text'),
  month: f('到位月份', 'Month', 'period'),
  name: f('名称', 'Name', 'text'),
  narrative: f('综述', 'Narrative', 'text'),
  narrativeEdited: f('综述经人工修改', 'Narrative edited', 'boolean'),
  narrativeRedrafted: f('综述重新生成', 'Narrative redrafted', 'boolean'),
  nextFollowUpOn: f('下次跟进日期', 'Next follow-up on', 'date'),
  nextMonthPlan: f('下月工作计划', 'Next month', 'text'),
  nextStep: f('下一步工作', 'Next step', 'text'),
  note: f('说明', 'Note', 'text'),
  notified: f('已通知', 'Notified', 'users'),
  occurredOn: f('跟进日期', 'Occurred on', 'date'),
  on: f('并入日期', 'On', 'date'),
  openedWithMove: f('随阶段推进发起', 'Opened with a stage move', 'boolean'),
  opensAt: f('开始填报时间', 'Opens at', 'datetime'),
  outputBenefit: f('产出效益', 'Output and benefit', 'text'),
  ourParticipants: f('我方人员', 'Our participants', 'text'),
  ownerId: f('项目负责人', 'Owner', 'user'),
  ownerUnitId: f('责任单位', 'Owner unit', 'unit'),
  ownerUserId: f('责任人', 'Owner', 'user'),
  ownership: f('企业性质', 'Ownership', 'enum', { options: OWNERSHIP_LABELS }),
  password: f('登录密码', 'Password', 'enum', { options: { changed: '本人已修改', reset: '管理员已重置' } }),
  period: f('报告期', 'Period', 'period'),
  personId: f('人员', 'Person', 'person'),
  plan: f('方案内容', 'Plan', 'summary'),
  plantAreaSqm: f('厂房面积', 'Plant area', 'number', { suffix: '平方米' }),
  planStatus: f('方案状态', 'Plan status', 'enum', { options: { draft: '草稿', published: '已发布' } }),
  plannedInvestment: f('计划总投资', 'Planned investment', 'amount'),
  posts: f('职务', 'Posts', 'posts'),
  preReviewOverrideReason: f('不待预审意见的理由', 'Reason for not waiting for pre-reviews', 'text'),
  missingUnitIds: f('尚未回复的单位', 'Units yet to answer', 'units'),
  problems: f('存在的问题', 'Problems', 'text'),
  projectId: f('项目', 'Project', 'project'),
  reachedOn: f('进入该阶段日期', 'Reached on', 'date'),
  reason: f('原因', 'Reason', 'text'),
  recipients: f('提醒人数', 'Recipients', 'count', { suffix: '人' }),
  region: f('所在地区', 'Region', 'text'),
  relatedChains: f('关联产业链', 'Related chains', 'chains'),
  remindDaysBefore: f('提前提醒天数', 'Remind days before', 'count', { suffix: '天' }),
  responsibleUnitId: f('责任单位', 'Responsible unit', 'unit'),
  returnComment: f('退回意见', 'Return comment', 'text'),
  role: f('职责', 'Role', 'text'),
  roles: f('角色', 'Roles', 'enums', { options: ROLE_LABELS }),
  rolesPassed: f('移交职责数', 'Roles passed on', 'count', { suffix: '项' }),
  rollUpVersion: f('汇总版本', 'Roll-up version', 'number'),
  sector: f('产业门类', 'Sector', 'enum', { options: SECTOR_LABELS }),
  signedAmount: f('签约金额', 'Signed amount', 'amount'),
  signedNoLandMonths: f('签约后未供地预警（月）', 'Months after signing before an alert', 'count', { suffix: '个月' }),
  signedOn: f('签约日期', 'Signed on', 'date'),
  siteDocumentKind: f('场地权属证明类型', 'Site document kind', 'enum', { options: SITE_DOCUMENT_KIND_LABELS }),
  siteDocumentOn: f('产权证或租赁合同日期', 'Site document date', 'date'),
  siteDocumentRef: f('产权证号或租赁合同编号', 'Title or lease no.', 'text'),
  sourceChannel: f('招商渠道', 'Source channel', 'enum', { options: SOURCE_CHANNEL_LABELS }),
  stage: f('阶段', 'Stage', 'enum', { options: STAGE_LABELS }),
  state: f('状态', 'State', 'enum', {
    options: { draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已通过' },
  }),
  status: PROJECT_STATUS,
  statusReason: f('状态原因', 'Status reason', 'text'),
  submittedAt: f('报送时间', 'Submitted at', 'datetime'),
  summary: f('跟进内容', 'Summary', 'text'),
  tags: f('企业标签', 'Tags', 'enums', { options: ENTERPRISE_TAG_LABELS }),
  takenAt: f('快照时间', 'Snapshot taken at', 'datetime'),
  text: f('内容', 'Text', 'text'),
  theirParticipants: f('对方人员', 'Their participants', 'text'),
  thirdParty: f('第三方评估', 'Third party', 'boolean'),
  unitId: f('单位', 'Unit', 'unit'),
  unitName: f('单位名称', 'Unit name', 'text'),
  updatedAt: f('更新时间', 'Updated at', 'hidden'),
  username: f('登录名', 'Username', 'text'),
  usersMoved: f('转入用户数', 'Users moved', 'count', { suffix: '人' }),
  validFrom: f('任职起始日期', 'Valid from', 'date'),
  validTo: f('任职终止日期', 'Valid to', 'date'),
  value: f('设定值', 'Value', 'text'),
  verified: f('已核实', 'Verified', 'boolean'),
  version: f('版本', 'Version', 'number'),
  workDone: f('本月工作完成情况', 'Work done', 'text'),
  year: f('年度', 'Year', 'year'),
};

/** Where a field means something else for one entity type. */
export const AUDIT_ENTITY_FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, AuditFieldLabel>>>> = {
  activity: {
    kind: f('跟进方式', 'Kind', 'enum', { options: ACTIVITY_KIND_LABELS }),
    major: f('涉及重大项目', 'Major', 'boolean'),
    contactIds: f('参加的联系人', 'Contacts', 'texts'),
  },
  agreement: { kind: f('协议类别', 'Kind', 'enum', { options: AGREEMENT_KIND_LABELS }), note: f('补充说明', 'Note', 'text') },
  meeting: { kind: f('会议类别', 'Kind', 'enum', { options: MEETING_KIND_LABELS }) },
  action_item: {
    status: f('办理状态', 'Status', 'enum', { options: { open: '未开始', 'in-progress': '办理中', done: '已办结' } }),
    text: f('交办内容', 'Text', 'text'),
    note: f('办理说明', 'Note', 'text'),
  },
  action_item_note: { text: f('进展说明', 'Text', 'text') },
  pre_review_request: {
    evaluationId: f('所属评估', 'Evaluation', 'hidden'),
    unitId: f('征求意见单位', 'Unit asked', 'unit'),
    topic: f('征求意见事项', 'Topic', 'text'),
    dueOn: f('回复期限', 'Due on', 'date'),
    status: f('预审状态', 'Status', 'enum', { options: { pending: '待回复', answered: '已回复', withdrawn: '已撤回' } }),
    answer: f('预审意见', 'Answer', 'enum', { options: PRE_REVIEW_ANSWER_LABELS }),
    answerText: f('意见内容', 'Text', 'text'),
  },
  annual_plan: { status: f('方案状态', 'Status', 'enum', { options: { draft: '草稿', published: '已发布' } }), value: f('修改内容', 'Change', 'object') },
  chain_target: { value: f('工作目标', 'Target', 'object') },
  sector_growth_target: { value: f('增速目标', 'Growth target', 'object') },
  key_task: { value: f('重点任务', 'Key task', 'object') },
  funds_baseline: { amount: f('到位资金实绩', 'Funds in place', 'amount') },
  chain_leader: {
    kind: f('类别', 'Kind', 'enum', { options: { leader: '领导', unit: '单位' } }),
    role: f('职责', 'Role', 'enum', { options: { liaison: '包联领导', responsible: '责任领导' } }),
    name: f('姓名', 'Name', 'text'),
  },
  chain_unit: {
    kind: f('类别', 'Kind', 'enum', { options: { leader: '领导', unit: '单位' } }),
    role: f('职责', 'Role', 'enum', { options: { responsible: '责任单位', cooperating: '配合单位' } }),
    name: f('单位名称', 'Name', 'text'),
  },
  unit: { name: f('单位名称', 'Name', 'text') },
  office_setting: { value: f('设定值', 'Value', 'number') },
  document_setting: { value: f('设定内容', 'Value', 'text') },
  report_reminder: { period: f('报告期', 'Period', 'period') },
  roll_up: { version: f('汇总版本', 'Version', 'number') },
  roll_up_publication: {
    seq: f('发布序号', 'Publication number', 'number'),
    documentNumber: f('发文字号', 'Document number', 'text'),
  },
  instruction: {
    text: f('批示内容', 'Text', 'text'),
    readAt: f('已读时间', 'Read at', 'datetime'),
    acknowledgedAt: f('已阅时间', 'Acknowledged at', 'datetime'),
  },
  instruction_reply: {
    text: f('回复内容', 'Text', 'text'),
    instruction: f('所回复的批示', 'Instruction replied to', 'hidden'),
  },
  reporting_period: { cutoff: f('统计截止日', 'Statistical cut-off', 'date') },
  chain_map: {
    links: f('图谱环节', 'Links', 'hidden'),
    draftedFrom: f('沿用年度', 'Drafted from', 'year'),
  },
  remembered_device: {
    device: f('设备', 'Device', 'text'),
    until: f('有效期至', 'Valid until', 'datetime'),
  },
  enterprise: {
    name: f('企业名称', 'Name', 'text'),
    parentEnterpriseId: f('上级企业', 'Parent firm', 'enterprise'),
    mergedIntoId: f('已并入企业', 'Merged into', 'enterprise'),
    mergeId: f('合并记录', 'Merge', 'hidden'),
    into: f('并入企业', 'Merged into', 'enterprise'),
    projectIds: f('转移的项目', 'Projects moved', 'texts'),
    contactIds: f('转移的联系人', 'Contacts moved', 'texts'),
    subsidiaryIds: f('转移的下属企业', 'Subsidiaries moved', 'texts'),
    creditCode: f('统一社会信用代码', 'Credit code', 'text'),
  },
  // 联系人: personal fields are kept as a marker of the change, never their values (个人信息保护法).
  contact: {
    name: f('姓名', 'Name', 'hidden'),
    title: f('职务', 'Title', 'hidden'),
    mobile: f('手机', 'Mobile', 'hidden'),
    landline: f('座机', 'Landline', 'hidden'),
    wechat: f('微信', 'WeChat', 'hidden'),
    email: f('电子邮箱', 'E-mail', 'hidden'),
    notes: f('备注', 'Notes', 'hidden'),
    enterpriseId: f('所在企业', 'Firm', 'enterprise'),
    knownByUserIds: f('熟悉该联系人的工作人员', 'Staff who know them', 'users'),
    projectIds: f('关联项目', 'Projects', 'texts'),
    shown: f('查看内容', 'Shown', 'text'),
    projectId: f('项目', 'Project', 'project'),
    count: f('导出条数', 'Rows exported', 'number'),
    reason: f('删除原因', 'Reason', 'text'),
  },
  courting_conflict: {
    leadProjectId: f('牵头项目', 'Leading project', 'project'),
    note: f('说明', 'Note', 'text'),
  },
  user: {
    unitId: f('所在单位', 'Unit', 'unit'),
    personId: f('对应人员', 'Person', 'person'),
    sessionsEnded: f('结束的登录', 'Sessions ended', 'number'),
    rememberedDevicesEnded: f('其中记住的设备', 'Remembered devices among them', 'number'),
  },
  project: {
    name: f('项目名称', 'Name', 'text'),
    status: PROJECT_STATUS,
    reason: f('变更原因', 'Reason', 'text'),
    eventId: f('招商活动', 'Promotion event', 'text'),
    notes: f('备注', 'Notes', 'text'),
    chainLinkId: f('图谱环节', 'Chain-map link', 'text'),
    chainLinkKind: f('补链类型', 'Link kind', 'enum', { options: CHAIN_LINK_KIND_LABELS }),
  },
  // 附件: what the file is and where it belongs; its bytes stay in the file's own row.
  stored_file: {
    ownerType: f('所属记录类型', 'Record type', 'text'),
    ownerId: f('所属记录', 'Record', 'text'),
    kind: f('附件类别', 'Kind', 'enum', { options: STORED_FILE_KIND_LABELS }),
    name: f('文件名', 'File name', 'text'),
    mediaType: f('文件类型', 'Media type', 'text'),
    sizeBytes: f('文件大小', 'Size', 'number', { suffix: '字节' }),
    sha256: f('SHA-256校验值', 'SHA-256', 'text'),
  },
  promotion_event: {
    name: f('活动名称', 'Name', 'text'),
    kind: f('活动形式', 'Kind', 'enum', { options: PROMOTION_EVENT_KIND_LABELS }),
    startsOn: f('开始日期', 'Starts on', 'date'),
    endsOn: f('结束日期', 'Ends on', 'date'),
    place: f('活动地点', 'Place', 'text'),
    leadPersonId: f('带队领导', 'Leading official', 'person'),
    unitIds: f('参加单位', 'Units', 'units'),
    enterpriseIds: f('洽谈企业', 'Firms met', 'texts'),
    contactIds: f('会见联系人', 'Contacts met', 'texts'),
    notes: f('备注', 'Notes', 'text'),
  },
  guarantee_request: {
    kind: f('要素类别', 'Kind', 'enum', { options: GUARANTEE_KIND_LABELS }),
    description: f('需求说明', 'Description', 'text'),
    areaMu: f('用地面积', 'Land area', 'area'),
    powerKw: f('用电负荷（千瓦）', 'Power load (kW)', 'number'),
    powerMwhPerYear: f('年用电量（兆瓦时/年）', 'Electricity (MWh/year)', 'number'),
    waterM3PerYear: f('年用水量（立方米/年）', 'Water (m³/year)', 'number'),
    gasM3PerYear: f('年用气量（立方米/年）', 'Gas (m³/year)', 'number'),
    quantity: f('数量', 'Quantity', 'number'),
    quantityUnit: f('数量单位', 'Quantity unit', 'text'),
    financeWan: f('融资需求', 'Finance needed', 'amount'),
    unitId: f('要素保障部门', 'Bureau', 'unit'),
    dueOn: f('办理时限', 'Due on', 'date'),
    status: f('办理状态', 'Status', 'enum', { options: GUARANTEE_STATUS_LABELS }),
    statusOn: f('办理日期', 'Status date', 'date'),
    expectedOn: f('预计办结日期', 'Expected on', 'date'),
    note: f('办理说明', 'Note', 'text'),
  },
};

/** The name of an entity type; an unknown one shows as stored. */
export function auditEntityLabel(type: string): AuditLabel {
  return AUDIT_ENTITY_LABELS[type] ?? { zh: type, en: type };
}

/** The name and kind of a field of an entity type, or null when the registry has none. */
export function auditFieldLabel(entityType: string, field: string): AuditFieldLabel | null {
  return AUDIT_ENTITY_FIELD_LABELS[entityType]?.[field] ?? AUDIT_FIELD_LABELS[field] ?? null;
}

const NAME_KINDS: Partial<Record<AuditValueKind, AuditNameKind>> = {
  unit: 'unit',
  units: 'unit',
  person: 'person',
  user: 'user',
  users: 'user',
  chain: 'chain',
  chains: 'chain',
  enterprise: 'enterprise',
  keyTask: 'keyTask',
  project: 'project',
  meeting: 'meeting',
};

/** The ids an entry holds that the name book should resolve, by kind. */
export function auditIdsToResolve(
  entityType: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<AuditNameKind, Set<string>> {
  const ids: Record<AuditNameKind, Set<string>> = {
    unit: new Set(),
    person: new Set(),
    user: new Set(),
    chain: new Set(),
    enterprise: new Set(),
    keyTask: new Set(),
    project: new Set(),
    meeting: new Set(),
  };
  for (const side of [before, after]) {
    for (const [field, value] of Object.entries(side ?? {})) {
      const label = auditFieldLabel(entityType, field);
      const kind = label && NAME_KINDS[label.kind];
      if (!kind || value === null || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v === 'string' || typeof v === 'number') ids[kind].add(String(v));
      }
    }
  }
  return ids;
}

/** 1234567.50 → "1,234,567.5" (string arithmetic only: amounts are never floats). */
function groupDigits(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [int, frac] = decimal.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = frac ? frac.replace(/0+$/, '') : '';
  return (negative ? '-' : '') + grouped + (tail ? '.' + tail : '');
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
function shanghai(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS).toISOString();
}

/** A date as yyyy-MM-dd: a calendar date as it is, an instant on its Shanghai day. */
export function formatAuditDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return shanghai(value)?.slice(0, 10) ?? value;
}

/** An instant as yyyy-MM-dd HH:mm, Shanghai time. */
export function formatAuditDateTime(value: string): string {
  const s = shanghai(value);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : value;
}

/** "2026-03" → "2026年3月". */
function formatPeriodWords(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月` : value;
}

const EMPTY = '（空）';

function scalar(value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return YES_NO[String(value) as 'true' | 'false'];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(scalar).join('、') : EMPTY;
  if (typeof value === 'object') {
    const named = value as { name?: unknown; label?: unknown };
    if (typeof named.name === 'string') return named.name;
    return describeObject(value as Record<string, unknown>, '', {});
  }
  return String(value);
}

/** A nested object in words: "名称：值；名称：值", with the registry's names where it has them. */
function describeObject(value: Record<string, unknown>, entityType: string, names: AuditNameBook, depth = 0): string {
  if (depth > 2) return '…';
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const label = auditFieldLabel(entityType, key);
    if (label?.kind === 'hidden') continue;
    const text =
      label && label.kind !== 'object'
        ? formatAuditValue(label, v, names)
        : v && typeof v === 'object' && !Array.isArray(v)
          ? `（${describeObject(v as Record<string, unknown>, entityType, names, depth + 1)}）`
          : scalar(v);
    parts.push(`${label?.zh ?? key}：${text}`);
  }
  return parts.join('；') || EMPTY;
}

function byName(names: AuditNameBook, kind: AuditNameKind, id: unknown): string {
  if (id === null || id === undefined || id === '') return EMPTY;
  return names[kind]?.[String(id)] ?? String(id);
}

/** One value in words, by its field's kind. */
export function formatAuditValue(label: AuditFieldLabel, value: unknown, names: AuditNameBook = {}): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  switch (label.kind) {
    case 'hidden':
    case 'text':
    case 'number':
      return scalar(value);
    case 'texts':
      return Array.isArray(value) ? (value.length ? value.map(scalar).join('、') : EMPTY) : scalar(value);
    case 'count':
      return `${scalar(value)}${label.suffix ?? ''}`;
    case 'amount': {
      const text = String(value);
      return /^-?\d+(\.\d+)?$/.test(text) ? `${groupDigits(text)}万元` : text;
    }
    case 'area': {
      const text = String(value);
      return /^-?\d+(\.\d+)?$/.test(text) ? `${groupDigits(text)}亩` : text;
    }
    case 'date':
      return typeof value === 'string' ? formatAuditDate(value) : scalar(value);
    case 'datetime':
      return typeof value === 'string' ? formatAuditDateTime(value) : scalar(value);
    case 'period':
      return typeof value === 'string' ? formatPeriodWords(value) : scalar(value);
    case 'year':
      return `${scalar(value)}年`;
    case 'boolean':
      return typeof value === 'boolean' ? YES_NO[String(value) as 'true' | 'false'] : scalar(value);
    case 'enum':
      return label.options?.[String(value)] ?? scalar(value);
    case 'enums':
      return Array.isArray(value)
        ? value.length
          ? value.map((v) => label.options?.[String(v)] ?? scalar(v)).join('、')
          : EMPTY
        : (label.options?.[String(value)] ?? scalar(value));
    case 'named':
      return typeof value === 'object' && value !== null && 'name' in value ? scalar((value as { name: unknown }).name) : scalar(value);
    case 'posts':
      return Array.isArray(value) && value.length
        ? value
            .map((p: { position?: string; validFrom?: string | null; validTo?: string | null }) => {
              const span = p.validFrom || p.validTo ? `（${p.validFrom ?? '…'} 至 ${p.validTo ?? '今'}）` : '';
              return `${p.position ?? ''}${span}`;
            })
            .join('；')
        : EMPTY;
    case 'dimensions':
      return Array.isArray(value) && value.length
        ? value
            .map((d: { dimension?: string; rating?: string | null; note?: string | null }) => {
              const dim = EVALUATION_DIMENSION_LABELS[d.dimension as keyof typeof EVALUATION_DIMENSION_LABELS] ?? d.dimension;
              const rating = d.rating ? (EVALUATION_RATING_LABELS[d.rating as keyof typeof EVALUATION_RATING_LABELS] ?? d.rating) : '未评';
              return `${dim}：${rating}${d.note ? `（${d.note}）` : ''}`;
            })
            .join('；')
        : EMPTY;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value)
        ? describeObject(value as Record<string, unknown>, '', names)
        : scalar(value);
    case 'summary':
      return '（整份方案，见年度工作方案页面）';
    default: {
      const kind = NAME_KINDS[label.kind];
      if (!kind) return scalar(value);
      return Array.isArray(value) ? (value.length ? value.map((v) => byName(names, kind, v)).join('、') : EMPTY) : byName(names, kind, value);
    }
  }
}

/**
 * The fields of an entry, before → after, in words; hidden fields (ids, timestamps of the row) and
 * the empty fields of a creation or deletion left out.
 */
export function auditChanges(
  entityType: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  names: AuditNameBook = {},
): AuditChangeView[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const changes: AuditChangeView[] = [];
  for (const field of fields) {
    const label = auditFieldLabel(entityType, field) ?? { zh: field, en: field, kind: 'text' as const };
    if (label.kind === 'hidden') continue;
    const has = (side: Record<string, unknown> | null) => !!side && Object.prototype.hasOwnProperty.call(side, field);
    const b = has(before) ? formatAuditValue(label, before?.[field], names) : null;
    const a = has(after) ? formatAuditValue(label, after?.[field], names) : null;
    // A creation's (or deletion's) empty fields say nothing: only what was set is listed.
    if ((b === null && a === EMPTY) || (a === null && b === EMPTY)) continue;
    changes.push({ field, label: label.zh, labelEn: label.en, before: b, after: a });
  }
  return changes;
}

/** The office setting's own name (its key is the entry's id). */
export function officeSettingName(key: string): string | null {
  return (OFFICE_SETTINGS as Record<string, { zh: string }>)[key]?.zh ?? null;
}
