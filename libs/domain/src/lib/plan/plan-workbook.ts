import type { ChainCode } from '../chain';
import type { Wan } from '../money';
import type { PlanDifference, SectorGrowthTarget, KeyTaskGoalInput, KeyTaskMilestoneInput } from './plan.contract';

/** The sheets of a year's plan workbook (export and import read the same names). */
export const PLAN_SHEETS = {
  head: '全市目标',
  targets: '工作目标',
  sectors: '同比增长目标',
  keyTasks: '重点任务',
  milestones: '节点目标',
  goals: '量化目标',
} as const;

/** 是 / 否 cells for the "at least" marks. */
export const YES = '是';
export const NO = '否';

/** A plan's body as a workbook carries it: everything but its status and history. */
export interface PlanBodyInput {
  citySignedAmount: Wan | null;
  citySignedAtLeast: boolean;
  cityFundsInPlace: Wan | null;
  cityFundsAtLeast: boolean;
  targets: {
    chainCode: ChainCode;
    signedAmount: Wan;
    signedAtLeast: boolean;
    fundsInPlace: Wan;
    fundsAtLeast: boolean;
    bigProjectThreshold: Wan;
    bigProjectMinCount: number;
    bigProjectAtLeast: boolean;
  }[];
  sectorGrowth: SectorGrowthTarget[];
  keyTasks: {
    chainCode: ChainCode;
    seq: number;
    text: string;
    unitIds: number[];
    milestones: KeyTaskMilestoneInput[];
    goals: KeyTaskGoalInput[];
  }[];
}

/** A problem in the uploaded workbook: the sheet, the row (1-based, as Excel shows it) and what is wrong. */
export interface PlanSheetProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** POST /api/plans/:year/imports → the stored preview; POST /api/plans/imports/:id/commit applies it. */
export interface PlanImportPreview {
  id: string;
  year: number;
  fileName: string;
  /** The year has no plan yet: committing creates it as a draft. */
  createsPlan: boolean;
  /** The plan is published: committing needs a reason. */
  needsReason: boolean;
  differences: PlanDifference[];
  problems: PlanSheetProblem[];
  status: 'previewed' | 'committed';
}
