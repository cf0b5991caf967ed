import type {
  ChainCode,
  GuaranteeAnswerStatus,
  GuaranteeAnswerView,
  GuaranteeKind,
  GuaranteeRequestView,
  GuaranteeStatus,
  ProjectStatus,
  Stage,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** A request as stored, with its project's reference (for `FROM guarantee_request g` + REQUEST_JOINS). */
export interface GuaranteeRequestRow {
  id: string;
  project_id: string;
  project_name: string;
  chain_id: number;
  related_chain_ids: number[];
  chain_code: ChainCode;
  stage: Stage;
  project_status: ProjectStatus;
  major: boolean;
  amount: string | null;
  investor_name: string;
  owner_id: string;
  owner_name: string;
  responsible_unit_id: number;
  responsible_unit_name: string;
  kind: GuaranteeKind;
  description: string | null;
  area_mu: string | null;
  power_kw: string | null;
  power_mwh_per_year: string | null;
  water_m3_per_year: string | null;
  gas_m3_per_year: string | null;
  quantity: string | null;
  quantity_unit: string | null;
  finance_wan: string | null;
  unit_id: number;
  unit_name: string;
  due_on: string;
  status: GuaranteeStatus;
  status_on: string | null;
  expected_on: string | null;
  note: string | null;
  sent_on: string;
  sent_at: Date;
  sent_by: string | null;
  sent_by_name: string | null;
  version: number;
}

export const REQUEST_COLUMNS = `
  g.id, g.project_id, p.name AS project_name, p.chain_id, p.related_chain_ids, c.code AS chain_code, p.stage,
  p.status AS project_status, p.major, p.amount::text AS amount, p.investor_name, p.owner_id, o.display_name AS owner_name,
  p.responsible_unit_id, ru.name AS responsible_unit_name,
  g.kind, g.description, g.area_mu::text AS area_mu, g.power_kw::text AS power_kw,
  g.power_mwh_per_year::text AS power_mwh_per_year, g.water_m3_per_year::text AS water_m3_per_year,
  g.gas_m3_per_year::text AS gas_m3_per_year, g.quantity::text AS quantity, g.quantity_unit,
  g.finance_wan::text AS finance_wan, g.unit_id, u.name AS unit_name, g.due_on::text AS due_on, g.status,
  g.status_on::text AS status_on, g.expected_on::text AS expected_on, g.note,
  (g.sent_at AT TIME ZONE 'Asia/Shanghai')::date::text AS sent_on, g.sent_at, g.sent_by, sb.display_name AS sent_by_name, g.version`;

export const REQUEST_FROM = `guarantee_request g
  JOIN project p ON p.id = g.project_id
  JOIN chain c ON c.id = p.chain_id
  JOIN unit ru ON ru.id = p.responsible_unit_id
  JOIN app_user o ON o.id = p.owner_id
  JOIN unit u ON u.id = g.unit_id
  LEFT JOIN app_user sb ON sb.id = g.sent_by`;

interface AnswerRow {
  request_id: string;
  status: GuaranteeAnswerStatus;
  status_on: string;
  expected_on: string | null;
  note: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date;
}

/** Requests matching `where` (on g, p), their answers in order; `lock` locks the requests. */
export async function loadRequests(
  manager: EntityManager,
  where: string,
  params: unknown[],
  options: { lock?: boolean; order?: string; limit?: number } = {},
): Promise<GuaranteeRequestRow[]> {
  return manager.query(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE ${where}
     ORDER BY ${options.order ?? 'g.sent_at, g.id'}${options.limit ? ` LIMIT ${options.limit}` : ''}${options.lock ? ' FOR UPDATE OF g' : ''}`,
    params,
  );
}

/** The answers of the given requests, by request, oldest first. */
export async function loadAnswers(manager: EntityManager, ids: string[]): Promise<Map<string, GuaranteeAnswerView[]>> {
  const out = new Map<string, GuaranteeAnswerView[]>();
  if (!ids.length) return out;
  const rows: AnswerRow[] = await manager.query(
    `SELECT a.request_id, a.status, a.status_on::text AS status_on, a.expected_on::text AS expected_on, a.note,
            a.answered_by, u.display_name AS answered_by_name, a.answered_at
     FROM guarantee_answer a LEFT JOIN app_user u ON u.id = a.answered_by
     WHERE a.request_id = ANY ($1::uuid[]) ORDER BY a.id`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.request_id) ?? [];
    list.push({
      status: r.status,
      statusOn: r.status_on,
      expectedOn: r.expected_on,
      note: r.note,
      answeredBy: r.answered_by ? { id: r.answered_by, name: r.answered_by_name ?? '' } : null,
      answeredAt: new Date(r.answered_at).toISOString(),
    });
    out.set(r.request_id, list);
  }
  return out;
}

const CLOSED: readonly GuaranteeStatus[] = ['secured', 'cannot-meet'];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The project a request belongs to, as every view of a request names it. */
export function requestProject(r: GuaranteeRequestRow): GuaranteeRequestView['project'] {
  return {
    id: r.project_id,
    name: r.project_name,
    chain: r.chain_code,
    stage: r.stage,
    status: r.project_status,
    major: r.major,
    amount: r.amount,
    investorName: r.investor_name,
    owner: { id: r.owner_id, displayName: r.owner_name },
    responsibleUnit: { id: r.responsible_unit_id, name: r.responsible_unit_name },
  };
}

/** What is needed (the description and the amounts of its kind), from a request's row. */
export function requestAmounts(r: GuaranteeRequestRow) {
  return {
    description: r.description,
    areaMu: r.area_mu,
    powerKw: r.power_kw,
    powerMwhPerYear: r.power_mwh_per_year,
    waterM3PerYear: r.water_m3_per_year,
    gasM3PerYear: r.gas_m3_per_year,
    quantity: r.quantity,
    quantityUnit: r.quantity_unit,
    financeWan: r.finance_wan,
  };
}

/** The view of a request as of `today` (a Shanghai date). */
export function toRequestView(
  r: GuaranteeRequestRow,
  answers: GuaranteeAnswerView[],
  today: string,
  canAnswer: boolean,
): GuaranteeRequestView {
  const overdue = !CLOSED.includes(r.status) && r.due_on < today;
  return {
    id: r.id,
    project: requestProject(r),
    kind: r.kind,
    ...requestAmounts(r),
    unit: { id: r.unit_id, name: r.unit_name },
    sentOn: r.sent_on,
    sentBy: r.sent_by ? { id: r.sent_by, name: r.sent_by_name ?? '' } : null,
    dueOn: r.due_on,
    status: r.status,
    statusOn: r.status_on,
    expectedOn: r.expected_on,
    note: r.note,
    overdue,
    daysOverdue: overdue ? daysBetween(r.due_on, today) : null,
    answers,
    version: r.version,
    canAnswer,
  };
}
