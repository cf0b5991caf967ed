import type {
  MonthlyReportState,
  NotificationKind,
  RollUpUnitStatus,
  SubmissionCellState,
} from '@crm/domain';
import type { MessageKey } from '@crm/web/core';

/* The i18n key of each reporting word: `{{ reportStateKey(state) | t }}`. */
export const reportStateKey = (state: MonthlyReportState): MessageKey =>
  `reporting.state.${state}`;
export const cellStateKey = (state: SubmissionCellState): MessageKey =>
  `reporting.cell.${state}`;
export const unitStatusKey = (status: RollUpUnitStatus): MessageKey =>
  `reporting.cell.${status}`;

/** What a kind of notification is called, for the bell's list; unknown kinds show none. */
export function notificationKindKey(kind: NotificationKind): MessageKey | null {
  const known: Record<string, MessageKey> = {
    'report-reminder': 'notice.kind.report-reminder',
    'report-escalation': 'notice.kind.report-escalation',
    'report-returned': 'notice.kind.report-returned',
    'report-accepted': 'notice.kind.report-accepted',
    'follow-up-due': 'notice.kind.follow-up-due',
    'project-idle': 'notice.kind.project-idle',
    'major-project': 'notice.kind.major-project',
    'leader-instruction': 'notice.kind.leader-instruction',
    'action-item-assigned': 'notice.kind.action-item-assigned',
    'action-item-due': 'notice.kind.action-item-due',
    'action-item-overdue': 'notice.kind.action-item-overdue',
    'meeting-due': 'notice.kind.meeting-due',
    'meeting-missing': 'notice.kind.meeting-missing',
    'weekly-digest': 'notice.kind.weekly-digest',
    'bulletin-published': 'notice.kind.bulletin-published',
    'courting-conflict': 'notice.kind.courting-conflict',
    'guarantee-requested': 'notice.kind.guarantee-requested',
    'guarantee-answered': 'notice.kind.guarantee-answered',
    'guarantee-overdue': 'notice.kind.guarantee-overdue',
    'pre-review-requested': 'notice.kind.pre-review-requested',
    'pre-review-answered': 'notice.kind.pre-review-answered',
  };
  return known[kind] ?? null;
}

/** ng-zorro tag colours of a report's state. */
export const REPORT_STATE_COLORS: Record<MonthlyReportState, string> = {
  draft: 'blue',
  submitted: 'green',
  returned: 'orange',
  accepted: 'cyan',
};

/**
 * The board's colours, the legend's too: green on time, gold late, red missing, orange returned,
 * cyan accepted, grey not yet due, blue a draft not yet due.
 */
export const CELL_COLORS: Record<SubmissionCellState, string> = {
  'not-due': 'default',
  draft: 'blue',
  missing: 'red',
  'on-time': 'green',
  late: 'gold',
  returned: 'orange',
  accepted: 'cyan',
};
