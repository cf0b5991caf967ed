import type { StatWindow } from './stat-window';
import type { Wan } from '../money';
import type { ActivityKind } from '../pipeline/project';
import type { KeyTaskProgressPart } from '../plan/plan.contract';

/*
 * Contract types of the monthly reporting area (issue 5): 报告期, 月报, 通知. Instants travel as ISO
 * strings, dates as YYYY-MM-DD, money as decimal strings in 万元.
 */

/** 报告期 (ReportingPeriod). */
export interface ReportingPeriodView {
  period: string;
  opensAt: string;
  /** The first late instant: 00:00 of the 26th, Asia/Shanghai. */
  dueAt: string;
  locked: boolean;
  /**
   * From when the office may lock it: its statistical window has closed (a lock before is refused
   * with this date).
   */
  lockableFrom: string;
  /** 统计区间: the dates whose events the period counts (statWindow, with the office's cut-off). */
  window: StatWindow;
  /** Whether the office moved this period's cut-off from the default (the 25th; 31 December). */
  cutoffSet: boolean;
  extensions: UnitDeadlineExtensionView[];
  /** Optimistic version: an extension or the lock names the one it read (a stale one answers 409). */
  version: number;
}

/** POST /api/reporting-periods: open a period (early, if opensAt is before its 1st). */
export interface OpenPeriodInput {
  period: string;
  opensAt?: string | null;
}

/** One unit's later due date for a period, with the reason. */
export interface UnitDeadlineExtensionView {
  unitId: number;
  unitName: string;
  extendedTo: string;
  reason: string;
}

export interface ExtendDeadlineInput {
  unitId: number;
  extendedTo: string;
  reason: string;
  /** The version of the period read; a stale one answers 409 with the current period. */
  version?: number;
}

/** POST /api/reporting-periods/:period/lock */
/** PUT /api/reporting-periods/:period/cutoff: the office moves the period's cut-off day. */
export interface SetCutoffInput {
  /** YYYY-MM-DD within the period's month (December: the 31st); null restores the default. */
  cutoff: string | null;
  /** The version of the period read; a stale one answers 409 with the current period. */
  version?: number;
}

export interface LockPeriodInput {
  /** The version of the period read; a stale one answers 409 with the current period. */
  version?: number;
}

export const MONTHLY_REPORT_STATES = [
  'draft',
  'submitted',
  'returned',
  'accepted',
] as const;
/** draft → submitted → returned (with a comment) → submitted … → accepted. */
export type MonthlyReportState = (typeof MONTHLY_REPORT_STATES)[number];

/** The figures of one chain a unit serves, for the month (pre-filled, frozen at submission). */
export interface MonthlyReportChainSection {
  chainId: number;
  chainCode: string;
  chainName: string;
  activitiesByKind: Partial<Record<ActivityKind, number>>;
  newLeads: number;
  stageMoves: number;
  signings: { count: number; amount: Wan };
  fundsInPlace: Wan;
  /**
   * 重点任务 the unit is responsible for in the chain: the projects it has linked, and each
   * milestone and goal with its state at the month's end (已完成 / 按序时推进 / 滞后).
   */
  keyTasks: ({
    id: number;
    seq: number;
    text: string;
    projectCount: number;
    activeProjectCount: number;
  } & KeyTaskProgressPart)[];
}

export interface MonthlyReportFigures {
  /** When the figures were taken. */
  takenAt: string;
  /** 统计区间 the figures cover (up to takenAt); absent in snapshots taken before windows existed. */
  window?: StatWindow;
  chains: MonthlyReportChainSection[];
  /**
   * 报送后新增: events of the previous period's window recorded after the unit submitted that
   * period's report, so missing from its snapshot; absent when there are none or no such report.
   */
  afterSubmission?: MonthlyReportAfterSubmission | null;
}

/** Events of an earlier window that arrived after that period's report was submitted. */
export interface MonthlyReportAfterSubmission {
  period: string;
  window: StatWindow;
  submittedAt: string;
  chains: {
    chainId: number;
    chainCode: string;
    chainName: string;
    newLeads: number;
    stageMoves: number;
    signings: { count: number; amount: string };
    fundsInPlace: string;
  }[];
}

/** The unit's own words. */
export interface MonthlyReportNarrative {
  /** 工作开展情况 */
  workDone: string;
  /** 需协调解决的问题 */
  problems: string;
  /** 下月工作计划 */
  nextMonthPlan: string;
}

/** 月报 (MonthlyReport): one per responsible unit per period. */
export interface MonthlyReportView extends MonthlyReportNarrative {
  id: string | null;
  unitId: number;
  unitName: string;
  period: string;
  state: MonthlyReportState;
  dueAt: string;
  submittedAt: string | null;
  late: boolean | null;
  returnComment: string | null;
  /** Live figures while a draft; the frozen snapshot once submitted. */
  figures: MonthlyReportFigures;
  version: number;
}

/** PUT /api/monthly-reports/:period: saves the draft's narrative. */
export interface MonthlyReportDraftInput extends MonthlyReportNarrative {
  version: number;
}

export interface MonthlyReportVersionInput {
  version: number;
}

export interface MonthlyReportReturnInput {
  version: number;
  comment: string;
}

/**
 * A cell of the office's submission board (报送情况): one unit, one month.
 * - `not-due`: the due instant has not come and nothing is submitted (no draft saved yet);
 * - `draft`: not yet due, a draft is saved;
 * - `missing`: due, and not submitted (a draft may exist: see hasDraft);
 * - `on-time` / `late`: submitted (awaiting review), stamped;
 * - `returned`: returned for revision (late says how the last submission was stamped);
 * - `accepted`: accepted (late likewise).
 */
export const SUBMISSION_CELL_STATES = [
  'not-due',
  'draft',
  'missing',
  'on-time',
  'late',
  'returned',
  'accepted',
] as const;
export type SubmissionCellState = (typeof SUBMISSION_CELL_STATES)[number];

export interface SubmissionBoardCell {
  period: string;
  state: SubmissionCellState;
  /** The report's id; null when the unit has not saved one. */
  reportId: string | null;
  hasDraft: boolean;
  submittedAt: string | null;
  /** The stamp of the (last) submission; null when never submitted. */
  late: boolean | null;
  /** The unit's due instant (the first late one), its extension included. */
  dueAt: string;
  /** The unit's own due date when extended (YYYY-MM-DD), else null. */
  extendedTo: string | null;
  /** The last reminder of this unit for this month (scheduled, escalation or by hand), if any. */
  lastRemindedAt: string | null;
  /** Whether the office may remind the unit now (POST /api/monthly-reports/reminders). */
  canRemind: boolean;
}

export interface SubmissionBoardRow {
  unitId: number;
  unitName: string;
  /**
   * The unit's active staff accounts: 0 means nobody can fill in its report nor hear a reminder
   * (the board says 无账号 and offers no 催报; an administrator creates its accounts first).
   */
  staffAccounts: number;
  /** One per month of the board, in the order of `periods`. */
  cells: SubmissionBoardCell[];
}

export interface SubmissionBoardPeriod {
  period: string;
  /** The period's own due instant (00:00 of the 26th, Asia/Shanghai). */
  dueAt: string;
  /** Whether the office has opened the period (a reporting_period row exists). */
  opened: boolean;
  locked: boolean;
  /** From when it may be locked (its window has closed); the board offers the lock from then. */
  lockableFrom: string;
  /** 统计区间 of the period. */
  window: StatWindow;
  /** The period's version, for an extension or the lock (null before its row exists). */
  version: number | null;
}

/** GET /api/monthly-reports/board?from=YYYY-MM&to=YYYY-MM: units × months. */
export interface SubmissionBoardView {
  from: string;
  to: string;
  /** When the board was computed (the states depend on it). */
  asOf: string;
  periods: SubmissionBoardPeriod[];
  /** The responsible units (those serving a chain), by name. */
  rows: SubmissionBoardRow[];
}

/** POST /api/monthly-reports/reminders: the office reminds one unit at once (一键催报). */
export interface RemindUnitInput {
  unitId: number;
  period: string;
}

export interface RemindUnitResult {
  unitId: number;
  period: string;
  /** How many of the unit's staff were notified. */
  recipients: number;
  sentAt: string;
}

/** An office setting's meaning and bounds (values are integers). */
export interface OfficeSettingDefinition {
  default: number;
  min: number;
  max: number;
  zh: string;
  en: string;
}

/**
 * Office settings (办公室设置), stored by key in office_setting; other areas add their keys here.
 * GET /api/office-settings lists them all (the default where never set).
 */
export const OFFICE_SETTINGS = {
  'project-idle-days': {
    default: 30,
    min: 1,
    max: 365,
    zh: '项目久未跟进提醒天数',
    en: 'Days without activity before a project owner is reminded',
  },
  'action-item-reminder-days': {
    default: 3,
    min: 0,
    max: 30,
    zh: '交办事项到期前提醒天数',
    en: 'Days before an action item is due that its owner is reminded',
  },
  // 季评比's weights (percent), printed with the ranking as the office's rule (评分办法（市招商办制定）).
  'ranking-weight-signed': {
    default: 40,
    min: 0,
    max: 100,
    zh: '季评比权重：签约额完成率（%）',
    en: 'Quarter ranking weight: signed-amount completion (%)',
  },
  'ranking-weight-funds': {
    default: 40,
    min: 0,
    max: 100,
    zh: '季评比权重：到位资金完成率（%）',
    en: 'Quarter ranking weight: funds-in-place completion (%)',
  },
  'ranking-weight-big-projects': {
    default: 20,
    min: 0,
    max: 100,
    zh: '季评比权重：亿元以上项目完成率（%）',
    en: 'Quarter ranking weight: big-project completion (%)',
  },
} as const satisfies Record<string, OfficeSettingDefinition>;
export type OfficeSettingKey = keyof typeof OFFICE_SETTINGS;
export const OFFICE_SETTING_KEYS = Object.keys(
  OFFICE_SETTINGS,
) as OfficeSettingKey[];

export interface OfficeSettingView extends OfficeSettingDefinition {
  key: OfficeSettingKey;
  value: number;
  updatedAt: string | null;
  /** Display name of who set it; null when never set by a user. */
  updatedBy: string | null;
  /** The version read (1 for a setting never changed); send it back to change the setting. */
  version: number;
}

/** PUT /api/office-settings/:key */
export interface OfficeSettingInput {
  value: number;
  /** The version read; a stale one answers 409 with the setting as it is now. */
  version?: number;
}

export const NOTIFICATION_KINDS = [
  'report-reminder',
  'report-escalation',
  'report-returned',
  'report-accepted',
  /** 跟进提醒: a project's next follow-up date has come (to its owner). */
  'follow-up-due',
  /** 久未跟进: no activity on a project for the office's number of days (to its owner). */
  'project-idle',
  /** 重大项目: a project flagged major, or a major event logged on one (to the office). */
  'major-project',
  /** 领导批示: a leader's instruction on a project (to its owner). */
  'leader-instruction',
  /** 交办事项: an action item decided at a meeting (to its owner, or its unit's staff). */
  'action-item-assigned',
  /** 交办事项 due in a few days (to its owner). */
  'action-item-due',
  /** 交办事项 past its due date and not done (to its owner). */
  'action-item-overdue',
  /** 月调度会: the chain's scheduled monthly meeting is in a few days (to the chair's office). */
  'meeting-due',
  /** 月调度会: the scheduled day has passed and no monthly meeting is recorded (to the office). */
  'meeting-missing',
  /** 周跟踪: the Monday digest of the user's chains. */
  'weekly-digest',
  /** 月通报: the office published a month's roll-up (to every unit's staff). */
  'bulletin-published',
  /** 撞车提醒: a firm (or its group) another chain or unit already works with (both task forces, the office). */
  'courting-conflict',
  /** 要素保障: a project's need sent to a bureau (to its staff). */
  'guarantee-requested',
  /** 要素保障: the bureau answered (to the sender and the project's owner). */
  'guarantee-answered',
  /** 要素保障: past its due date without 已保障 or 无法满足 (to the bureau's staff and the sender), once per due date. */
  'guarantee-overdue',
  /** 部门预审: a unit asked for its opinion on a project (to its staff). */
  'pre-review-requested',
  /** 部门预审: the unit answered (to whoever asked). */
  'pre-review-answered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** 通知: stored in-app, read by its user. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationListView {
  items: NotificationView[];
  unread: number;
}
