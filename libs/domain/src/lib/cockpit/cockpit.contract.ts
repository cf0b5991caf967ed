import type { PromotionEventLine, PromotionEventPeriodTotals } from '../events/promotion-event.contract';
import type { StatWindow } from '../reporting/stat-window';
import type { BlockedByNeedView } from '../guarantees/guarantee.contract';
import type { ChainCode, ChainUnitRole } from '../chain';
import type { Wan } from '../money';
import type { MonthlyReportState, NotificationKind } from '../reporting/reporting.contract';
import type { RankingRow } from '../reporting/ranking';
import type { KeyTaskProgress, PlanMissingView } from '../plan/plan.contract';
import type { SectorFundsGrowthView } from '../plan/sector-growth.contract';
import type { ChainTargetView } from '../reference.contract';
import type { Stage } from '../stage';
import type { LandRoute } from '../pipeline/land-route';
import type { ProjectStatus } from '../pipeline/project';
import type { ProjectListQuery, UserRef } from '../pipeline/project.contract';
import type { YearOnYearView } from '../pipeline/year-on-year';
import type { CourtingConflictView } from '../investors/contact';

/*
 * The leaders' cockpit (issue 6): the city view (领导驾驶舱), each chain's leader page, alerts and
 * their settings, and instructions (批示). Money: 万元 as decimal strings; dates YYYY-MM-DD and
 * months YYYY-MM in Asia/Shanghai; instants ISO 8601.
 *
 * Every figure carries `query`: the GET /api/projects filters that list the projects behind it.
 * `projectListParams(query)` turns it into the URL parameters of /projects (lists as comma lists).
 *
 * Who sees what: a leader sees only the chains they may read (those they lead); the office and
 * admin see all seven. On the city view a leader gets only their chains, the totals over those
 * chains (`totals.scope = 'led-chains'`), and the ranking rows of their chains with their rank
 * among all seven (`ranking.partial = true`). Asking for another chain's page answers 403.
 *
 * Targets are read only from the year's published plan (年度工作方案). Until it is published the
 * views carry `plan` (PlanMissingView: what to say and where the office goes, /plan/:year); the
 * figures then hold the actuals only (no target, rate, pace or gap) and the ranking has no rows.
 */

// ---------------------------------------------------------------- figures

/**
 * A money figure of the year to date (January to the chosen month) against the annual target.
 * rate = actual / target × 100; pace = target × month / 12 (where an even pace would be by now);
 * gap = actual − pace (negative: behind pace). Percentages as strings with two decimals.
 */
export interface AmountMeasure {
  actual: Wan;
  target: Wan | null;
  rate: string | null;
  pace: Wan | null;
  gap: Wan | null;
  /** actual / pace × 100. */
  paceRate: string | null;
  query: ProjectListQuery;
}

/**
 * A count figure (亿元以上项目) against its target; pace and gap are whole numbers of projects: the
 * pace is the projects due by month m, ceil(target × m / 12).
 */
export interface CountMeasure {
  actual: number;
  target: number | null;
  rate: string | null;
  pace: string | null;
  gap: string | null;
  paceRate: string | null;
  query: ProjectListQuery;
}

export interface CockpitChainRef {
  code: ChainCode;
  nameZh: string;
}

/**
 * One chain's year-to-date figures. Definitions as GET /api/chains/:code/progress:
 * - signedAmount: agreements (initial + supplementary) dated January 1 to the month's end, of
 *   projects now at 项目签约 or later (a move back below signing withdraws them; a drop does not);
 * - signedProjects: projects first signed (initial agreement) in that span, now at 签约 or later;
 * - bigProjects (亿元以上项目): projects first signed in the year whose signed amount by the month's
 *   end reaches the chain's threshold for the year (at month 12 the count of the progress view);
 * - fundsInPlace: fund entries of the months January to the chosen month (all; verified apart).
 * Read from chain_month_total, kept by triggers.
 */
export interface CockpitChainFigures {
  chain: CockpitChainRef;
  target: ChainTargetView | null;
  signedAmount: AmountMeasure;
  signedProjects: { count: number; query: ProjectListQuery };
  fundsInPlace: AmountMeasure;
  /** Verified entries only (no pace: the target is the same as fundsInPlace's). */
  fundsInPlaceVerified: { actual: Wan; rate: string | null };
  bigProjects: CountMeasure;
  /** 同比 of each figure (the same months of last year) and 资金到位率, year to date. */
  yearOnYear: YearOnYearView;
}

// ---------------------------------------------------------------- city view

/** GET /api/cockpit?year=&month= (month 1–12; both default to the current month in Shanghai). */
export interface CockpitQuery {
  year?: number;
  month?: number;
}

export interface CockpitTotals {
  /** 'city': all seven chains; 'led-chains': only the chains this leader may read. */
  scope: 'city' | 'led-chains';
  chainCount: number;
  /** Targets are the sums of the chains' targets over the scope. */
  signedAmount: AmountMeasure;
  fundsInPlace: AmountMeasure;
  bigProjects: CountMeasure;
  signedProjects: { count: number; query: ProjectListQuery };
  /** 同比 of the totals over the scope (the same months of last year) and 资金到位率. */
  yearOnYear: YearOnYearView;
  /**
   * The city's annual targets as the year's published plan writes them (annual_plan: 2025: 220
   * 亿元以上 signed = 2,200,000 万元, 100 亿元 in place = 1,000,000 万元), whatever the scope;
   * each "at least" (以上) or exact. bigProjects: the sum of the chains' required counts. All null
   * until the plan is published.
   */
  cityTargets: {
    signedAmount: Wan | null;
    signedAtLeast: boolean;
    fundsInPlace: Wan | null;
    fundsAtLeast: boolean;
    bigProjects: number | null;
  };
}

/**
 * Month-by-month series from January to the chosen month, one per chain in scope and one for the
 * totals (chain: null). Arrays are aligned with `months`.
 */
export interface CockpitTrendSeries {
  chain: CockpitChainRef | null;
  /** Signed in that month / year to date at that month's end. */
  signedAmount: Wan[];
  signedAmountCumulative: Wan[];
  fundsInPlace: Wan[];
  fundsInPlaceCumulative: Wan[];
  bigProjectsCumulative: number[];
  /** target × m / 12 for each month m; null without a target. */
  signedPace: Wan[] | null;
  fundsPace: Wan[] | null;
}

export interface CockpitTrend {
  /** YYYY-MM, January to the chosen month. */
  months: string[];
  series: CockpitTrendSeries[];
}

/**
 * 季评比 for the quarter holding the chosen month, scored by rankChains (libs/domain reporting)
 * from the same year-to-date rates as the figures (through the chosen month: a quarter still
 * running is ranked as it stands, `quarterComplete` false).
 */
export interface CockpitRanking {
  quarter: 1 | 2 | 3 | 4;
  throughMonth: string;
  quarterComplete: boolean;
  formula: { zh: string; en: string };
  weights: { signed: number; funds: number; bigProjects: number };
  rateCap: number;
  /**
   * Ranks among all seven chains; a leader gets only the rows of their chains; none until the
   * year's plan is published (nothing to rank against). actionItemRate:
   * 交办事项完成率 at the month's end (today, for the current month), shown for reference and not
   * weighted; null when nothing was due.
   */
  rows: (RankingRow & { chainNameZh: string; actionItemRate: string | null })[];
  partial: boolean;
}

export interface CockpitView {
  year: number;
  month: number;
  /** YYYY-MM of the chosen month. */
  asOf: string;
  /** 统计区间 of the chosen period: its "month" figures count the events of these dates. */
  window?: StatWindow;
  /** Set while the year's plan is not published: the page says so in place of the figures. */
  plan?: PlanMissingView | null;
  /** The chains in scope, in the plan's order. */
  chains: CockpitChainFigures[];
  totals: CockpitTotals;
  trend: CockpitTrend;
  ranking: CockpitRanking;
  /**
   * Open alerts per kind over the chains in scope (GET /api/cockpit/alerts lists them), as of
   * `alertsAsOf`: the chosen period's window end for a past period, today while it runs.
   */
  alertCounts: Record<AlertKind, number>;
  /**
   * The whole city's totals (all seven chains, against the plan's city totals), for the city's
   * principal leaders — the party secretary (市委书记) and the mayor (市长), as their post reads —
   * whose own chains are only a part: shown beside the totals of their chains. Absent otherwise.
   */
  cityTotals?: CockpitTotals;
  /** The date the alerts are counted at (YYYY-MM-DD, Shanghai). */
  alertsAsOf?: string;
  /** The project list behind each alert count (report-late: null), as of `alertsAsOf`. */
  alertQueries?: Record<AlertKind, ProjectListQuery | null>;
  /** 分行业到位资金同比 over the chains in scope, against the plan's sector growth targets. */
  sectorGrowth?: SectorFundsGrowthView | null;
  /** 撞车提醒 waiting for the office to decide who leads (the oldest few, and how many). */
  courtingConflicts?: { items: CourtingConflictView[]; total: number };
  /** 招商活动 of the year (those of the user's chains and the city's) with their results up to the chosen month. */
  events?: PromotionEventLine[];
  /** 招商活动 of the year to the chosen month's end, summed over the same events' scope (the roll-up's figure, from the events area). */
  eventTotals?: PromotionEventPeriodTotals;
}

// ---------------------------------------------------------------- chain leader page

/** A project as the leader page lists it; the web links it to /projects/:id. */
export interface CockpitProjectRef {
  id: string;
  name: string;
  chain: ChainCode;
  stage: Stage;
  status: ProjectStatus;
  major: boolean;
  /** Signed once signed, else planned. */
  amount: Wan | null;
  investorName: string;
  owner: UserRef;
  responsibleUnit: { id: number; name: string };
  /** 用地方式 once recorded: 既有用地 / 闲置厂房 are marked 盘活存量 where the project is listed. */
  landRoute?: LandRoute | null;
}

/** One stage of the funnel: projects now there (active and paused), from pipeline_stage_total. */
export interface FunnelStageView {
  stage: Stage;
  label: string;
  count: number;
  plannedInvestment: Wan;
  signedAmount: Wan;
  query: ProjectListQuery;
}

/**
 * Conversion from one stage to the next over every project of the chain ever recorded (dropped
 * included): reachedFrom = projects whose furthest stage is `from` or beyond, reachedTo = `to` or
 * beyond; rate = reachedTo / reachedFrom × 100.
 */
export interface StageConversionView {
  from: Stage;
  to: Stage;
  reachedFrom: number;
  reachedTo: number;
  rate: string | null;
}

/**
 * Time in a stage, from the stage history: completed stays (entered, then left by any move) and
 * the projects now in it (active and paused) counted to today. Medians in whole days.
 */
export interface StageDurationView {
  stage: Stage;
  completedStays: number;
  medianDaysCompleted: number | null;
  current: number;
  medianDaysCurrent: number | null;
}

/** A project longest in its stage (active, not yet 竣工投产). */
export interface StuckProjectView {
  project: CockpitProjectRef;
  /**
   * The stage's business date (YYYY-MM-DD: 签约日期, 供地批复日期, 开工日期, …, or the day the stage
   * was reached as the user gave it), the same date the alerts count from, and the whole days since.
   */
  since: string;
  days: number;
}

export interface OverdueFollowUpView {
  project: CockpitProjectRef;
  /** The planned follow-up date, before today. */
  dueOn: string;
  daysOverdue: number;
  lastActivityOn: string | null;
}

/**
 * The latest submitted monthly report (submitted, returned or accepted) of a unit serving the
 * chain. The narrative is the unit's, for all the chains it serves; `problems` is 需协调解决的问题.
 */
export interface UnitReportNarrativeView {
  unit: { id: number; name: string };
  role: ChainUnitRole;
  isLead: boolean;
  /** null: the unit has submitted no report yet. */
  period: string | null;
  state: MonthlyReportState | null;
  submittedAt: string | null;
  late: boolean | null;
  workDone: string;
  problems: string;
  nextMonthPlan: string;
}

/**
 * 重点任务 of the chain for the year: its responsible units, each milestone (a named project against
 * the stage the plan commits it to) and goal with its state at the month's end (keyTaskProgress),
 * the counts of done / on track / behind, and the projects linked to it.
 */
export interface KeyTaskProgressView
  extends Pick<KeyTaskProgress, 'units' | 'milestones' | 'goals' | 'done' | 'onTrack' | 'behind'> {
  id: number;
  seq: number;
  text: string;
  projectCount: number;
  activeCount: number;
  /** Projects (not dropped) per stage. */
  byStage: Record<Stage, number>;
  /** The furthest stage reached by a linked project that is not dropped. */
  furthestStage: Stage | null;
  signedAmount: Wan;
  fundsInPlace: Wan;
  query: ProjectListQuery;
}

/** GET /api/cockpit/chains/:code?year=&month= */
export interface ChainCockpitView {
  chain: CockpitChainRef;
  year: number;
  month: number;
  asOf: string;
  /** 统计区间 of the chosen period. */
  window?: StatWindow;
  /** Set while the year's plan is not published (no targets, rates or pace in `figures`). */
  plan?: PlanMissingView | null;
  figures: CockpitChainFigures;
  trend: CockpitTrendSeries;
  funnel: FunnelStageView[];
  conversions: StageConversionView[];
  stageDurations: StageDurationView[];
  /** The 10 projects longest in their stage; `stuckQuery` lists them all in that order. */
  stuck: StuckProjectView[];
  stuckQuery: ProjectListQuery;
  /** 重大项目 not dropped, furthest stage first. */
  majorProjects: CockpitProjectRef[];
  majorQuery: ProjectListQuery;
  /** Up to 20, most overdue first; `overdueCount` and `overdueQuery` cover all. */
  overdueFollowUps: OverdueFollowUpView[];
  overdueCount: number;
  overdueQuery: ProjectListQuery;
  reports: UnitReportNarrativeView[];
  keyTasks: KeyTaskProgressView[];
  /** Up to LEADER_ALERTS_PER_KIND of each kind, the longest-standing first; `alertCounts` counts them all. */
  alerts: AlertView[];
  /** How many alerts of each kind the chain has (as of the month chosen). */
  alertCounts: Record<AlertKind, number>;
  /** The project list behind each project-alert kind (null for late reports). */
  alertQueries: Record<AlertKind, ProjectListQuery | null>;
  /** The 10 latest instructions on the chain's projects. */
  instructions: InstructionView[];
  /** 批示 not yet replied to (up to 50), the oldest first; `openInstructionCount` counts them all. */
  openInstructions: OpenInstructionView[];
  openInstructionCount: number;
  /** 招商图谱: the year's weak or missing links with no active lead; null when the chain has no map for the year. */
  mapGaps?: ChainMapGapView[] | null;
  /** 要素制约: the chain's projects held up by a need (blockedByNeeds, as of the month chosen); absent before it existed. */
  blockedByNeeds?: BlockedByNeedView[];
}

/** A gap of a chain's map (a weak or missing link) with no active project tagged with it. */
export interface ChainMapGapView {
  linkId: number;
  name: string;
  status: 'weak' | 'missing';
  kind: 'strengthen' | 'fill' | 'extend' | null;
}

// ---------------------------------------------------------------- alerts

export const ALERT_KINDS = ['signed-no-land', 'land-not-started', 'not-producing', 'idle', 'report-late'] as const;
/**
 * - signed-no-land: at 项目签约 for N months since the signing date (signedNoLandMonths)
 * - land-not-started: at 项目供地 for N months since the land approval (landNotStartedMonths)
 * - not-producing: at 项目开工 past the planned date = construction start + N months
 *   (constructionMonths; no per-project planned date is recorded)
 * - idle: not yet 竣工投产, no follow-up activity for N days (counting from creation if none)
 * - report-late: a unit serving the chain has not submitted the report of the latest period whose
 *   deadline (with its extension) has passed
 * Project alerts cover active projects only (暂缓 and 终止 ones are left out). The stage date
 * falls back to the day the project entered the stage where the fact is missing.
 */
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Alerts listed per kind on the leader page, the longest-standing first: a leader's phone gets the
 * few that matter, with the count and a link to the rest (100 of each kind made a 350 KB answer at
 * 100 times the city).
 */
export const LEADER_ALERTS_PER_KIND = 10;

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  'signed-no-land': '签约未供地',
  'land-not-started': '供地未开工',
  'not-producing': '开工未按期投产',
  idle: '长期无跟进',
  'report-late': '月报逾期',
};

export interface AlertView {
  kind: AlertKind;
  chain: CockpitChainRef;
  /** For the project alerts. */
  project: CockpitProjectRef | null;
  /** For report-late. */
  unit: { id: number; name: string } | null;
  period: string | null;
  /** The date the clock started (signing, land approval, planned production, last activity, deadline). */
  since: string;
  /** Whole days from `since` to today. */
  days: number;
  /** The web page to open: /projects/:id, or /reports for a late report. */
  link: string;
}

/** GET /api/cockpit/alerts?chain= (chain optional: every chain in scope). */
export interface AlertListView {
  asOf: string;
  settings: AlertSettingsView;
  /** Up to `limitPerKind` of each kind, the longest-standing first; `counts` cover them all. */
  items: AlertView[];
  counts: Record<AlertKind, number>;
  limitPerKind: number;
  /** The project list behind each project-alert kind (report-late: null). Needs `chain` to narrow. */
  queries: Record<AlertKind, ProjectListQuery | null>;
}

/** The Ns of the alerts, set by the office. */
export interface AlertThresholds {
  signedNoLandMonths: number;
  landNotStartedMonths: number;
  constructionMonths: number;
  idleDays: number;
}
/** GET/PUT /api/settings/alerts. */
export interface AlertSettingsView extends AlertThresholds {
  /** The version read; it changes whenever any of the Ns is saved (also the idle days in 办公室设置). */
  version: number;
}
export interface AlertSettingsInput extends AlertThresholds {
  /** The version read; a stale one answers 409 with the settings as they are now. */
  version?: number;
}

export const ALERT_SETTING_LIMITS: Record<keyof AlertThresholds, { min: number; max: number; default: number }> = {
  signedNoLandMonths: { min: 1, max: 60, default: 6 },
  landNotStartedMonths: { min: 1, max: 60, default: 6 },
  constructionMonths: { min: 1, max: 120, default: 24 },
  idleDays: { min: 1, max: 3650, default: 30 },
};

// ---------------------------------------------------------------- instructions

/** POST /api/projects/:id/instructions: a leader of the project's chain writes a 批示. */
export interface InstructionInput {
  text: string;
}
export const INSTRUCTION_MAX_LENGTH = 2000;

/** 领导批示 on a project; GET /api/projects/:id/instructions lists them, latest first. */
export interface InstructionView {
  id: string;
  project: { id: string; name: string };
  text: string;
  author: UserRef;
  /** The author's name as a leader (person record), when linked. */
  personName: string | null;
  createdAt: string;
  /** When the project's owner first opened the project page after it was written (已读). */
  readAt: string | null;
  /** 已阅: when the owner or the chain's staff acknowledged it, and who. */
  acknowledgedAt: string | null;
  acknowledgedBy: UserRef | null;
  /** When the owner or the chain's staff first replied (已回复); null while it is open. */
  repliedAt: string | null;
  /** The thread, oldest first. */
  replies: InstructionReplyView[];
  /** Named by an acknowledgement or a reply; a stale one answers 409 with the instruction as it is now. */
  version: number;
}

/** One answer in a 批示's thread: from the owner or the chain's staff, or a leader's follow-up. */
export interface InstructionReplyView {
  id: string;
  text: string;
  author: UserRef;
  /** Written by a leader of the chain (a follow-up), not by the project's side. */
  byLeader: boolean;
  createdAt: string;
}

/** POST /api/projects/:id/instructions/:instructionId/acknowledgement (已阅). */
export interface InstructionAcknowledgeInput {
  version: number;
}

/** POST /api/projects/:id/instructions/:instructionId/replies. */
export interface InstructionReplyInput {
  text: string;
  version: number;
}

/** A 批示 not yet replied to, on the chain leader page: its age in whole days on the Shanghai calendar. */
export interface OpenInstructionView {
  id: string;
  project: { id: string; name: string };
  text: string;
  personName: string | null;
  author: UserRef;
  createdAt: string;
  ageDays: number;
  readAt: string | null;
  acknowledgedAt: string | null;
}

/**
 * Who answers a 批示 (acknowledges, replies): the project's owner and the staff of a unit serving
 * its chain (who may edit its projects). The API checks the same on the server.
 */
export function mayAnswerInstruction<C>(
  user: { id: string; editableChains: readonly C[] },
  project: { ownerId: string; chain: C },
): boolean {
  return user.id === project.ownerId || user.editableChains.includes(project.chain);
}

/** The kind of the notification an instruction sends to the project's owner. */
export const INSTRUCTION_NOTIFICATION_KIND: NotificationKind = 'leader-instruction';

// ---------------------------------------------------------------- links

/**
 * The URL parameters of /projects (and GET /api/projects) for a query: lists as comma lists,
 * booleans as "true"/"false", undefined left out.
 */
export function projectListParams(query: ProjectListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return params;
}

/** Stages at which a signed amount counts. */
export const SIGNED_STAGES: Stage[] = ['signed', 'land', 'construction', 'production'];
