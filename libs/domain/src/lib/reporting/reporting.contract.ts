import type { Wan } from '../money';
import type { ActivityKind } from '../pipeline/project';

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
  extensions: UnitDeadlineExtensionView[];
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
  keyTasks: {
    id: number;
    seq: number;
    text: string;
    projectCount: number;
    activeProjectCount: number;
  }[];
}

export interface MonthlyReportFigures {
  /** When the figures were taken. */
  takenAt: string;
  chains: MonthlyReportChainSection[];
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

export const NOTIFICATION_KINDS = [
  'report-reminder',
  'report-escalation',
  'report-returned',
  'report-accepted',
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
