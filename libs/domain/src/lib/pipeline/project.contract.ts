import type { ChainLinkKind } from '../chain-map/chain-map.contract';
import type { Sector } from '../plan/plan.contract';
import type { ChainCode } from '../chain';
import type { Wan } from '../money';
import type { PlanMissingView } from '../plan/plan.contract';
import type { ChainTargetView } from '../reference.contract';
import type { Stage } from '../stage';
import type { LandRoute, SiteDocumentKind } from './land-route';
import type { ProjectStatus, SourceChannel } from './project';
import type { AgreementView, EvaluationView, FundArrivalView, TimelineEntry } from './project-records.contract';
import type { RuleProblem } from './rule-problem';
import type { StageMoveDirection, StageRequirement } from './stage-gate';
import type { StageSpan } from './stage-span';

/*
 * The pipeline API (issue 4). Money: 万元 as decimal strings. Dates: YYYY-MM-DD, months: YYYY-MM,
 * both in Asia/Shanghai; instants: ISO 8601 strings. Every write that edits a project carries the
 * `version` the editor loaded; a stale one gets 409 with the current record (StaleVersionBody).
 */

/** A user as the pipeline shows them (owner, mover, evaluator). */
export interface UserRef {
  id: string;
  displayName: string;
}

export interface UnitRef {
  id: number;
  name: string;
}

/** 投资方: an enterprise of the library, or a named investor not registered yet. */
export interface InvestorView {
  enterpriseId: string | null;
  name: string;
}

/** 招商项目: one row of the list, one card of the board. */
export interface ProjectSummaryView {
  id: string;
  name: string;
  chain: ChainCode;
  investor: InvestorView;
  stage: Stage;
  status: ProjectStatus;
  /** 重大项目 */
  major: boolean;
  /** 计划投资 / estimated investment. */
  plannedInvestment: Wan | null;
  /** 签约金额 so far (initial + supplementary increments); "0" before signing. */
  signedAmount: Wan;
  /** The amount the project is judged by: the signed amount once signed, else the planned investment. */
  amount: Wan | null;
  responsibleUnit: UnitRef;
  owner: UserRef;
  /** When the stage was entered in the system (kept for the audit). */
  stageEnteredAt: string;
  /**
   * The stage's business date (YYYY-MM-DD): its own fact (signing date, land approval, start, …),
   * else the day the user gave for reaching it, else the day it was entered. Time in stage counts from it.
   */
  stageSince: string;
  lastActivityOn: string | null;
  nextFollowUpOn: string | null;
  updatedAt: string;
  version: number;
  /** 用地方式 once recorded (既有用地 / 闲置厂房 are marked 盘活存量 wherever the project is listed). */
  landRoute?: LandRoute | null;
}

/** 招商项目 in full. */
export interface ProjectView extends ProjectSummaryView {
  relatedChains: ChainCode[];
  sourceChannel: SourceChannel;
  location: string | null;
  industry: string | null;
  /** 行业类别 for the plan's sector growth targets (特色农牧业 / 制造业 / 现代服务业). */
  sector: Sector;
  keyTask: { id: number; seq: number; text: string } | null;
  /** 招商图谱: the link (环节) of the chain's map the project serves, and how (强链/补链/延链). */
  chainLink: { id: number; name: string; year: number } | null;
  chainLinkKind: ChainLinkKind | null;
  /** 招商活动 the project came from (a fair, a trip, a 以商招商 visit ...). */
  event: { id: string; name: string } | null;
  /** 备注: free notes, searched with the name. */
  notes: string | null;
  /** Reason of a pause (暂缓) or a drop (终止). */
  statusReason: string | null;
  /** 淘汰类, as found by an evaluation: signing is refused for good. */
  eliminatedCategory: boolean;
  /** Date and reference of the initial agreement. */
  signedOn: string | null;
  agreementRef: string | null;
  landParcel: string | null;
  landAreaMu: string | null;
  landApprovalRef: string | null;
  landApprovedOn: string | null;
  /** 用地方式 (null: not recorded, a new allocation); landParcel is the site of an existing one. */
  landRoute: LandRoute | null;
  /** 场地权属证明 of an existing site or idle plant: kind, number, date. */
  siteDocumentKind: SiteDocumentKind | null;
  siteDocumentRef: string | null;
  siteDocumentOn: string | null;
  /** 厂房面积 (平方米) of an idle plant. */
  plantAreaSqm: string | null;
  constructionStartedOn: string | null;
  constructionPermitRef: string | null;
  completedOn: string | null;
  /** 到位资金: sum of all entries, and of verified entries. */
  fundsInPlace: Wan;
  fundsInPlaceVerified: Wan;
  createdBy: UserRef | null;
  createdAt: string;
}

/** POST /api/projects. Either enterpriseId or investorName. */
export interface ProjectInput {
  name: string;
  chain: ChainCode;
  relatedChains?: ChainCode[];
  enterpriseId?: string | null;
  investorName?: string | null;
  sourceChannel: SourceChannel;
  responsibleUnitId: number;
  /** Defaults to the user creating the project. */
  ownerId?: string;
  plannedInvestment?: Wan | null;
  location?: string | null;
  industry?: string | null;
  /** Defaults to the chain's sector. */
  sector?: Sector;
  keyTaskId?: number | null;
  /** 招商图谱: a link of the chain's map, and the kind (强链/补链/延链) the project serves there. */
  chainLinkId?: number | null;
  chainLinkKind?: ChainLinkKind | null;
  /** 招商活动 the project came from. */
  eventId?: string | null;
  notes?: string | null;
  major?: boolean;
}

/**
 * PATCH /api/projects/:id. Any field of ProjectInput, plus the land/construction/completion facts
 * of a project already past those stages (to correct them); stage and status move through their
 * own routes, signing through the agreement ledger.
 */
export interface ProjectUpdateInput extends Partial<ProjectInput> {
  version: number;
  landParcel?: string | null;
  landAreaMu?: string | null;
  landApprovalRef?: string | null;
  landApprovedOn?: string | null;
  landRoute?: LandRoute;
  siteDocumentKind?: SiteDocumentKind;
  siteDocumentRef?: string;
  siteDocumentOn?: string;
  plantAreaSqm?: string;
  constructionStartedOn?: string | null;
  constructionPermitRef?: string | null;
  completedOn?: string | null;
}

/**
 * POST /api/projects/:id/stage-moves. Moving forward passes the stage gates (cumulative); the facts
 * the target stage asks for travel with the move (signedAmount/signedOn/agreementRef for 项目签约,
 * which record the initial agreement; land*, construction*, completedOn). Moving back needs a reason.
 * A refused move answers 422 RuleRefusalBody.
 */
export interface StageMoveInput {
  to: Stage;
  version: number;
  reason?: string | null;
  signedAmount?: Wan;
  signedOn?: string;
  agreementRef?: string;
  landParcel?: string;
  landAreaMu?: string;
  landApprovalRef?: string;
  landApprovedOn?: string;
  /**
   * 用地方式 (default 新增供地). 既有用地 / 闲置厂房 replace the approval by the site (landParcel), its
   * title or lease (siteDocumentKind, siteDocumentRef, siteDocumentOn) and its area (landAreaMu in
   * 亩, or plantAreaSqm in 平方米 for a plant).
   */
  landRoute?: LandRoute;
  siteDocumentKind?: SiteDocumentKind;
  siteDocumentRef?: string;
  siteDocumentOn?: string;
  plantAreaSqm?: string;
  constructionStartedOn?: string;
  constructionPermitRef?: string;
  completedOn?: string;
  /**
   * The day the stage was reached, as the user gives it (a stage without a dated fact of its own:
   * 项目线索 … 项目评估, or a move back); default today. Time in stage counts from it.
   */
  reachedOn?: string;
  /** 预计投资额 (万元) saved with the move, when the gate asks for it: one request, one transaction. */
  plannedInvestment?: Wan;
  /** Opens an evaluation record with the move (when none is open), as the 项目评估 gate asks. */
  openEvaluation?: boolean;
}

/** One entry of a project's stage history: from, to, who, when, why. */
export interface StageMoveView {
  id: string;
  /** null for the first entry: the project was created in `to`. */
  from: Stage | null;
  to: Stage;
  direction: StageMoveDirection | null;
  reason: string | null;
  movedBy: UserRef | null;
  movedAt: string;
}

/** POST /api/projects/:id/status: 暂缓 / 终止 / back to 推进中. Pausing and dropping need a reason. */
export interface ProjectStatusInput {
  status: ProjectStatus;
  reason?: string | null;
  version: number;
}

export interface StatusChangeView {
  id: string;
  from: ProjectStatus;
  to: ProjectStatus;
  reason: string | null;
  changedBy: UserRef | null;
  changedAt: string;
}

/** GET /api/projects/:id */
export interface ProjectDetailView {
  project: ProjectView;
  evaluations: EvaluationView[];
  agreements: AgreementView[];
  fundArrivals: FundArrivalView[];
  stageMoves: StageMoveView[];
  /** Time in each stage, from the history. */
  stageSpans: StageSpan[];
  /** What the next stage still asks for (empty at 竣工投产 or when its gate is open). */
  nextStage: { stage: Stage; missing: StageRequirement[] } | null;
  timeline: TimelineEntry[];
  /** What the caller may do here. */
  canEdit: boolean;
}

export const PROJECT_SORTS = [
  'updatedAt',
  'createdAt',
  'name',
  'amount',
  'plannedInvestment',
  'signedAmount',
  'stageEnteredAt',
  'lastActivityOn',
  'nextFollowUpOn',
  /** With a search: best match first (without one, as updatedAt). */
  'relevance',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/**
 * GET /api/projects query. Repeated filters (stage, status) are comma lists. Keyset paging: pass
 * the previous page's nextCursor as `cursor`, keeping the same filters and sort.
 */
export interface ProjectListQuery {
  chain?: ChainCode;
  /** Also match projects related to `chain` (not only its primary chain). */
  includeRelated?: boolean;
  stage?: Stage[];
  status?: ProjectStatus[];
  unitId?: number;
  ownerId?: string;
  /** Bounds on `amount` (signed once signed, else planned), 万元, inclusive. */
  minAmount?: Wan;
  maxAmount?: Wan;
  major?: boolean;
  /** No activity for at least this many days (or none ever, counting from creation). */
  idleDays?: number;
  /**
   * The day idleDays counts back from (YYYY-MM-DD; today without it): the cockpit's 久未跟进 of a
   * past month lists the projects idle as of that month's end, as it counts them.
   */
  idleAsOf?: string;
  /** The next follow-up date is today or past. */
  followUpDue?: boolean;
  /** Active, and the next follow-up date is before today (cockpit: 跟进逾期). */
  followUpOverdue?: boolean;
  /** Linked to this 重点任务. */
  keyTaskId?: number;
  /** Has an agreement (initial or supplementary) dated in [agreementFrom, agreementTo], YYYY-MM-DD. */
  agreementFrom?: string;
  agreementTo?: string;
  /** First signed (the initial agreement's date) in [signedFrom, signedTo], YYYY-MM-DD. */
  signedFrom?: string;
  signedTo?: string;
  /** Has a fund-in-place entry of a month in [fundsFrom, fundsTo], YYYY-MM. */
  fundsFrom?: string;
  fundsTo?: string;
  /**
   * 亿元以上项目 of that month's year counted by that month (YYYY-MM): first signed in the year, at
   * 项目签约 or later, signed amount by the month's end reaching the chain's threshold for the year.
   */
  bigBy?: string;
  /**
   * In the current stage since this date or earlier (YYYY-MM-DD): the stage's own date where
   * recorded (签约 signed_on, 供地 land_approved_on, 开工 construction_started_on, 投产
   * completed_on), else the day the project entered the stage.
   */
  stageSinceTo?: string;
  /** Part of the name or of the investor's name (Chinese or Latin). */
  q?: string;
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

export interface ProjectPage {
  items: ProjectSummaryView[];
  /** Matching projects in all pages. */
  total: number;
  /**
   * The figure a cockpit drill-down was opened from, summed in SQL over the same filter and all
   * pages (万元): with fundsFrom/fundsTo the funds in place of those months (到位资金), with
   * agreementFrom/agreementTo the agreements signed in that span (签约额). Absent otherwise.
   */
  sums?: { funds?: Wan; signed?: Wan };
  /** null on the last page. */
  nextCursor: string | null;
}

/** One column of a chain's board. Counts and sums cover the whole column, not only the cards. */
export interface BoardColumnView {
  stage: Stage;
  label: string;
  count: number;
  plannedInvestment: Wan;
  signedAmount: Wan;
  /** The first cards: major projects first, then the most recently updated. */
  projects: ProjectSummaryView[];
  /** More projects than cards. */
  more: boolean;
}

/** GET /api/chains/:code/board?status=&limit= (status defaults to active,paused). */
export interface ChainBoardView {
  chain: { code: ChainCode; nameZh: string };
  statuses: ProjectStatus[];
  columns: BoardColumnView[];
}

/** Count and amounts of the projects now in a stage (active and paused; dropped left out). */
export interface PipelineStageTotal {
  stage: Stage;
  count: number;
  plannedInvestment: Wan;
  signedAmount: Wan;
}

/** An actual figure against its target; `rate` is the completion in percent, two decimals. */
export interface TargetMeasure {
  actual: Wan;
  target: Wan | null;
  rate: string | null;
}

/**
 * GET /api/chains/:code/progress?year=. Signed amount: agreements dated in the year, of projects
 * now at 项目签约 or later (a move back below signing withdraws it; a drop does not). Big projects:
 * projects first signed in the year whose signed amount by the year's end reaches the chain's
 * threshold. Funds in place: entries of months in the year, all and verified.
 */
export interface ChainProgressView {
  chain: { code: ChainCode; nameZh: string };
  year: number;
  /** Set while the year's plan is not published: no target and no rates then. */
  plan?: PlanMissingView | null;
  target: ChainTargetView | null;
  signedAmount: TargetMeasure;
  bigProjects: { count: number; threshold: Wan | null; target: number | null; rate: string | null };
  fundsInPlace: TargetMeasure;
  fundsInPlaceVerified: TargetMeasure;
  signedProjectCount: number;
  pipeline: PipelineStageTotal[];
}

/**
 * 422: a rule refused the request (a stage gate, an evaluation's conclusion, signing a 淘汰类
 * project...): every missing item, also as a field tree. Stage gates fill in `stage`.
 */
export interface RuleRefusalBody {
  statusCode: 422;
  message: string;
  missing: (RuleProblem & { stage?: Stage })[];
  errors: Record<string, string[]>;
}

/** 409: someone saved first; nothing was written, here is what is there now. */
export interface StaleVersionBody<T> {
  statusCode: 409;
  message: string;
  current: T;
}
