import type { ChainCode } from '../chain';
import type {
  AlertKind,
  AlertView,
  CockpitChainFigures,
  CockpitChainRef,
  CockpitProjectRef,
  FunnelStageView,
  StuckProjectView,
} from '../cockpit/cockpit.contract';
import type { BlockedByNeedView } from '../guarantees/guarantee.contract';
import type { Wan } from '../money';
import type { UnitRef, UserRef } from '../pipeline/project.contract';
import type { PlanMissingView } from '../plan/plan.contract';
import type { StatWindow } from '../reporting/stat-window';
import type { Stage } from '../stage';

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

/** Any of the fields, with the version of the meeting read (a stale one answers 409). */
export type MeetingPatch = Partial<MeetingInput> & { version: number };

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
  /** Optimistic version: an edit names the one it read. */
  version: number;
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
  /** The version of the item read (a stale one answers 409 with the current item). */
  version: number;
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
  /** Optimistic version: a status change names the one it read. */
  version: number;
  /** Active user accounts that hear about the item (its owner user, else its unit's staff): 0 means nobody is told. */
  ownerAccounts: number;
  /** In the answer of POST /api/meetings/:id/action-items only: how many users were notified. */
  notified?: number;
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

// ---------------------------------------------------------------- follow-through (督办)

/**
 * 交办事项完成率 of a chain (or a unit) at a date: of the items due on or before the date, the
 * share done by the date (done late counts too). rate = done / due × 100, two decimals; null when
 * nothing was due. A joint meeting's item counts for each of its chains.
 */
export interface ActionItemCompletion {
  /** Items due on or before the date. */
  due: number;
  /** Of those, done by the date. */
  done: number;
  rate: string | null;
}

/** GET /api/action-items/summary?by=chain|unit&asOf=YYYY-MM-DD (asOf: default today, Shanghai). */
export interface ActionItemSummaryRow {
  chain: CockpitChainRef | null;
  unit: UnitRef | null;
  /** Not done, and of those past their due date. */
  open: number;
  overdue: number;
  doneTotal: number;
  completion: ActionItemCompletion;
}

export interface ActionItemSummaryView {
  by: 'chain' | 'unit';
  asOf: string;
  rows: ActionItemSummaryRow[];
}

// ---------------------------------------------------------------- meeting pack (会议材料)

/** A project's stage move between the previous meeting and this one. */
export interface MeetingPackStageMove {
  project: CockpitProjectRef;
  from: Stage | null;
  to: Stage;
  /** Shanghai date of the move. */
  movedOn: string;
}

/** 需协调解决的问题 from a unit's monthly report of the period before the meeting. */
export interface MeetingPackProblem {
  unit: { id: number; name: string };
  period: string;
  text: string;
}

export interface MeetingPackChainSection {
  chain: CockpitChainRef;
  /** Year to date through the meeting's month, against the annual target (as the cockpit). */
  figures: CockpitChainFigures;
  /** 统计区间 of the period whose window holds the meeting's day: `figures` run to its end. */
  window?: StatWindow;
  /** The pipeline by stage when the pack is generated. */
  funnel: FunnelStageView[];
  /** Stage moves dated after `since` up to the meeting date, latest first. */
  moved: MeetingPackStageMove[];
  /** The 10 projects longest in their stage. */
  stuck: StuckProjectView[];
  /** Alerts of the chain (up to 20 of each kind) and the count of each kind. */
  alerts: AlertView[];
  alertCounts: Record<AlertKind, number>;
  problems: MeetingPackProblem[];
  /** Open (not done) action items of the chain, overdue first, then by due date. */
  openItems: ActionItemView[];
  completion: ActionItemCompletion;
  /** 招商图谱: names of the year's weak or missing links with no active lead; null when the chain has no map for the year. */
  mapGaps?: string[] | null;
  /** 要素制约: the chain's projects held up by a need when the pack is generated (blockedByNeeds); absent in older packs. */
  blockedByNeeds?: BlockedByNeedView[];
}

/**
 * GET /api/meetings/:id/pack: 会议材料 for the meeting's date. GET /api/meetings/:id/pack.docx
 * answers the same as a Word document (printable; the web page prints too).
 */
export interface MeetingPackView {
  meeting: MeetingView;
  generatedAt: string;
  /** Moves are counted after this date: the previous meeting of any of the chains, else a month before. */
  since: string;
  previousMeeting: { id: string; kind: MeetingKind; heldOn: string } | null;
  /** The month of the figures (the meeting's month). */
  year: number;
  month: number;
  /** Set while that year's plan is not published: the figures then carry no targets or rates. */
  plan?: PlanMissingView | null;
  chains: MeetingPackChainSection[];
}

// ---------------------------------------------------------------- schedule (月调度会日程)

export const MEETING_SCHEDULE_STATUSES = ['held', 'upcoming', 'missing', 'unscheduled'] as const;
/**
 * For a month: held (a 月调度会 of the chain is recorded in the month), upcoming (not yet, the
 * scheduled day has not passed), missing (the scheduled day has passed and none is recorded),
 * unscheduled (the office set no day; a held meeting still shows as held).
 */
export type MeetingScheduleStatus = (typeof MEETING_SCHEDULE_STATUSES)[number];

export const MEETING_SCHEDULE_LIMITS = {
  dayOfMonth: { min: 1, max: 28 },
  remindDaysBefore: { min: 0, max: 10, default: 3 },
} as const;

/** PUT /api/meeting-schedule/:chain (office). dayOfMonth null clears the schedule. */
export interface MeetingScheduleInput {
  dayOfMonth: number | null;
  remindDaysBefore: number;
  /** The version of the row read (0 when the chain had no schedule); a stale one answers 409. */
  version?: number;
}

export interface MeetingScheduleRow {
  chain: CockpitChainRef;
  dayOfMonth: number | null;
  remindDaysBefore: number;
  /** The month's scheduled date, or null when unscheduled. */
  scheduledOn: string | null;
  /** The month's 月调度会, if recorded (the earliest). */
  held: { id: string; heldOn: string } | null;
  status: MeetingScheduleStatus;
  /** Optimistic version of the schedule: 0 while the chain has none. */
  version: number;
}

/** GET /api/meeting-schedule?year=&month= (default: this month, Shanghai); chains the user may read. */
export interface MeetingScheduleView {
  year: number;
  month: number;
  asOf: string;
  rows: MeetingScheduleRow[];
}

// ---------------------------------------------------------------- weekly digest (周跟踪)

/** One chain's week: Monday to Sunday before the digest's Monday, Shanghai dates. */
export interface WeeklyDigestChainSection {
  chain: CockpitChainRef;
  /** Projects recorded (信息收集 or later) in the week. */
  newLeads: CockpitProjectRef[];
  stageMoves: MeetingPackStageMove[];
  /** Agreements dated in the week. */
  signings: { project: CockpitProjectRef; amount: Wan; signedOn: string }[];
  /** The sum of the week's signings (summed in SQL; "0" when none). */
  signedTotal: Wan;
  /** Fund entries recorded in the week. */
  funds: { project: CockpitProjectRef; amount: Wan; recordedOn: string }[];
  /** The sum of the week's fund entries (summed in SQL; "0" when none). */
  fundsTotal: Wan;
  /** Action items not done, due in the digest's week (Monday to Sunday) or already overdue. */
  itemsDue: ActionItemView[];
  /** Projects whose planned follow-up date is before the digest's Monday. */
  overdueFollowUps: { project: CockpitProjectRef; dueOn: string }[];
  /**
   * The chain's headline figures for the year through the month of the week's Sunday, against
   * the published plan: the same figures as the cockpit, the leader page and the meeting pack.
   */
  figures?: CockpitChainFigures;
  /** 统计区间 of the period whose window holds the week's Sunday: `figures` run to its end. */
  window?: StatWindow;
}

/**
 * GET /api/digests/weekly?week=YYYY-MM-DD (a Monday; default the latest): the signed-in user's
 * digest. A leader's chains are those they lead; staff's those their unit serves; the office's all.
 * The worker sends it every Monday morning (Shanghai) once per person and week, as a notification
 * of kind 'weekly-digest' (and its e-mail copy where configured).
 */
export interface WeeklyDigestView {
  /** The Monday the digest is for; the week covered is the seven days before it. */
  week: string;
  from: string;
  to: string;
  recipient: UserRef;
  chains: WeeklyDigestChainSection[];
}
