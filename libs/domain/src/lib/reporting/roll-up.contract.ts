import type { PromotionEventLine, PromotionEventPeriodTotals } from '../events/promotion-event.contract';
import type { ChainCode } from '../chain';
import type { BlockedByNeedView } from '../guarantees/guarantee.contract';
import type { ActionItemCompletion } from '../meetings/meetings.contract';
import type { Wan } from '../money';
import type { LandRoute } from '../pipeline/land-route';
import type { ProjectStatus } from '../pipeline/project';
import type { YearOnYearBasis, YearOnYearView } from '../pipeline/year-on-year';
import type { KeyTaskProgressPart, PlanMissingView } from '../plan/plan.contract';
import type { SectorFundsGrowthView } from '../plan/sector-growth.contract';
import type {
  PipelineStageTotal,
  TargetMeasure,
} from '../pipeline/project.contract';
import type { Stage } from '../stage';
import type { RankingRow, RankingWeights } from './ranking';
import type { MonthlyReportState } from './reporting.contract';
import type { StatWindow } from './stat-window';

/*
 * 月度汇总报告 (issue 5, item 6): the month's report to the municipal committee. Money: 万元 as
 * decimal strings; rates: completion in percent, two decimals ("37.50"), null without a target;
 * instants: ISO strings; months: YYYY-MM (Asia/Shanghai).
 *
 * "Month" figures cover the period's month; "year to date" covers 1 January to the end of the
 * period's month. Targets are read only from the year's published plan: the chains' targets, and
 * the city's totals as the plan writes them (2025: 220亿元以上 signed, 100亿元 in place). Until the
 * plan is published the figures carry `plan` and no targets, rates or ranking.
 */

/** Count and amount of signings. */
export interface RollUpSignings {
  count: number;
  amount: Wan;
}

/** 全市: the city's totals against the city's targets. */
export interface RollUpCityTotals {
  /** Signed this month: projects signed and their amount. */
  signedMonth: RollUpSignings;
  /** Signed in the year to date against the annual target; `count` = projects signed. */
  signedYearToDate: TargetMeasure & { count: number };
  /** Funds in place (到位资金) entered for this month. */
  fundsMonth: Wan;
  /** Funds in place for the months of the year to date against the annual target. */
  fundsYearToDate: TargetMeasure;
  /** Big projects (亿元以上 by each chain's threshold) against the sum of the required counts. */
  bigProjects: { count: number; target: number | null; rate: string | null };
  newLeads: number;
  stageMoves: number;
  majorProjectCount: number;
  /**
   * The plan writes the city's target as "at least" (…以上). Absent in figures taken before the
   * plan was kept in the product.
   */
  signedAtLeast?: boolean;
  fundsAtLeast?: boolean;
  /** 同比 of the year to date (the same months of last year) and 资金到位率; absent in older figures. */
  yearOnYear?: YearOnYearView;
}

/** 重大项目 of a chain, as it stood when the figures were taken. */
export interface RollUpMajorProject {
  id: string;
  name: string;
  stage: Stage;
  status: ProjectStatus;
  plannedInvestment: Wan | null;
  signedAmount: Wan | null;
  /** 责任单位 (the project's unit), null if none. */
  unitName: string | null;
  /** 用地方式 (既有用地 / 闲置厂房 are marked 盘活存量); absent in figures taken before it was kept. */
  landRoute?: LandRoute | null;
}

/** 重点任务 with its linked projects, and each milestone and goal with its state at the month's end. */
export interface RollUpKeyTask extends KeyTaskProgressPart {
  id: number;
  seq: number;
  text: string;
  projectCount: number;
  activeProjectCount: number;
  /** Linked projects at 项目签约 or later. */
  signedProjectCount: number;
}

/** One chain's figures. */
export interface RollUpChainFigures {
  chainId: number;
  chainCode: ChainCode;
  chainName: string;
  signedMonth: RollUpSignings;
  signedYearToDate: TargetMeasure & { count: number };
  fundsMonth: Wan;
  fundsYearToDate: TargetMeasure;
  /** Big projects first signed in the year whose signed amount reaches the chain's threshold. */
  bigProjects: {
    count: number;
    threshold: Wan | null;
    target: number | null;
    rate: string | null;
  };
  /** Projects now in each stage (active and paused), count and amounts. */
  pipeline: PipelineStageTotal[];
  newLeads: number;
  stageMoves: number;
  majorProjects: RollUpMajorProject[];
  keyTasks: RollUpKeyTask[];
  /**
   * 交办事项 of the chain's meetings at the period's month end (or the day the figures were taken,
   * if earlier): completion, and the items then open and overdue. null in snapshots taken before
   * the figure existed.
   */
  actionItems: RollUpActionItems | null;
  /** 领导批示 on the chain's projects in the period; absent in figures taken before it existed. */
  instructions?: RollUpInstructionCounts;
  /** 同比 of the year to date (the same months of last year) and 资金到位率; absent in older figures. */
  yearOnYear?: YearOnYearView;
}

/**
 * 领导批示 of a period: written within its window (Asia/Shanghai dates, inclusive), of which replied
 * (by the owner or the chain's staff) by the window's end, and not replied by then.
 */
export interface RollUpInstructionCounts {
  written: number;
  replied: number;
  open: number;
}

/** A chain's 交办事项 at a date: ActionItemCompletion, plus the items not done and overdue then. */
export type RollUpActionItems = ActionItemCompletion & { open: number; overdue: number };

export const ROLL_UP_UNIT_STATUSES = [
  'on-time',
  'late',
  'missing',
  'returned',
  'accepted',
] as const;
/**
 * A unit's report for the period: submitted on time / late, missing (no report or still a draft),
 * returned for revision, accepted (`late` still tells how it came in).
 */
export type RollUpUnitStatus = (typeof ROLL_UP_UNIT_STATUSES)[number];

export interface RollUpUnitRow {
  unitId: number;
  unitName: string;
  status: RollUpUnitStatus;
  /** The report's state, null when it has none. */
  reportState: MonthlyReportState | null;
  /** Stamped at submission; null when never submitted. */
  late: boolean | null;
  submittedAt: string | null;
  /** The unit's due instant (an extension applied). */
  dueAt: string;
}

/** 需协调解决的问题, one per unit report that names any, from the report's snapshot. */
export interface RollUpProblem {
  unitId: number;
  unitName: string;
  chainCodes: ChainCode[];
  chainNames: string[];
  text: string;
}

/** A ranked chain of the quarter view, with its name and the quarter's own figures. */
export interface RollUpRankingRow extends RankingRow {
  chainName: string;
  /** Signed and funds in the quarter (its months up to the period). */
  quarterSigned: RollUpSignings;
  quarterFunds: Wan;
  /**
   * 交办事项完成率 at the period's month end, shown beside the score for reference; not weighted.
   * null when nothing was due (or in snapshots taken before the figure existed).
   */
  actionItemRate: string | null;
  /**
   * 年度累计 beside the quarter's own: the year-to-date rates against the annual target, scored
   * with the same weights, and the rank they give. Absent in figures taken before it existed.
   */
  yearToDate?: RankingRow;
}

/**
 * 季评比: the chains ranked (rankChains) by the quarter's own results against a quarter of the
 * annual target, with the year to date beside it; the formula is the office's (its weights are
 * office settings), printed under RANKING_RULE_LABEL. No rows without a published plan.
 */
export interface RollUpQuarterView {
  year: number;
  /** 1–4, the quarter holding the period. */
  quarter: number;
  /** First and last month covered ("2025-04" … the period). */
  fromPeriod: string;
  toPeriod: string;
  /**
   * What the rows' rates and score measure: the quarter's own results. Absent in figures taken
   * before issue 16, which ranked the year to date.
   */
  basis?: 'quarter';
  formula: { zh: string; en: string };
  weights: RankingWeights;
  /**
   * Offered (the text and tables rank the chains) once the quarter's last period is locked and this
   * is that period's roll-up; before, `offeredWhen` says when it will be and the rows are progress
   * only. Absent (offered) in older figures.
   */
  offered?: boolean;
  /** E.g. 第一季度评比将于2025年3月报告期锁定后（2025年4月1日起）发布; null once offered. */
  offeredWhen?: string | null;
  rows: RollUpRankingRow[];
}

/** One month of the year's series. */
export interface RollUpMonthPoint {
  period: string;
  signed: RollUpSignings;
  fundsInPlace: Wan;
  newLeads: number;
  stageMoves: number;
}

/** 年总结: the year to the period's end. */
export interface RollUpYearView {
  year: number;
  toPeriod: string;
  totals: RollUpCityTotals;
  chains: {
    chainCode: ChainCode;
    chainName: string;
    signedYearToDate: TargetMeasure & { count: number };
    fundsYearToDate: TargetMeasure;
    bigProjects: { count: number; target: number | null; rate: string | null };
    /** The chain's month-by-month series, January to the period. */
    months: RollUpMonthPoint[];
  }[];
  /** The city's month-by-month series, January to the period. */
  months: RollUpMonthPoint[];
}

/** Everything the roll-up shows, as taken at one instant (or read from the locked snapshot). */
export interface RollUpFigures {
  period: string;
  year: number;
  /** "1-3月" / "1月": the span of the year to date as the bulletins write it. */
  yearToDateLabel: string;
  /** When these figures were taken from the data. */
  takenAt: string;
  /**
   * 统计区间 of the period: the month's figures count the events of these dates (the year to date:
   * 1 January to its end). Absent in figures taken before windows existed.
   */
  window?: StatWindow;
  /**
   * Set when the year's plan was not published when the figures were taken: no targets, rates or
   * ranking, and the narrative says so. Absent (or null) otherwise, and in older figures.
   */
  plan?: PlanMissingView | null;
  /** 分行业到位资金同比 for the city; absent in figures taken before it existed. */
  sectorGrowth?: SectorFundsGrowthView | null;
  city: RollUpCityTotals;
  chains: RollUpChainFigures[];
  units: RollUpUnitRow[];
  problems: RollUpProblem[];
  quarter: RollUpQuarterView;
  yearView: RollUpYearView;
  /** What the bulletin's text reads beside the totals (同比, 到位率, 序时进度, 主要签约项目); absent in older figures. */
  bulletin?: RollUpBulletinFigures;
  /** 领导批示 city-wide in the period (批示 N件, 已回复 M件, 未回复 K件); absent in older figures. */
  instructions?: RollUpInstructionCounts;
  /** 要素制约: the projects held up by a need, city-wide, as of the window's end (or when taken, if earlier); absent in older figures. */
  blockedByNeeds?: BlockedByNeedView[];
  /** 招商活动 held in the period with their results up to its end (签约 N个 X亿元, 到位 Y亿元); absent in older figures. */
  events?: PromotionEventLine[];
  /** 招商活动 of the window summed (举办 N场, 对接企业 M家, 引出项目 K个, 签约, 到位); absent in older figures. */
  eventTotals?: PromotionEventPeriodTotals;
}

/** A figure beside the same window of the previous year (同比). */
export interface RollUpComparison {
  thisYear: Wan;
  /** The previous year's same window; null when the system holds nothing for that year. */
  lastYear: Wan | null;
  /** (this − last) / last × 100, two decimals; null without last year's figure or when it is 0. */
  growthRate: string | null;
  /**
   * Where lastYear comes from (the headline figures' 同比): 'baseline-full-year' is the office's
   * whole-year 到位资金 of a year before the product. Absent in older figures (then 'system').
   */
  basis?: YearOnYearBasis | null;
}

/** The city's or a chain's bulletin figures. */
export interface RollUpBulletinLine {
  signedMonth: RollUpComparison;
  signedYearToDate: RollUpComparison;
  fundsMonth: RollUpComparison;
  fundsYearToDate: RollUpComparison;
  /** 资金到位率: funds in place / signed amount, year to date, × 100; null when nothing is signed. */
  fundsToSignedRate: string | null;
  /** 序时进度 (annual target × month / 12) and the gap to it (negative: behind); null without a target. */
  signedPace: Wan | null;
  signedGap: Wan | null;
  fundsPace: Wan | null;
  fundsGap: Wan | null;
  /** Funds in place verified by the office, and not yet, year to date. */
  fundsVerifiedYearToDate: Wan;
  fundsUnverifiedYearToDate: Wan;
}

export interface RollUpBulletinFigures {
  /** Whether the system holds any 签约 or 到位资金 entry of the previous year (else no 同比). */
  lastYearHasData: boolean;
  city: RollUpBulletinLine;
  chains: ({ chainCode: ChainCode; chainName: string } & RollUpBulletinLine)[];
  /** 主要签约项目 of the year to date: the five signed most. */
  topSignings: { projectId: string; projectName: string; chainName: string; amount: Wan; signedOn: string }[];
}

export const ROLL_UP_EXPORT_FORMATS = ['docx', 'xlsx'] as const;
export type RollUpExportFormat = (typeof ROLL_UP_EXPORT_FORMATS)[number];

export const ROLL_UP_EXPORT_STATES = [
  'queued',
  'running',
  'done',
  'failed',
] as const;
export type RollUpExportState = (typeof ROLL_UP_EXPORT_STATES)[number];

/** An export job: built in the worker, the file kept in PostgreSQL. */
export interface RollUpExportView {
  id: string;
  period: string;
  format: RollUpExportFormat;
  state: RollUpExportState;
  /** Why it failed (after the last retry), else null. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The Chinese file name the download carries. */
  fileName: string;
  /** GET path of the file once done ("/api/roll-ups/exports/:id/file"), else null. */
  downloadUrl: string | null;
}

/** GET /api/roll-ups/:period (404 until first built). */
export interface RollUpView {
  period: string;
  builtAt: string;
  /** null when the worker's schedule built it. */
  builtBy: { id: string; name: string } | null;
  /** The period is locked. */
  locked: boolean;
  /** The figures come from the month-end snapshot taken at the lock, not today's data. */
  fromSnapshot: boolean;
  snapshotTakenAt: string | null;
  /**
   * Out of date since (a late submission, or a report returned or resubmitted, after it was built):
   * a rebuild is queued and every export rebuilds it first; null when current.
   */
  staleSince: string | null;
  /** The bulletin-style text (通报), drafted from the figures, editable before export. */
  narrative: string;
  narrativeEdited: boolean;
  /** Of the narrative; PUT …/narrative must carry it (stale → 409). */
  version: number;
  figures: RollUpFigures;
  /** This period's exports, newest first. */
  exports: RollUpExportView[];
  /** This period's publications (月通报), newest first; absent where not read. */
  publications?: RollUpPublicationSummary[];
}

/**
 * 月通报: a month's roll-up as the office published it, frozen (figures, narrative, the draft it
 * came from, its Word and Excel files). Every signed-in user reads published ones; drafts stay
 * with the office and the leaders.
 */
export interface RollUpPublicationSummary {
  id: string;
  period: string;
  /** 1 for the month's first publication, 2 for a re-publication after a correction, … */
  seq: number;
  /** The roll-up's version (第N稿) it was published from. */
  rollUpVersion: number;
  /** 发文字号 of its Word file. */
  documentNumber: string;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
}

export interface RollUpPublicationFile {
  format: RollUpExportFormat;
  fileName: string;
  downloadUrl: string;
}

/** GET /api/roll-up-publications/:id */
export interface RollUpPublicationView extends RollUpPublicationSummary {
  narrative: string;
  figures: RollUpFigures;
  files: RollUpPublicationFile[];
}

/** POST /api/roll-up-publications: publishes the period's roll-up as read (its version). */
export interface RollUpPublishInput {
  period: string;
  version: number;
}

/** POST /api/roll-ups/:period/build. An edited narrative is kept unless regenerateNarrative. */
export interface RollUpBuildInput {
  regenerateNarrative?: boolean;
}

/** PUT /api/roll-ups/:period/narrative */
export interface RollUpNarrativeInput {
  narrative: string;
  version: number;
}

/** POST /api/roll-ups/:period/exports → 202 with the RollUpExportView (queued). */
export interface RollUpExportInput {
  format: RollUpExportFormat;
}
