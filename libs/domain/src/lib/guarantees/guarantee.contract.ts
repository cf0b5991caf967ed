import type { CockpitProjectRef } from '../cockpit/cockpit.contract';
import type { RuleProblem } from '../pipeline/rule-problem';

/**
 * 要素保障 (plan 四、强化要素保障供给支撑 §(十五)–(二十), and §(二十四) "要素保障部门配合"): what a
 * project needs from the city — 用地, 用电, 用水, 用气, 矿产资源, 排放指标, 融资 — each sent to the
 * responsible bureau (要素保障部门) with a due date, and the bureau's answers.
 */
export const GUARANTEE_KINDS = ['land', 'power', 'water', 'gas', 'minerals', 'emissions', 'finance'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const GUARANTEE_KIND_LABELS: Record<GuaranteeKind, string> = {
  land: '用地',
  power: '用电',
  water: '用水',
  gas: '用气',
  minerals: '矿产资源',
  emissions: '排放指标',
  finance: '融资',
};

export const GUARANTEE_KIND_LABELS_EN: Record<GuaranteeKind, string> = {
  land: 'Land',
  power: 'Power',
  water: 'Water',
  gas: 'Gas',
  minerals: 'Minerals',
  emissions: 'Emission quotas',
  finance: 'Finance',
};

/**
 * The bureau suggested for a kind, by the unit's name in the reference data, where the plan and
 * its annex name one: 自然资源局 for land (§(十七) 做实规划用地) and mineral rights (§(十六) 矿业权出让),
 * 能源局 for power and gas (§(十五) 绿电协同, §(二十) 用气), 水利局 for water (§(二十) 水利工程、供水保障),
 * 生态环境局 for emission quotas (§(十八) 主要污染物排放指标). The reference data has no financial
 * bureau (§(十九) 加大金融支持), so finance has no default. A suggestion only: the sender chooses.
 */
export const GUARANTEE_DEFAULT_UNIT_NAMES: Record<GuaranteeKind, string | null> = {
  land: '市自然资源局',
  power: '市能源局',
  water: '市水利局',
  gas: '市能源局',
  minerals: '市自然资源局',
  emissions: '市生态环境局',
  finance: null,
};

/**
 * Where a request stands: sent (待受理, no answer yet), then the bureau's answers — 已受理 received,
 * 办理中 in progress, 已保障 secured, 无法满足 cannot be met. The last two close it.
 */
export const GUARANTEE_STATUSES = ['sent', 'received', 'in-progress', 'secured', 'cannot-meet'] as const;
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];
/** What a bureau may answer. */
export const GUARANTEE_ANSWER_STATUSES = ['received', 'in-progress', 'secured', 'cannot-meet'] as const;
export type GuaranteeAnswerStatus = (typeof GUARANTEE_ANSWER_STATUSES)[number];
export const GUARANTEE_CLOSED_STATUSES: readonly GuaranteeStatus[] = ['secured', 'cannot-meet'];

export const GUARANTEE_STATUS_LABELS: Record<GuaranteeStatus, string> = {
  sent: '待受理',
  received: '已受理',
  'in-progress': '办理中',
  secured: '已保障',
  'cannot-meet': '无法满足',
};

/**
 * The amounts of a need, as decimal strings (never floats), each in its own unit. Which apply
 * depends on the kind (GUARANTEE_AMOUNT_FIELDS).
 */
export interface GuaranteeAmounts {
  /** 用地面积（亩） */
  areaMu?: string | null;
  /** 用电负荷（千瓦） */
  powerKw?: string | null;
  /** 年用电量（兆瓦时/年） */
  powerMwhPerYear?: string | null;
  /** 年用水量（立方米/年） */
  waterM3PerYear?: string | null;
  /** 年用气量（立方米/年） */
  gasM3PerYear?: string | null;
  /** 矿产资源或排放指标的数量, in quantityUnit (吨/年, 万吨…) */
  quantity?: string | null;
  quantityUnit?: string | null;
  /** 融资需求（万元） */
  financeWan?: string | null;
}

export type GuaranteeAmountField = Exclude<keyof GuaranteeAmounts, 'quantityUnit'>;

/** The amounts each kind records; the first is required (power: one of the two). */
export const GUARANTEE_AMOUNT_FIELDS: Record<GuaranteeKind, GuaranteeAmountField[]> = {
  land: ['areaMu'],
  power: ['powerKw', 'powerMwhPerYear'],
  water: ['waterM3PerYear'],
  gas: ['gasM3PerYear'],
  minerals: ['quantity'],
  emissions: ['quantity'],
  finance: ['financeWan'],
};

export const GUARANTEE_AMOUNT_LABELS: Record<GuaranteeAmountField, { zh: string; en: string; unit: string }> = {
  areaMu: { zh: '用地面积', en: 'Land area', unit: '亩' },
  powerKw: { zh: '用电负荷', en: 'Power load', unit: '千瓦' },
  powerMwhPerYear: { zh: '年用电量', en: 'Electricity per year', unit: '兆瓦时/年' },
  waterM3PerYear: { zh: '年用水量', en: 'Water per year', unit: '立方米/年' },
  gasM3PerYear: { zh: '年用气量', en: 'Gas per year', unit: '立方米/年' },
  quantity: { zh: '数量', en: 'Quantity', unit: '' },
  financeWan: { zh: '融资需求', en: 'Finance needed', unit: '万元' },
};

/** numeric(18, 4): 14 digits before the point, 4 after (万元: numeric(20, 6), as every amount in 万元). */
const AMOUNT = /^\d{1,14}(\.\d{1,4})?$/;
const WAN = /^\d{1,14}(\.\d{1,6})?$/;

export const GUARANTEE_TEXT_LIMITS = { description: 500, quantityUnit: 20, note: 1000 } as const;

/** POST /api/projects/:id/guarantee-requests: one need, sent to one bureau. */
export interface GuaranteeRequestInput extends GuaranteeAmounts {
  kind: GuaranteeKind;
  /** 需求说明 (for minerals and emission quotas: which mineral, which pollutant; required there). */
  description?: string | null;
  /** The bureau (unit id of the reference data). */
  unitId: number;
  /** 办理时限: a business date (Asia/Shanghai), today or later. */
  dueOn: string;
}

/** PATCH /api/projects/:id/guarantee-requests/:requestId: a new due date, on the version read. */
export interface GuaranteeDueDateInput {
  dueOn: string;
  version: number;
}

/** POST /api/guarantee-requests/:id/answers: the bureau's answer, on the version read. */
export interface GuaranteeAnswerInput {
  status: GuaranteeAnswerStatus;
  /** The date of this status (受理日期, 保障日期…), a business date not after today. */
  statusOn: string;
  /** 预计办结日期 (for received / in progress). */
  expectedOn?: string | null;
  note?: string | null;
  version: number;
}

export interface GuaranteeAnswerView {
  status: GuaranteeAnswerStatus;
  statusOn: string;
  expectedOn: string | null;
  note: string | null;
  answeredBy: { id: string; name: string } | null;
  answeredAt: string;
}

export interface GuaranteeRequestView extends GuaranteeAmounts {
  id: string;
  project: CockpitProjectRef;
  kind: GuaranteeKind;
  description: string | null;
  unit: { id: number; name: string };
  /** Shanghai date it was sent. */
  sentOn: string;
  sentBy: { id: string; name: string } | null;
  dueOn: string;
  status: GuaranteeStatus;
  statusOn: string | null;
  expectedOn: string | null;
  note: string | null;
  /** Past its due date (Asia/Shanghai) and neither secured nor found impossible. */
  overdue: boolean;
  /** Days after the due date, when overdue. */
  daysOverdue: number | null;
  answers: GuaranteeAnswerView[];
  version: number;
  /** May the reader answer it (staff of the addressed unit)? */
  canAnswer: boolean;
}

/** GET /api/projects/:id/guarantee-requests */
export interface ProjectGuaranteesView {
  requests: GuaranteeRequestView[];
  /** May the reader send needs for this project (staff of a unit serving its chain)? */
  canRequest: boolean;
  /** The bureau suggested per kind, resolved to units of the reference data. */
  defaultUnits: Partial<Record<GuaranteeKind, { id: number; name: string }>>;
}

/** GET /api/guarantee-requests/queue?filter=open|all: what the reader's unit was asked. */
export interface GuaranteeQueueView {
  unit: { id: number; name: string } | null;
  requests: GuaranteeRequestView[];
}

/**
 * A project held up by a need (要素制约): the need is neither secured nor withdrawn and either its
 * due date has passed (Asia/Shanghai) or the bureau answered 无法满足. One definition
 * (blockedByNeeds in @crm/api/guarantees), read by the chain leader page, the meeting pack and the
 * roll-up.
 */
export interface BlockedByNeedView {
  project: CockpitProjectRef;
  chain: { code: string; nameZh: string };
  requestId: string;
  kind: GuaranteeKind;
  /** The need in words: 用地 120亩, 用电 20000千瓦、16000兆瓦时/年… */
  need: string;
  unit: { id: number; name: string };
  status: GuaranteeStatus;
  sentOn: string;
  dueOn: string;
  /** Days from sending to the as-of date. */
  daysSinceSent: number;
  /** Days after the due date, when it has passed; null before. */
  daysOverdue: number | null;
}

/** A need in words, from its amounts (no arithmetic: the decimal strings as stored, trailing zeros dropped). */
export function guaranteeNeedText(kind: GuaranteeKind, r: GuaranteeAmounts & { description?: string | null }): string {
  const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
  const parts: string[] = [];
  for (const field of GUARANTEE_AMOUNT_FIELDS[kind]) {
    const v = r[field];
    if (v === null || v === undefined || v === '') continue;
    const unit = field === 'quantity' ? (r.quantityUnit ?? '') : GUARANTEE_AMOUNT_LABELS[field].unit;
    parts.push(`${trim(String(v))}${unit}`);
  }
  const desc = r.description?.trim();
  const head = desc && (kind === 'minerals' || kind === 'emissions') ? `${GUARANTEE_KIND_LABELS[kind]}（${desc}）` : GUARANTEE_KIND_LABELS[kind];
  return parts.length ? `${head} ${parts.join('、')}` : head;
}

/**
 * What is wrong with one amount of a need whatever its kind (negative, not a number, too many
 * decimals, zero), or null: the DTO checks it at the edge, guaranteeInputProblems with the rest.
 */
export function guaranteeAmountProblem(field: GuaranteeAmountField, value: unknown): RuleProblem | null {
  const label = GUARANTEE_AMOUNT_LABELS[field];
  const text = String(value).trim();
  if (/^-/.test(text)) return { field, zh: `${label.zh}不能为负数`, en: `${label.en} must not be negative` };
  if (!(field === 'financeWan' ? WAN : AMOUNT).test(text)) {
    return {
      field,
      zh: `${label.zh}应为数字${label.unit ? `（${label.unit}）` : ''}，最多${field === 'financeWan' ? 6 : 4}位小数`,
      en: `${label.en} must be a number with at most ${field === 'financeWan' ? 6 : 4} decimals`,
    };
  }
  if (!/[1-9]/.test(text)) return { field, zh: `${label.zh}应大于0`, en: `${label.en} must be greater than 0` };
  return null;
}

/**
 * What is wrong with a need's amounts for its kind: a negative, malformed or too precise amount
 * names its field; the kind's amount is required (power: load or yearly use); minerals and
 * emission quotas need their description, and a quantity its unit. Amounts of another kind are
 * refused rather than silently dropped.
 */
export function guaranteeInputProblems(input: GuaranteeRequestInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const fields = GUARANTEE_AMOUNT_FIELDS[input.kind] ?? [];
  for (const field of Object.keys(GUARANTEE_AMOUNT_LABELS) as GuaranteeAmountField[]) {
    const value = input[field];
    if (value === null || value === undefined) continue;
    const label = GUARANTEE_AMOUNT_LABELS[field];
    if (!fields.includes(field)) {
      problems.push({ field, zh: `${GUARANTEE_KIND_LABELS[input.kind]}需求不填${label.zh}`, en: `${label.en} does not apply to this kind of need` });
      continue;
    }
    const problem = guaranteeAmountProblem(field, value);
    if (problem) problems.push(problem);
  }
  const given = fields.filter((f) => input[f] !== null && input[f] !== undefined && input[f] !== '');
  if (fields.length && !given.length) {
    const first = fields[0];
    const names = fields.map((f) => GUARANTEE_AMOUNT_LABELS[f].zh).join('或');
    problems.push({ field: first, zh: `请填写${names}`, en: `Give the ${fields.map((f) => GUARANTEE_AMOUNT_LABELS[f].en.toLowerCase()).join(' or ')}` });
  }
  if ((input.kind === 'minerals' || input.kind === 'emissions') && !input.description?.trim()) {
    problems.push({
      field: 'description',
      zh: input.kind === 'minerals' ? '请说明所需矿种' : '请说明所需排放指标（污染物或能耗种类）',
      en: input.kind === 'minerals' ? 'Say which mineral is needed' : 'Say which emission quota is needed',
    });
  }
  if (fields.includes('quantity') && input.quantity && !input.quantityUnit?.trim()) {
    problems.push({ field: 'quantityUnit', zh: '请填写数量单位（如 吨/年）', en: 'Give the unit of the quantity (e.g. t/year)' });
  }
  if (input.quantityUnit && !fields.includes('quantity')) {
    problems.push({ field: 'quantityUnit', zh: `${GUARANTEE_KIND_LABELS[input.kind]}需求不填数量单位`, en: 'A quantity unit does not apply to this kind of need' });
  }
  return problems;
}

/** How long a need has held its project up, as the lists print it: 已发出 N 天，逾期 M 天（无法满足）. */
export function blockedHowLongZh(b: Pick<BlockedByNeedView, 'daysSinceSent' | 'daysOverdue' | 'status'>): string {
  const overdue = b.daysOverdue !== null ? `，逾期 ${b.daysOverdue} 天` : '';
  return `已发出 ${b.daysSinceSent} 天${overdue}${b.status === 'cannot-meet' ? '（无法满足）' : ''}`;
}
