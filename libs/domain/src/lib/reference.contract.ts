import type { ChainCode, ChainKind, ChainLeaderRole, ChainUnitRole } from './chain';
import type { EnterpriseOwnership, EnterpriseTag } from './enterprise';
import type { Wan } from './money';
import type { UnitKind } from './unit';

/** 人员: a person of the reference data (a leader). */
export interface PersonView {
  id: number;
  name: string;
  position: string;
}

/** 单位: canonical name plus the other spellings met in the text. */
export interface UnitView {
  id: number;
  name: string;
  kind: UnitKind;
  aliases: string[];
}

/** 企业 in the enterprise library (重点企业库). */
export interface EnterpriseView {
  id: string;
  name: string;
  creditCode: string | null;
  ownership: EnterpriseOwnership | null;
  tags: EnterpriseTag[];
  region: string | null;
  /** 集团: the parent firm, when this one is a subsidiary. */
  parentEnterpriseId: string | null;
  /** Set when this record was merged into another (a duplicate). */
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseInput {
  name: string;
  creditCode?: string | null;
  ownership?: EnterpriseOwnership | null;
  tags?: EnterpriseTag[];
  region?: string | null;
  parentEnterpriseId?: string | null;
}

export interface ChainLeaderView {
  role: ChainLeaderRole;
  person: PersonView;
}

export interface ChainUnitView {
  role: ChainUnitRole;
  /** 牵头单位 */
  isLead: boolean;
  unit: UnitView;
}

/** 重点任务 with its own 责任单位. */
export interface KeyTaskView {
  id: number;
  seq: number;
  text: string;
  units: UnitView[];
}

/**
 * 工作目标 of a chain for a year, read only from published plans; amounts in 万元 as decimal
 * strings. Each figure is "at least" (…以上 / 不少于) or exact, as the plan writes it.
 */
export interface ChainTargetView {
  year: number;
  signedAmount: Wan;
  signedAtLeast: boolean;
  bigProjectThreshold: Wan;
  bigProjectMinCount: number;
  bigProjectAtLeast: boolean;
  fundsInPlace: Wan;
  fundsAtLeast: boolean;
}

export interface ChainSummaryView {
  code: ChainCode;
  nameZh: string;
  nameEn: string;
  kind: ChainKind;
  sortOrder: number;
}

export interface ChainView extends ChainSummaryView {
  /** The date the leaders, units and key tasks are as of (YYYY-MM-DD; key tasks are that year's). */
  asOf: string;
  /** 招商方向 */
  direction: string;
  liaisonLeader: PersonView | null;
  responsibleLeaders: PersonView[];
  responsibleUnits: ChainUnitView[];
  cooperatingUnits: ChainUnitView[];
  anchorFirms: EnterpriseView[];
  keyTasks: KeyTaskView[];
  targets: ChainTargetView[];
}

/** GET /api/health */
export interface HealthView {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; error?: string };
  redis: { status: 'up' | 'down'; error?: string; note?: string };
  /**
   * The worker: `late` when its heartbeat is older than a few minutes (or there is none), and
   * whether every job schedule is in Redis (`missing` until the worker registers them again).
   */
  worker: {
    lastHeartbeat: string | null;
    status?: 'up' | 'late' | 'unknown';
    schedules?: 'complete' | 'missing' | 'unknown';
    note?: string;
  };
}

/** A field tree of validation problems, as the API answers a bad request. */
export interface ValidationErrorBody {
  statusCode: number;
  message: string;
  errors: Record<string, string[]>;
}

/** 409 answer to a duplicate enterprise: the record that already exists. */
export interface DuplicateEnterpriseBody {
  statusCode: 409;
  message: string;
  existing: EnterpriseView;
}
