import type { ChainCode, ChainLeaderRole, ChainUnitRole } from '../chain';
import type { Wan } from '../money';
import type { Stage } from '../stage';

/** 年度工作方案: draft while the office writes it, published once it is the year's plan. */
export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The plan's three sectors for funds in place (plan §(五) 主要目标). */
export const SECTORS = ['agri-pastoral', 'manufacturing', 'modern-services'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  'agri-pastoral': '特色农牧业',
  manufacturing: '制造业',
  'modern-services': '现代服务业',
};

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

/** 工作目标 of one chain in a year's plan; each figure "at least" (…以上 / 不少于) or exact. */
export interface PlanChainTarget {
  chainCode: ChainCode;
  chainNameZh: string;
  /** 万元 */
  signedAmount: Wan;
  signedAtLeast: boolean;
  fundsInPlace: Wan;
  fundsAtLeast: boolean;
  /** 万元; "0" with count 0 when the plan sets no big-project rule. */
  bigProjectThreshold: Wan;
  bigProjectMinCount: number;
  bigProjectAtLeast: boolean;
}

export interface SectorGrowthTarget {
  sector: Sector;
  /** Percent, e.g. "20.00" for 同比增长20%. */
  growthRate: string;
}

/** A named project a key task commits to bringing to a stage by year end. */
export interface KeyTaskMilestoneView {
  id: number;
  seq: number;
  projectName: string;
  projectId: string | null;
  targetStage: Stage;
  /** The plan's words (年内建成, 开工建设, 力争落地, …). */
  wording: string;
}

/** A measurable goal of a key task (年内建设算力标准机架4000个以上). */
export interface KeyTaskGoalView {
  id: number;
  seq: number;
  label: string;
  measureUnit: string;
  target: string;
  achieved: string;
  achievedOn: string | null;
  /** The version read; send it back with the achieved figure (a stale one answers 409). */
  version: number;
}

export interface PlanKeyTaskView {
  id: number;
  chainCode: ChainCode;
  seq: number;
  text: string;
  units: { id: number; name: string }[];
  milestones: KeyTaskMilestoneView[];
  goals: KeyTaskGoalView[];
}

/** GET /api/plans/:year */
export interface AnnualPlanView {
  year: number;
  status: PlanStatus;
  /** 万元; null when the plan states no city total. */
  citySignedAmount: Wan | null;
  citySignedAtLeast: boolean;
  cityFundsInPlace: Wan | null;
  cityFundsAtLeast: boolean;
  draftedFrom: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
  targets: PlanChainTarget[];
  sectorGrowth: SectorGrowthTarget[];
  keyTasks: PlanKeyTaskView[];
  /** What publishing would still refuse (empty when the plan is complete). */
  problems: string[];
}

/** GET /api/plans: one line a year. */
export interface AnnualPlanSummary {
  year: number;
  status: PlanStatus;
  publishedAt: string | null;
  version: number;
}

/** The state every page that needs a year's plan shows when there is none to read. */
export interface PlanMissingView {
  year: number;
  /** none: no plan for the year at all; draft: written but not published. */
  planStatus: 'none' | 'draft';
  message: string;
}

/** PUT /api/plans/:year (the plan's head: city totals). */
export interface AnnualPlanInput {
  version: number;
  citySignedAmount: Wan | null;
  citySignedAtLeast: boolean;
  cityFundsInPlace: Wan | null;
  cityFundsAtLeast: boolean;
  /** Required once the plan is published: why it changes. */
  reason?: string;
}

/** PUT /api/plans/:year/targets/:chain */
export interface PlanChainTargetInput {
  signedAmount: Wan;
  signedAtLeast: boolean;
  fundsInPlace: Wan;
  fundsAtLeast: boolean;
  bigProjectThreshold: Wan;
  bigProjectMinCount: number;
  bigProjectAtLeast: boolean;
  reason?: string;
}

/** PUT /api/plans/:year/sector-growth */
export interface SectorGrowthInput {
  targets: SectorGrowthTarget[];
  reason?: string;
}

export interface KeyTaskMilestoneInput {
  projectName: string;
  projectId?: string | null;
  targetStage: Stage;
  wording?: string;
}

export interface KeyTaskGoalInput {
  label: string;
  measureUnit: string;
  target: string;
  achieved?: string;
}

/** POST /api/plans/:year/key-tasks, PUT /api/plans/:year/key-tasks/:id */
export interface PlanKeyTaskInput {
  chainCode: ChainCode;
  text: string;
  unitIds: number[];
  milestones: KeyTaskMilestoneInput[];
  goals: KeyTaskGoalInput[];
  reason?: string;
}

/** POST /api/plans/:year/draft {fromYear}: next year's plan drafted from this one. */
export interface PlanDraftInput {
  fromYear: number;
}

/** POST /api/plans/:year/publish */
export interface PlanPublishInput {
  version: number;
}

/** One line of GET /api/plans/:year/diff?against= */
export interface PlanDifference {
  area: 'city' | 'target' | 'sector' | 'key-task';
  /** Chain code, sector or key task (chain and number) the line is about. */
  subject: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** 往年实绩: a past year's actual funds in place, per chain and sector (GET/PUT /api/plans/baselines). */
export interface FundsBaselineView {
  year: number;
  chainCode: ChainCode;
  sector: Sector;
  amount: Wan;
  note: string;
  /** The version read; send it back to change the row (a stale one answers 409). */
  version: number;
}

export interface FundsBaselineInput {
  year: number;
  chainCode: ChainCode;
  sector: Sector;
  amount: Wan;
  note?: string;
  /** The version read (0: the row did not exist); a stale one answers 409 with the row as it is now. */
  version?: number;
}

/** A chain role held over dates (NULL: open-ended). */
export interface ChainRoleView {
  id: number;
  chainCode: ChainCode;
  kind: 'leader' | 'unit';
  role: ChainLeaderRole | ChainUnitRole;
  isLead: boolean;
  personId: number | null;
  unitId: number | null;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** The version read; send it back to change the dates (a stale one answers 409). */
  version: number;
}

/** POST /api/plans/roles: a person or unit takes a role of a chain from a date. */
export interface ChainRoleInput {
  chainCode: ChainCode;
  kind: 'leader' | 'unit';
  role: ChainLeaderRole | ChainUnitRole;
  isLead?: boolean;
  personId?: number;
  unitId?: number;
  validFrom: string | null;
  validTo?: string | null;
}

/** PATCH /api/plans/roles/:id: ends (or re-dates) a role. */
export interface ChainRoleEndInput {
  validFrom?: string | null;
  validTo: string | null;
  /** The version read; a stale one answers 409 with the role as it is now. */
  version?: number;
}

/** POST /api/units/:id/rename: the unit's name from a date; the old name stays its history. */
export interface UnitRenameInput {
  name: string;
  from: string;
}

/** 1-based milestone progress against the year's even pace. */
export type MilestoneState = 'done' | 'on-track' | 'behind';

export interface MilestoneProgressView extends KeyTaskMilestoneView {
  currentStage: Stage | null;
  state: MilestoneState;
}

export interface GoalProgressView extends KeyTaskGoalView {
  /** achieved / target in percent, two decimals. */
  rate: string;
  state: MilestoneState;
}

/** A key task's progress (leader page, monthly report, roll-up). */
export interface KeyTaskProgress {
  id: number;
  chainCode: ChainCode;
  seq: number;
  text: string;
  units: string[];
  milestones: MilestoneProgressView[];
  goals: GoalProgressView[];
  done: number;
  onTrack: number;
  behind: number;
}

/**
 * The progress part of a key task as the units' monthly reports and the roll-up freeze it with
 * their figures (keyTaskProgress at the period's month end). Absent in figures taken before
 * milestones were kept in the product.
 */
export type KeyTaskProgressPart = Partial<
  Pick<KeyTaskProgress, 'units' | 'milestones' | 'goals' | 'done' | 'onTrack' | 'behind'>
>;

/** POST /api/plans/people/:id/posts: a leader's new post (职务) from a date; the old one stays its history. */
export interface PersonPostInput {
  position: string;
  from: string;
}

/** One post a person held (validTo null: the current one). */
export interface PersonPostView {
  position: string;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * POST /api/plans/units/:id/merge: the unit is merged into another from a date. Its chain roles
 * and key-task duties end the day before and pass to the other unit, its users move there, and
 * its reports stay its own history.
 */
export interface UnitMergeInput {
  intoUnitId: number;
  on: string;
}
