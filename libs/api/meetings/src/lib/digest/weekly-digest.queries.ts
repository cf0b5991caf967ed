import {
  isActionItemOverdue,
  type ActionItemStatus,
  type ActionItemView,
  type ChainCode,
  type CockpitProjectRef,
  type MeetingKind,
  type ProjectStatus,
  type Stage,
} from '@crm/domain';

/*
 * The digest's SQL. Each query covers all of a digest's chains at once ($1: chain ids), so a
 * digest costs the same few queries whatever the number of projects. Instants fall in the week
 * when their Shanghai date does: the bounds are Shanghai midnights ($2 the week's Monday, $3 the
 * digest's Monday), compared against the timestamptz columns as they are, so indexes still serve.
 */

const START = `($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const END = `($3::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** Columns of a CockpitProjectRef plus the project's chain, for `FROM … project p` with PROJECT_JOINS. */
const PROJECT = `
  p.chain_id, p.id AS project_id, p.name AS project_name, c.code AS chain_code, p.stage, p.status, p.major,
  p.amount::text AS project_amount, p.investor_name, p.owner_id, o.display_name AS owner_name,
  p.responsible_unit_id, u.name AS unit_name`;
const PROJECT_JOINS = `
  JOIN chain c ON c.id = p.chain_id
  JOIN unit u ON u.id = p.responsible_unit_id
  JOIN app_user o ON o.id = p.owner_id`;

export interface ProjectRow {
  chain_id: number;
  project_id: string;
  project_name: string;
  chain_code: ChainCode;
  stage: Stage;
  status: ProjectStatus;
  major: boolean;
  project_amount: string | null;
  investor_name: string;
  owner_id: string;
  owner_name: string;
  responsible_unit_id: number;
  unit_name: string;
}

export function projectRef(r: ProjectRow): CockpitProjectRef {
  return {
    id: r.project_id,
    name: r.project_name,
    chain: r.chain_code,
    stage: r.stage,
    status: r.status,
    major: r.major,
    amount: r.project_amount,
    investorName: r.investor_name,
    owner: { id: r.owner_id, displayName: r.owner_name },
    responsibleUnit: { id: r.responsible_unit_id, name: r.unit_name },
  };
}

/** Projects recorded in the week ($1 chains, $2 from, $3 the digest's Monday). */
export const NEW_LEADS = `
  SELECT ${PROJECT} FROM project p ${PROJECT_JOINS}
  WHERE p.chain_id = ANY ($1::int[]) AND p.created_at >= ${START} AND p.created_at < ${END}
  ORDER BY p.chain_id, p.created_at, p.id`;

export interface StageMoveRow extends ProjectRow {
  from_stage: Stage | null;
  to_stage: Stage;
  moved_on: string;
}

/** Stage moves in the week, latest first; a project's creation (its first row) is a new lead, not a move. */
export const STAGE_MOVES = `
  SELECT ${PROJECT}, m.from_stage, m.to_stage, (m.moved_at AT TIME ZONE 'Asia/Shanghai')::date::text AS moved_on
  FROM project_stage_move m JOIN project p ON p.id = m.project_id ${PROJECT_JOINS}
  WHERE p.chain_id = ANY ($1::int[]) AND m.from_stage IS NOT NULL AND m.moved_at >= ${START} AND m.moved_at < ${END}
  ORDER BY p.chain_id, m.moved_at DESC, m.id DESC`;

export interface SigningRow extends ProjectRow {
  amount: string;
  on_date: string;
}

export interface AmountRow extends SigningRow {
  /** The chain's sum over the week, the same on each of its rows. */
  chain_total: string;
}

/**
 * Agreements (initial and supplementary) dated in the week that count in 签约额: of projects now at
 * 项目签约 or later, as the headline figures (@crm/api/pipeline) count them. Their sum is
 * signedBetween's, not summed here.
 */
export const SIGNINGS = `
  SELECT ${PROJECT}, a.amount::text AS amount, a.signed_on::text AS on_date
  FROM project_agreement a JOIN project p ON p.id = a.project_id ${PROJECT_JOINS}
  WHERE p.chain_id = ANY ($1::int[]) AND p.stage >= 'signed' AND a.signed_on >= $2::date AND a.signed_on < $3::date
  ORDER BY p.chain_id, a.signed_on, a.created_at, a.id`;

/** Fund entries recorded in the week, with each chain's sum. */
export const FUNDS = `
  SELECT ${PROJECT}, f.amount::text AS amount, (f.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS on_date,
         sum(f.amount) OVER (PARTITION BY p.chain_id)::text AS chain_total
  FROM fund_arrival f JOIN project p ON p.id = f.project_id ${PROJECT_JOINS}
  WHERE p.chain_id = ANY ($1::int[]) AND f.created_at >= ${START} AND f.created_at < ${END}
  ORDER BY p.chain_id, f.created_at, f.id`;

export interface FollowUpRow extends ProjectRow {
  due_on: string;
}

/** Active projects whose planned follow-up date is before the digest's Monday ($1 chains, $2 the Monday). */
export const OVERDUE_FOLLOW_UPS = `
  SELECT ${PROJECT}, p.next_follow_up_on::text AS due_on
  FROM project p ${PROJECT_JOINS}
  WHERE p.chain_id = ANY ($1::int[]) AND p.status = 'active' AND p.next_follow_up_on < $2::date
  ORDER BY p.chain_id, p.next_follow_up_on, p.name, p.id`;

export interface ItemRow {
  chain_id: number;
  id: string;
  meeting_id: string;
  meeting_kind: MeetingKind;
  held_on: string;
  text: string;
  project_id: string | null;
  project_name: string | null;
  owner_unit_id: number;
  owner_unit_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  due_on: string;
  status: ActionItemStatus;
  overdue_marked_at: Date | null;
  done_note: string | null;
  done_at: Date | null;
  created_at: Date;
  version: number;
  owner_accounts: number;
  chains: { code: ChainCode; nameZh: string }[];
}

/**
 * Action items not done and due by the Sunday of the digest's week ($2), overdue ones first; an
 * item of a joint meeting is listed under each of its chains.
 */
export const ITEMS_DUE = `
  SELECT mc.chain_id, a.id, a.meeting_id, m.kind AS meeting_kind, m.held_on::text AS held_on, a.text,
         a.project_id, p.name AS project_name, a.owner_unit_id, u.name AS owner_unit_name,
         a.owner_user_id, ou.display_name AS owner_user_name, a.due_on::text AS due_on, a.status,
         a.overdue_marked_at, a.done_note, a.done_at, a.created_at, a.version,
         (SELECT count(*)::int FROM app_user x WHERE x.active AND CASE WHEN a.owner_user_id IS NOT NULL
             THEN x.id = a.owner_user_id ELSE x.unit_id = a.owner_unit_id AND 'staff' = ANY (x.roles) END) AS owner_accounts,
         (SELECT coalesce(json_agg(json_build_object('code', c.code, 'nameZh', c.name_zh) ORDER BY c.sort_order, c.id), '[]')
            FROM meeting_chain mc2 JOIN chain c ON c.id = mc2.chain_id WHERE mc2.meeting_id = a.meeting_id) AS chains
  FROM action_item a
  JOIN meeting_chain mc ON mc.meeting_id = a.meeting_id
  JOIN meeting m ON m.id = a.meeting_id
  JOIN unit u ON u.id = a.owner_unit_id
  LEFT JOIN project p ON p.id = a.project_id
  LEFT JOIN app_user ou ON ou.id = a.owner_user_id
  WHERE mc.chain_id = ANY ($1::int[]) AND a.status <> 'done' AND a.due_on <= $2::date
  ORDER BY mc.chain_id, a.due_on, a.created_at, a.id`;

export interface ItemNoteRow {
  id: string;
  action_item_id: string;
  text: string;
  status: ActionItemStatus | null;
  author_id: string;
  author_name: string;
  created_at: Date;
}

/** The notes of the listed items ($1 item ids), in the order written. */
export const ITEM_NOTES = `
  SELECT n.id, n.action_item_id, n.text, n.status, n.author_id, u.display_name AS author_name, n.created_at
  FROM action_item_note n JOIN app_user u ON u.id = n.author_id
  WHERE n.action_item_id = ANY ($1::uuid[]) ORDER BY n.seq`;

/** An item as GET /api/action-items shows it; overdue against `today`. */
export function itemView(r: ItemRow, notes: ItemNoteRow[], today: string): ActionItemView {
  return {
    id: r.id,
    meeting: { id: r.meeting_id, kind: r.meeting_kind, heldOn: r.held_on },
    chains: r.chains,
    text: r.text,
    project: r.project_id ? { id: r.project_id, name: r.project_name ?? '' } : null,
    ownerUnit: { id: r.owner_unit_id, name: r.owner_unit_name },
    ownerUser: r.owner_user_id ? { id: r.owner_user_id, displayName: r.owner_user_name ?? '' } : null,
    dueOn: r.due_on,
    status: r.status,
    overdue: isActionItemOverdue({ status: r.status, dueOn: r.due_on }, today),
    overdueMarkedAt: r.overdue_marked_at ? r.overdue_marked_at.toISOString() : null,
    doneNote: r.done_note,
    doneAt: r.done_at ? r.done_at.toISOString() : null,
    notes: notes.map((n) => ({
      id: n.id,
      text: n.text,
      status: n.status,
      author: { id: n.author_id, displayName: n.author_name },
      createdAt: n.created_at.toISOString(),
    })),
    createdAt: r.created_at.toISOString(),
    version: r.version,
    ownerAccounts: r.owner_accounts,
  };
}

/**
 * The users a digest goes to, with the chains they may read on the run's day ($2, Shanghai),
 * resolved exactly as a session resolves them (SessionService.resolve in the auth area, through
 * chain_access): a leader's chains are those their person leads, staff's those their unit serves
 * or has a key-task duty in, office and admin all. Active leaders, staff and the office ($1 the
 * Monday) not yet sent this week's digest.
 */
export const RECIPIENTS = `
  SELECT u.id, u.username, u.display_name, u.roles, u.unit_id, u.person_id,
         u.roles && ARRAY['office', 'admin'] AS all_chains,
         ARRAY(SELECT ca.chain_id FROM chain_access(u.id, $2::date) ca ORDER BY 1) AS chain_ids,
         ARRAY(SELECT ca.chain_id FROM chain_access(u.id, $2::date) ca WHERE ca.editable ORDER BY 1) AS editable_chain_ids
  FROM app_user u
  WHERE u.active AND u.roles && ARRAY['leader', 'staff', 'office']
    AND NOT EXISTS (SELECT 1 FROM weekly_digest_sent s WHERE s.user_id = u.id AND s.week = $1::date)
  ORDER BY u.id`;
