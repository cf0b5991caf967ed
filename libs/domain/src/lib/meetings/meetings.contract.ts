import type { ChainCode } from '../chain';
import type { CockpitChainRef } from '../cockpit/cockpit.contract';
import type { UnitRef, UserRef } from '../pipeline/project.contract';

/**
 * 调度会议 and 交办事项 (issue 9): a chain's meetings (or several chains' joint meeting) and the
 * action items they decide. Dates are calendar dates (YYYY-MM-DD) in Asia/Shanghai.
 */

/** 月调度会, 季度推进会, 年度总结, 联席会议. */
export const MEETING_KINDS = ['monthly-dispatch', 'quarterly-review', 'annual-summary', 'joint'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  'monthly-dispatch': '月调度会',
  'quarterly-review': '季度推进会',
  'annual-summary': '年度总结',
  joint: '联席会议',
};

/** POST /api/meetings; PATCH takes the same fields, each optional. */
export interface MeetingInput {
  kind: MeetingKind;
  heldOn: string;
  /** One chain, or several for a joint meeting (联席会议). */
  chains: ChainCode[];
  /** 主持: a person of the reference data (a chain leader), or a name. */
  chairPersonId?: number | null;
  chairName?: string | null;
  attendingUnitIds: number[];
  /** Attending people, by name. */
  attendees: string[];
  agenda: string;
  minutes: string;
}

export type MeetingPatch = Partial<MeetingInput>;

export interface MeetingView {
  id: string;
  kind: MeetingKind;
  heldOn: string;
  chains: CockpitChainRef[];
  chair: { personId: number | null; name: string };
  attendingUnits: UnitRef[];
  attendees: string[];
  agenda: string;
  minutes: string;
  createdBy: UserRef;
  createdAt: string;
  updatedAt: string;
  /** Open (not done) action items of the meeting, and how many of them are overdue. */
  openItems: number;
  overdueItems: number;
}

/** Status of an action item; 逾期 (overdue) is not a status but derived from the due date. */
export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Which moves are allowed: forward only, and done is final. */
export const ACTION_ITEM_MOVES: Record<ActionItemStatus, readonly ActionItemStatus[]> = {
  open: ['in-progress', 'done'],
  'in-progress': ['done'],
  done: [],
};

export function canMoveActionItem(from: ActionItemStatus, to: ActionItemStatus): boolean {
  return ACTION_ITEM_MOVES[from].includes(to);
}

/** Overdue on the day after its due date (Shanghai), until it is done. */
export function isActionItemOverdue(item: { status: ActionItemStatus; dueOn: string }, today: string): boolean {
  return item.status !== 'done' && item.dueOn < today;
}

/** POST /api/meetings/:id/action-items */
export interface ActionItemInput {
  text: string;
  /** A project of one of the meeting's chains. */
  projectId?: string | null;
  ownerUnitId: number;
  ownerUserId?: string | null;
  dueOn: string;
}

/** POST /api/action-items/:id/status: done needs a note of what was done. */
export interface ActionItemStatusInput {
  status: ActionItemStatus;
  note?: string | null;
}

/** POST /api/action-items/:id/notes */
export interface ActionItemNoteInput {
  text: string;
}

export interface ActionItemNoteView {
  id: string;
  text: string;
  /** The status the note moved the item to, if it did. */
  status: ActionItemStatus | null;
  author: UserRef;
  createdAt: string;
}

export interface ActionItemView {
  id: string;
  meeting: { id: string; kind: MeetingKind; heldOn: string };
  chains: CockpitChainRef[];
  text: string;
  project: { id: string; name: string } | null;
  ownerUnit: UnitRef;
  ownerUser: UserRef | null;
  dueOn: string;
  status: ActionItemStatus;
  /** Derived: not done and past the due date (Shanghai). */
  overdue: boolean;
  /** When the reminder job marked it overdue (and told its owner). */
  overdueMarkedAt: string | null;
  doneNote: string | null;
  doneAt: string | null;
  notes: ActionItemNoteView[];
  createdAt: string;
}

/** GET /api/action-items: by chain, meeting or unit, all open items or only the overdue ones. */
export const ACTION_ITEM_FILTERS = ['open', 'overdue', 'all'] as const;
export type ActionItemFilter = (typeof ACTION_ITEM_FILTERS)[number];

export interface ActionItemListQuery {
  chain?: ChainCode;
  meetingId?: string;
  unitId?: number;
  filter?: ActionItemFilter;
}
