import { CHAIN_CODES, type ChainCode } from '../chain';
import { ENTERPRISE_OWNERSHIPS, ENTERPRISE_TAG_LABELS, ENTERPRISE_TAGS, type EnterpriseOwnership, type EnterpriseTag } from '../enterprise';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, SOURCE_CHANNEL_LABELS, SOURCE_CHANNELS, type ProjectStatus, type SourceChannel } from '../pipeline/project';
import { STAGE_LABELS, STAGES, type Stage } from '../stage';
import { unitFromHeader, type AmountUnit } from './ledger-amount';

/**
 * Column headers of the office ledgers (《2025年招商引资重点项目动态管理表》 and the firm lists) and
 * the fields they fill. Each field has the header the template writes first, then the other ways
 * the task forces' own sheets write it. Headers are compared after normalising: full-width forms,
 * spaces, line breaks, required marks (*) and a unit in brackets do not matter.
 */
export type LedgerColumnKind = 'text' | 'amount' | 'date' | 'boolean' | 'decimal';

export interface LedgerColumn<F extends string = string> {
  field: F;
  /** The template's header (the unit of an amount is added in brackets). */
  header: string;
  synonyms: readonly string[];
  kind: LedgerColumnKind;
  required?: boolean;
}

export const PROJECT_LEDGER_FIELDS = [
  'name',
  'chain',
  'investorName',
  'investorCreditCode',
  'stage',
  'status',
  'sourceChannel',
  'responsibleUnit',
  'owner',
  'plannedInvestment',
  'signedAmount',
  'signedOn',
  'agreementRef',
  'landParcel',
  'landAreaMu',
  'landApprovalRef',
  'landApprovedOn',
  'landRoute',
  'siteDocumentKind',
  'siteDocumentRef',
  'siteDocumentOn',
  'plantAreaSqm',
  'constructionStartedOn',
  'constructionPermitRef',
  'completedOn',
  'location',
  'industry',
  'major',
  'contactName',
  'contactPhone',
  'event',
] as const;
export type ProjectLedgerField = (typeof PROJECT_LEDGER_FIELDS)[number];

export const PROJECT_LEDGER_COLUMNS: readonly LedgerColumn<ProjectLedgerField>[] = [
  { field: 'name', header: '项目名称', synonyms: ['项目', '招商项目', '项目名'], kind: 'text', required: true },
  { field: 'chain', header: '所属产业链', synonyms: ['产业链', '所属链条', '链条', '专班', '招商专班', '所属专班'], kind: 'text', required: true },
  { field: 'investorName', header: '投资方', synonyms: ['投资主体', '投资企业', '投资单位', '企业名称', '签约企业', '投资方名称', '意向企业'], kind: 'text', required: true },
  { field: 'investorCreditCode', header: '统一社会信用代码', synonyms: ['信用代码', '社会信用代码', '投资方信用代码', '统一代码'], kind: 'text' },
  { field: 'stage', header: '项目阶段', synonyms: ['推进阶段', '所处阶段', '当前环节', '项目环节', '项目进展阶段', '阶段'], kind: 'text', required: true },
  { field: 'status', header: '项目状态', synonyms: ['状态'], kind: 'text' },
  { field: 'sourceChannel', header: '招商方式', synonyms: ['招商渠道', '信息来源', '线索来源', '来源渠道'], kind: 'text' },
  { field: 'responsibleUnit', header: '责任单位', synonyms: ['牵头单位', '责任部门', '承办单位'], kind: 'text', required: true },
  { field: 'owner', header: '项目负责人', synonyms: ['负责人', '项目责任人', '专班负责人'], kind: 'text' },
  { field: 'plannedInvestment', header: '计划总投资', synonyms: ['总投资', '计划投资', '投资总额', '投资额', '拟投资额', '项目总投资'], kind: 'amount' },
  { field: 'signedAmount', header: '签约金额', synonyms: ['签约额', '协议金额', '协议投资额', '合同金额'], kind: 'amount' },
  { field: 'signedOn', header: '签约日期', synonyms: ['签约时间', '协议签订日期', '签订日期'], kind: 'date' },
  { field: 'agreementRef', header: '协议编号', synonyms: ['合同编号', '协议文号', '签约协议编号'], kind: 'text' },
  { field: 'landParcel', header: '用地地块', synonyms: ['地块', '供地地块', '用地位置'], kind: 'text' },
  { field: 'landAreaMu', header: '用地面积（亩）', synonyms: ['用地面积', '供地面积', '占地面积'], kind: 'decimal' },
  { field: 'landApprovalRef', header: '用地批复文号', synonyms: ['供地批复文号', '用地批复', '批复文号'], kind: 'text' },
  { field: 'landApprovedOn', header: '供地日期', synonyms: ['用地批复日期', '供地时间', '批复日期'], kind: 'date' },
  // 盘活存量 (issue 21 §3): an existing site or idle plant, proven by its title or lease instead of an approval.
  { field: 'landRoute', header: '用地方式', synonyms: ['供地方式', '用地类型', '土地来源'], kind: 'text' },
  { field: 'siteDocumentKind', header: '场地权属', synonyms: ['权属类型', '场地权属类型', '产权或租赁'], kind: 'text' },
  { field: 'siteDocumentRef', header: '产权证号或租赁合同编号', synonyms: ['产权证号', '不动产权证号', '租赁合同编号', '权属证明编号'], kind: 'text' },
  { field: 'siteDocumentOn', header: '产权证或租赁合同日期', synonyms: ['产权证日期', '租赁合同日期', '权属证明日期'], kind: 'date' },
  { field: 'plantAreaSqm', header: '厂房面积（平方米）', synonyms: ['厂房面积', '闲置厂房面积'], kind: 'decimal' },
  { field: 'constructionStartedOn', header: '开工日期', synonyms: ['开工时间', '实际开工日期'], kind: 'date' },
  { field: 'constructionPermitRef', header: '施工许可证号', synonyms: ['施工许可证编号', '施工许可证', '开工许可'], kind: 'text' },
  { field: 'completedOn', header: '竣工投产日期', synonyms: ['竣工日期', '投产日期', '竣工时间', '投产时间'], kind: 'date' },
  { field: 'location', header: '建设地点', synonyms: ['项目地点', '建设地址', '落地地点', '选址'], kind: 'text' },
  { field: 'industry', header: '所属行业', synonyms: ['行业', '行业类别', '产业类别'], kind: 'text' },
  { field: 'major', header: '是否重大项目', synonyms: ['重大项目', '是否重大'], kind: 'boolean' },
  { field: 'contactName', header: '联系人', synonyms: ['企业联系人', '联系人姓名', '投资方联系人'], kind: 'text' },
  { field: 'contactPhone', header: '联系电话', synonyms: ['联系方式', '联系人电话', '手机号码', '手机'], kind: 'text' },
  { field: 'event', header: '招商活动', synonyms: ['活动名称', '签约活动', '所属活动', '招商活动名称'], kind: 'text' },
];

export const ENTERPRISE_LEDGER_FIELDS = ['name', 'creditCode', 'ownership', 'tags', 'region'] as const;
export type EnterpriseLedgerField = (typeof ENTERPRISE_LEDGER_FIELDS)[number];

export const ENTERPRISE_LEDGER_COLUMNS: readonly LedgerColumn<EnterpriseLedgerField>[] = [
  { field: 'name', header: '企业名称', synonyms: ['企业', '单位名称', '公司名称', '名称', '企业全称'], kind: 'text', required: true },
  { field: 'creditCode', header: '统一社会信用代码', synonyms: ['信用代码', '社会信用代码', '统一代码'], kind: 'text' },
  { field: 'ownership', header: '所有制', synonyms: ['企业性质', '所有制性质', '经济类型', '企业类型'], kind: 'text' },
  { field: 'tags', header: '企业标签', synonyms: ['标签', '企业类别', '重点企业类别'], kind: 'text' },
  { field: 'region', header: '所在地区', synonyms: ['地区', '注册地', '所在地', '企业所在地', '属地'], kind: 'text' },
];

/** Columns every office sheet carries that the import reads nothing from. */
export const IGNORED_LEDGER_HEADERS = [
  '序号',
  '编号',
  '备注',
  '说明',
  '到位资金',
  '累计到位资金',
  '最近跟进日期',
  '下次跟进日期',
];

/** A header as compared: full-width forms folded, spaces, marks and a bracketed unit removed. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\s*＊※]+/g, '')
    .replace(/\((?:单位[:：]?)?(?:万元|亿元|元|万|亿|亩)\)/g, '')
    .toLowerCase();
}

export interface HeaderMatch<F extends string> {
  /** Index of the header in the row as given. */
  index: number;
  header: string;
  field: F | null;
  /** The unit an amount header names (null: none named, read as 万元). */
  unit: AmountUnit | null;
  ignored: boolean;
}

export interface HeaderMapping<F extends string> {
  columns: HeaderMatch<F>[];
  /** Required fields no header maps to. */
  missing: F[];
  /** Fields two headers map to (the first wins). */
  duplicates: F[];
  /** Headers neither mapped nor ignored (offer them in the mapping step). */
  unknown: string[];
}

/**
 * Maps a sheet's header row to fields. `overrides` (header as written → field, or null to skip)
 * is the user's own mapping for a sheet that differs.
 */
export function mapLedgerHeaders<F extends string>(
  headers: readonly (string | null | undefined)[],
  columns: readonly LedgerColumn<F>[],
  overrides: Readonly<Record<string, F | null>> = {},
): HeaderMapping<F> {
  const lookup = new Map<string, F>();
  for (const column of columns) {
    for (const name of [column.header, ...column.synonyms]) {
      const key = normaliseHeader(name);
      if (!lookup.has(key)) lookup.set(key, column.field);
    }
  }
  const ignored = new Set(IGNORED_LEDGER_HEADERS.map(normaliseHeader));
  const seen = new Set<F>();
  const duplicates: F[] = [];
  const unknown: string[] = [];
  const result: HeaderMatch<F>[] = [];
  headers.forEach((raw, index) => {
    const header = (raw ?? '').toString().trim();
    if (header === '') return;
    const key = normaliseHeader(header);
    let field: F | null = null;
    let isIgnored = false;
    if (Object.prototype.hasOwnProperty.call(overrides, header)) {
      field = overrides[header];
      isIgnored = field === null;
    } else {
      field = lookup.get(key) ?? null;
      isIgnored = field === null && ignored.has(key);
      if (field === null && !isIgnored) unknown.push(header);
    }
    if (field !== null && seen.has(field)) {
      duplicates.push(field);
      field = null;
    } else if (field !== null) {
      seen.add(field);
    }
    result.push({ index, header, field, unit: field === null ? null : unitFromHeader(header), ignored: isIgnored });
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.field)).map((c) => c.field);
  return { columns: result, missing, duplicates, unknown };
}

/** The template's header row, amounts with their unit: "计划总投资（万元）". */
export function templateHeaders<F extends string>(columns: readonly LedgerColumn<F>[]): string[] {
  return columns.map((c) => (c.kind === 'amount' ? `${c.header}（万元）` : c.header));
}

/** 产业链 as sheets name them: full name, short name or code. */
export const CHAIN_LEDGER_NAMES: Record<ChainCode, readonly string[]> = {
  'clean-energy': ['清洁能源产业链', '清洁能源', '清洁能源专班'],
  'salt-lake-chemical': ['盐湖化工产业链', '盐湖化工', '盐湖化工专班'],
  metallurgy: ['金属冶金产业链', '金属冶金', '冶金', '金属冶金专班'],
  'oil-gas-chemical': ['油气能源化工产业链', '油气能源化工', '油气化工', '油气化工产业链'],
  'land-port-logistics': ['陆港物流产业链', '陆港物流', '陆港物流专班'],
  'culture-tourism': ['文化旅游产业链', '文化旅游', '文旅', '文旅产业链'],
  'agri-pastoral': ['特色农牧产业链', '特色农牧', '农牧', '农牧产业链'],
};

const fold = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();

function labelLookup<T extends string>(codes: readonly T[], labels: (code: T) => readonly string[]): (text: string) => T | null {
  const map = new Map<string, T>();
  for (const code of codes) for (const label of [code, ...labels(code)]) map.set(fold(label), code);
  return (text) => map.get(fold(text)) ?? null;
}

export const chainFromLabel = labelLookup(CHAIN_CODES, (c) => CHAIN_LEDGER_NAMES[c]);

const STAGE_SHORT: Record<Stage, readonly string[]> = {
  lead: ['信息收集', '线索', '储备', '谋划'],
  negotiation: ['对接洽谈', '洽谈', '对接', '在谈'],
  evaluation: ['项目评估', '评估'],
  signed: ['项目签约', '签约', '已签约'],
  land: ['项目供地', '供地', '已供地'],
  construction: ['项目开工', '开工', '在建', '已开工'],
  production: ['竣工投产', '投产', '竣工', '已投产', '建成'],
};

/** One of the seven stages by its label (项目签约, 签约, signed), or null. */
export const stageFromLabel = labelLookup(STAGES, (s) => [STAGE_LABELS[s], ...STAGE_SHORT[s]]);

export const statusFromLabel: (text: string) => ProjectStatus | null = labelLookup(PROJECT_STATUSES, (s) => [
  PROJECT_STATUS_LABELS[s],
  ...(s === 'active' ? ['正常', '推进', '正常推进'] : s === 'dropped' ? ['已终止'] : ['已暂缓']),
]);

export const sourceChannelFromLabel: (text: string) => SourceChannel | null = labelLookup(SOURCE_CHANNELS, (c) =>
  SOURCE_CHANNEL_LABELS[c].split('/').concat(SOURCE_CHANNEL_LABELS[c]),
);

export const OWNERSHIP_LABELS: Record<EnterpriseOwnership, string> = {
  'central-soe': '央企',
  'local-soe': '地方国企',
  private: '民营',
  foreign: '外资',
  mixed: '混合所有制',
  other: '其他',
};

export const ownershipFromLabel: (text: string) => EnterpriseOwnership | null = labelLookup(ENTERPRISE_OWNERSHIPS, (o) => [
  OWNERSHIP_LABELS[o],
  ...(o === 'central-soe' ? ['中央企业'] : o === 'local-soe' ? ['国企', '国有企业', '地方国有企业'] : o === 'private' ? ['民营企业', '民企'] : o === 'foreign' ? ['外资企业', '外商投资'] : []),
]);

export const tagFromLabel: (text: string) => EnterpriseTag | null = labelLookup(ENTERPRISE_TAGS, (t) => [ENTERPRISE_TAG_LABELS[t]]);

/** 是/否 as sheets write it; null when neither. Empty reads as no. */
export function booleanFromLabel(text: string): boolean | null {
  const value = fold(text);
  if (['', '否', '不是', 'n', 'no', 'false', '0', '×'].includes(value)) return false;
  if (['是', 'y', 'yes', 'true', '1', '√', '✓', '重大'].includes(value)) return true;
  return null;
}
