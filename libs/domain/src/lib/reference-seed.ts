import type { ChainCode, ChainKind } from './chain';
import type { EnterpriseOwnership, EnterpriseTag } from './enterprise';
import type { Sector } from './plan/plan.contract';
import type { Stage } from './stage';
import type { UnitKind } from './unit';

/**
 * The shape of the reference data transcribed from the 2025 work plan's annex
 * (格尔木市"5+2"产业链招商专班工作任务). Names are written exactly as in the text; people and
 * units are referred to by their canonical name, so each is stored once.
 */
export interface ReferenceSeed {
  year: number;
  /** The year's plan as published (主要目标 of the plan's body). */
  plan: PlanSeed;
  people: { name: string; position: string }[];
  units: { name: string; kind: UnitKind; aliases: string[] }[];
  enterprises: {
    name: string;
    creditCode?: string;
    ownership?: EnterpriseOwnership;
    tags?: EnterpriseTag[];
    region?: string;
  }[];
  chains: ChainSeed[];
}

export interface PlanSeed {
  /** When the plan counts as published (a fixed instant, ISO 8601 with offset). */
  publishedAt: string;
  /** 万元, decimal strings; "at least" when the text writes …以上. */
  citySignedAmount: string;
  citySignedAtLeast: boolean;
  cityFundsInPlace: string;
  cityFundsAtLeast: boolean;
  /** 到位资金同比增长 per sector, percent as a decimal string. */
  sectorGrowth: { sector: Sector; growthRate: string }[];
}

/** A named project a key task commits to bringing to a stage by year end. */
export interface MilestoneSeed {
  projectName: string;
  /** The plan's words (at most 40 characters). */
  wording: string;
  /** Set where the words say more than stageCommittedBy(wording) reads; otherwise read from them. */
  targetStage?: Stage;
}

/** A measurable goal of a key task, only where the text states a number and its unit. */
export interface GoalSeed {
  label: string;
  measureUnit: string;
  /** Decimal string. */
  target: string;
}

export interface KeyTaskSeed {
  seq: number;
  text: string;
  units: string[];
  milestones: MilestoneSeed[];
  goals: GoalSeed[];
}

export interface ChainSeed {
  code: ChainCode;
  nameZh: string;
  nameEn: string;
  kind: ChainKind;
  sortOrder: number;
  /** The sector its projects count under by default (plan §(五): 特色农牧业, 制造业, 现代服务业（含文化旅游、陆港）). */
  sector: Sector;
  direction: string;
  liaisonLeader: string;
  responsibleLeaders: string[];
  /** 责任单位; for 特色农牧 the text names a 牵头单位 instead (isLead). */
  responsibleUnits: { unit: string; isLead?: boolean }[];
  cooperatingUnits: string[];
  anchorFirms: string[];
  keyTasks: KeyTaskSeed[];
  /** 工作目标; each figure "at least" (…以上 / 不少于) or exact, as the sentence writes it. */
  target: {
    /** 万元, decimal strings */
    signedAmount: string;
    signedAtLeast: boolean;
    bigProjectThreshold: string;
    bigProjectMinCount: number;
    bigProjectAtLeast: boolean;
    fundsInPlace: string;
    fundsAtLeast: boolean;
  };
}
