import { HttpParams } from '@angular/common/http';
import type { ParamMap, Params } from '@angular/router';
import {
  CHAIN_CODES,
  PROJECT_SORTS,
  PROJECT_STATUSES,
  STAGES,
  isWanAmount,
  wanInputProblem,
  type ChainCode,
  type ProjectListQuery,
  type ProjectSort,
  type ProjectStatus,
  type Stage,
} from '@crm/domain';
import { sumDecimals } from '@crm/web/ui';

/** What the project list's filter bar holds; kept in the URL so a view can be shared. */
export interface ProjectFilters {
  chain: ChainCode | null;
  stages: Stage[];
  statuses: ProjectStatus[];
  unitId: number | null;
  ownerId: string | null;
  /** 万元, as typed; '' for no bound. */
  minAmount: string;
  maxAmount: string;
  /** Only 重大项目. */
  majorOnly: boolean;
  /** No activity for at least this many days. */
  idleDays: number | null;
  followUpDue: boolean;
  q: string;
  sort: ProjectSort;
  order: 'asc' | 'desc';
  /** The cockpit's narrower filters (a figure's projects), kept under the API's names. */
  scope: ScopeFilters;
}

/** Filters the list page has no control for; they come in links from the cockpit. */
export const SCOPE_KEYS = [
  'includeRelated',
  'followUpOverdue',
  'keyTaskId',
  'agreementFrom',
  'agreementTo',
  'signedFrom',
  'signedTo',
  'fundsFrom',
  'fundsTo',
  'bigBy',
  'stageSinceTo',
  'idleAsOf',
] as const;
export type ScopeFilters = Pick<ProjectListQuery, (typeof SCOPE_KEYS)[number]>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The scope filters in a URL, each checked for its shape; anything else is left out. */
function scopeFromParams(params: ParamMap): ScopeFilters {
  const scope: ScopeFilters = {};
  const flag = (key: 'includeRelated' | 'followUpOverdue') => {
    if (params.get(key) === 'true' || params.get(key) === '1') scope[key] = true;
  };
  flag('includeRelated');
  flag('followUpOverdue');
  const task = Number(params.get('keyTaskId'));
  if (Number.isInteger(task) && task > 0) scope.keyTaskId = task;
  for (const key of ['agreementFrom', 'agreementTo', 'signedFrom', 'signedTo', 'stageSinceTo', 'idleAsOf'] as const) {
    const value = params.get(key);
    if (value && DATE.test(value)) scope[key] = value;
  }
  for (const key of ['fundsFrom', 'fundsTo', 'bigBy'] as const) {
    const value = params.get(key);
    if (value && MONTH.test(value)) scope[key] = value;
  }
  return scope;
}

export const PAGE_SIZE = 20;

/** Paused projects stay in sight (they may resume); dropped ones are asked for. */
export const DEFAULT_FILTERS: ProjectFilters = {
  chain: null,
  stages: [],
  statuses: ['active', 'paused'],
  unitId: null,
  ownerId: null,
  minAmount: '',
  maxAmount: '',
  majorOnly: false,
  idleDays: null,
  followUpDue: false,
  q: '',
  sort: 'updatedAt',
  order: 'desc',
  scope: {},
};

export type AmountProblem = 'min' | 'max' | 'range';

/** Why the amount bounds cannot be sent, or null: each a decimal ≥ 0, and min ≤ max. */
export function amountProblem(filters: Pick<ProjectFilters, 'minAmount' | 'maxAmount'>): AmountProblem | null {
  const min = filters.minAmount.trim();
  const max = filters.maxAmount.trim();
  if (min && wanInputProblem(min, { allowZero: true })) return 'min';
  if (max && wanInputProblem(max, { allowZero: true })) return 'max';
  if (min && max && sumDecimals([max, `-${min}`]).startsWith('-')) return 'range';
  return null;
}

/**
 * The API query for the filters: only what narrows the list is sent; amount bounds only when
 * valid; the text search trimmed. `cursor` continues from a previous page.
 */
export function toListQuery(
  filters: ProjectFilters,
  cursor: string | null = null,
  limit = PAGE_SIZE,
): ProjectListQuery {
  const query: ProjectListQuery = { sort: filters.sort, order: filters.order, limit };
  if (filters.chain) query.chain = filters.chain;
  if (filters.stages.length) query.stage = [...filters.stages];
  if (filters.statuses.length && filters.statuses.length < PROJECT_STATUSES.length) {
    query.status = [...filters.statuses];
  }
  if (filters.unitId !== null) query.unitId = filters.unitId;
  if (filters.ownerId) query.ownerId = filters.ownerId;
  if (!amountProblem(filters)) {
    if (filters.minAmount.trim()) query.minAmount = filters.minAmount.trim();
    if (filters.maxAmount.trim()) query.maxAmount = filters.maxAmount.trim();
  }
  if (filters.majorOnly) query.major = true;
  if (filters.idleDays !== null && filters.idleDays >= 1) query.idleDays = Math.floor(filters.idleDays);
  if (filters.followUpDue) query.followUpDue = true;
  const q = filters.q.trim();
  if (q) query.q = q;
  Object.assign(query, filters.scope);
  if (cursor) query.cursor = cursor;
  return query;
}

/** GET /api/projects parameters: lists as comma lists, booleans as true/false. */
export function toHttpParams(query: ProjectListQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

function list<T extends string>(text: string | null, allowed: readonly T[]): T[] {
  return (text ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/** The filters in the page's URL (what differs from the defaults), for links and reloads. */
export function filtersToParams(filters: ProjectFilters): Params {
  const params: Params = {};
  const d = DEFAULT_FILTERS;
  if (filters.chain) params['chain'] = filters.chain;
  if (filters.stages.length) params['stage'] = filters.stages.join(',');
  if (filters.statuses.join(',') !== d.statuses.join(',')) {
    params['status'] = filters.statuses.length ? filters.statuses.join(',') : 'all';
  }
  if (filters.unitId !== null) params['unit'] = filters.unitId;
  if (filters.ownerId) params['owner'] = filters.ownerId;
  if (filters.minAmount.trim()) params['min'] = filters.minAmount.trim();
  if (filters.maxAmount.trim()) params['max'] = filters.maxAmount.trim();
  if (filters.majorOnly) params['major'] = 1;
  if (filters.idleDays) params['idle'] = filters.idleDays;
  if (filters.followUpDue) params['due'] = 1;
  if (filters.q.trim()) params['q'] = filters.q.trim();
  if (filters.sort !== d.sort) params['sort'] = filters.sort;
  if (filters.order !== d.order) params['order'] = filters.order;
  for (const [key, value] of Object.entries(filters.scope)) {
    if (value !== undefined) params[key] = String(value);
  }
  return params;
}

/**
 * The filters in a URL. The page writes short names (unit, min, due=1); links built from an API
 * query (the cockpit's figures) use the API's names (unitId, minAmount, followUpDue=true): both read.
 */
export function filtersFromParams(params: ParamMap): ProjectFilters {
  const get = (short: string, long: string) => params.get(short) ?? params.get(long);
  const yes = (short: string, long: string) => ['1', 'true'].includes(get(short, long) ?? '');
  const chain = params.get('chain');
  const unit = Number(get('unit', 'unitId'));
  const idle = Number(get('idle', 'idleDays'));
  const sort = params.get('sort');
  const status = params.get('status');
  const amount = (key: string, long: string) => {
    const value = get(key, long)?.trim() ?? '';
    return isWanAmount(value) ? value : '';
  };
  return {
    chain: chain && (CHAIN_CODES as readonly string[]).includes(chain) ? (chain as ChainCode) : null,
    stages: list(params.get('stage'), STAGES),
    statuses:
      status === null
        ? [...DEFAULT_FILTERS.statuses]
        : status === 'all'
          ? []
          : list(status, PROJECT_STATUSES),
    unitId: Number.isInteger(unit) && unit > 0 ? unit : null,
    ownerId: get('owner', 'ownerId') || null,
    minAmount: amount('min', 'minAmount'),
    maxAmount: amount('max', 'maxAmount'),
    majorOnly: yes('major', 'major'),
    idleDays: Number.isInteger(idle) && idle > 0 ? idle : null,
    followUpDue: yes('due', 'followUpDue'),
    q: params.get('q') ?? '',
    sort: sort && (PROJECT_SORTS as readonly string[]).includes(sort) ? (sort as ProjectSort) : DEFAULT_FILTERS.sort,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    scope: scopeFromParams(params),
  };
}
