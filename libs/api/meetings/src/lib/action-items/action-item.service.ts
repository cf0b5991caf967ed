import { AuditService } from '@crm/api/audit';
import { hasRole, NotificationWriter, staleRecord, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import {
  canMoveActionItem,
  isActionItemOverdue,
  shanghaiToday,
  type ActionItemFilter,
  type ActionItemInput,
  type ActionItemNoteView,
  type ActionItemStatus,
  type ActionItemView,
  type ChainCode,
  type MeetingKind,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canReadMeeting, canRecordMeeting, mayNotRecord, readableChain, refuse } from '../common/meeting-access';

const SELECT = `
  SELECT a.id, a.meeting_id, m.kind AS meeting_kind, m.held_on::text AS held_on, a.text,
         a.project_id, p.name AS project_name, a.owner_unit_id, u.name AS owner_unit_name,
         a.owner_user_id, ou.display_name AS owner_user_name, a.due_on::text AS due_on, a.status,
         a.overdue_marked_at, a.done_note, a.done_at, a.created_at, a.version,
         (SELECT count(*)::int FROM app_user x WHERE x.active AND CASE WHEN a.owner_user_id IS NOT NULL
             THEN x.id = a.owner_user_id ELSE x.unit_id = a.owner_unit_id AND 'staff' = ANY (x.roles) END) AS owner_accounts,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'nameZh', c.name_zh) ORDER BY c.sort_order, c.id), '[]')
            FROM meeting_chain mc JOIN chain c ON c.id = mc.chain_id WHERE mc.meeting_id = a.meeting_id) AS chains
  FROM action_item a
  JOIN meeting m ON m.id = a.meeting_id
  JOIN unit u ON u.id = a.owner_unit_id
  LEFT JOIN project p ON p.id = a.project_id
  LEFT JOIN app_user ou ON ou.id = a.owner_user_id`;

/** Items the user may see: of a meeting of a chain they read, or owned by them or their unit. */
const VISIBLE = `($1::boolean OR a.owner_unit_id = $2 OR a.owner_user_id = $3
  OR EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = a.meeting_id AND mc.chain_id = ANY ($4::int[])))`;

interface ItemRow {
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
  chains: { id: number; code: ChainCode; nameZh: string }[];
}

interface NoteRow {
  id: string;
  action_item_id: string;
  text: string;
  status: ActionItemStatus | null;
  author_id: string;
  author_name: string;
  created_at: Date;
}

/**
 * 交办事项: decisions of a meeting, each owned by a unit (and optionally a person), followed to
 * the end. The owner is told in the transaction that creates the item; the owner (its user, its
 * unit's staff) or the office moves it forward, and closing it needs a note of what was done.
 */
@Injectable()
export class ActionItemService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  async create(user: AuthUser, meetingId: string, input: ActionItemInput): Promise<ActionItemView> {
    return this.dataSource.transaction(async (tx) => {
      const chainIds = await this.meetingChains(tx, user, meetingId);
      if (!canRecordMeeting(user, chainIds)) throw mayNotRecord();
      if (input.projectId) {
        const [p]: { chain_id: number }[] = await tx.query(`SELECT chain_id FROM project WHERE id = $1`, [input.projectId]);
        if (!p || !chainIds.includes(p.chain_id)) {
          throw refuse.rule('交办事项涉及的项目应属于会议的产业链', 'the project must belong to one of the meeting’s chains');
        }
      }
      const [unit] = await tx.query(`SELECT 1 FROM unit WHERE id = $1`, [input.ownerUnitId]);
      if (!unit) throw refuse.rule(`没有编号为 ${input.ownerUnitId} 的单位`, `no unit ${input.ownerUnitId}`);
      if (input.ownerUserId) {
        const [owner]: { unit_id: number | null }[] = await tx.query(
          `SELECT unit_id FROM app_user WHERE id = $1 AND active`,
          [input.ownerUserId],
        );
        if (!owner) throw refuse.rule('责任人不存在或已停用', 'the owner is not an active user');
        if (owner.unit_id !== null && owner.unit_id !== input.ownerUnitId) {
          throw refuse.rule('责任人不属于责任单位', 'the owner does not belong to the owner unit');
        }
      }
      const now = this.clock.now();
      const [{ id }] = await tx.query(
        `INSERT INTO action_item (meeting_id, text, project_id, owner_unit_id, owner_user_id, due_on, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [meetingId, input.text, input.projectId ?? null, input.ownerUnitId, input.ownerUserId ?? null, input.dueOn, user.id, now],
      );
      const view = await this.view(tx, id);
      const recipients = (await ownerRecipients(tx, view.ownerUnit.id, view.ownerUser?.id ?? null)).filter(
        (r) => r !== user.id,
      );
      await this.notifications.notify(tx, recipients, {
        kind: 'action-item-assigned',
        title: `交办事项：${view.text}`,
        body: `${view.chains.map((c) => c.nameZh).join('、')} · ${view.meeting.heldOn} 会议交办，请于 ${view.dueOn} 前办结。/ Assigned at the meeting of ${view.meeting.heldOn}, due ${view.dueOn}.\n${view.text}`,
        link: `/action-items/${id}`,
      });
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'action_item',
        entityId: id,
        projectId: view.project?.id ?? null,
        after: { meetingId, ...auditShape(view), notified: recipients },
      });
      // The answer says whether anyone was told: a unit with no user accounts hears nothing.
      return { ...view, notified: recipients.length };
    });
  }

  async get(user: AuthUser, id: string): Promise<ActionItemView> {
    return this.readable(this.dataSource.manager, user, id);
  }

  /**
   * A chain's items (403 for a chain the user may not read), a meeting's, a unit's, or every item the user
   * may see; open ones by default (due date first), only the overdue, or all.
   */
  async list(
    user: AuthUser,
    q: { chain?: string; meetingId?: string; unitId?: number; filter?: ActionItemFilter },
  ): Promise<ActionItemView[]> {
    const today = shanghaiToday(this.clock.now());
    const params: unknown[] = [user.allChains, user.unitId, user.id, user.chainIds];
    const where = [VISIBLE];
    if (q.chain) {
      const chain = await readableChain(this.dataSource.manager, user, q.chain);
      params.push(chain.id);
      where.push(`EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = a.meeting_id AND mc.chain_id = $${params.length})`);
    }
    if (q.meetingId) {
      params.push(q.meetingId);
      where.push(`a.meeting_id = $${params.length}`);
    }
    if (q.unitId) {
      params.push(q.unitId);
      where.push(`a.owner_unit_id = $${params.length}`);
    }
    const filter = q.filter ?? 'open';
    if (filter !== 'all') where.push(`a.status <> 'done'`);
    if (filter === 'overdue') {
      params.push(today);
      where.push(`a.due_on < $${params.length}::date`);
    }
    const rows: ItemRow[] = await this.dataSource.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.due_on, a.created_at, a.id`,
      params,
    );
    return this.views(this.dataSource.manager, rows);
  }

  async move(
    user: AuthUser,
    id: string,
    status: ActionItemStatus,
    note: string | null | undefined,
    version?: number,
  ): Promise<ActionItemView> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT id FROM action_item WHERE id = $1 FOR UPDATE`, [id]);
      const before = await this.readable(tx, user, id);
      this.mayFollowUp(user, before);
      if (version !== undefined && version !== before.version) throw staleRecord('该交办事项', before);
      if (!canMoveActionItem(before.status, status)) {
        throw refuse.rule(
          `交办事项不能从“${before.status}”改为“${status}”`,
          `an action item cannot move from ${before.status} to ${status}`,
        );
      }
      const text = note?.trim() || null;
      if (status === 'done' && !text) {
        throw refuse.rule('办结交办事项需填写办理情况', 'closing an action item needs a note of what was done');
      }
      const now = this.clock.now();
      await tx.query(
        `UPDATE action_item SET status = $2::action_item_status,
                done_note = CASE WHEN $2::text = 'done' THEN $3::text ELSE done_note END,
                done_at = CASE WHEN $2::text = 'done' THEN $4::timestamptz ELSE done_at END, updated_at = $4,
                version = version + 1 WHERE id = $1`,
        [id, status, text, now],
      );
      await tx.query(
        `INSERT INTO action_item_note (action_item_id, text, status, author_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, text ?? `状态改为 ${status} / Status set to ${status}`, status, user.id, now],
      );
      const after = await this.view(tx, id);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'action_item',
        entityId: id,
        projectId: after.project?.id ?? null,
        before: { status: before.status },
        after: { status, note: text },
      });
      return after;
    });
  }

  async addNote(user: AuthUser, id: string, text: string): Promise<ActionItemView> {
    return this.dataSource.transaction(async (tx) => {
      const item = await this.readable(tx, user, id);
      this.mayFollowUp(user, item);
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO action_item_note (action_item_id, text, author_id, created_at) VALUES ($1, $2, $3, $4)`,
        [id, text, user.id, now],
      );
      await tx.query(`UPDATE action_item SET updated_at = $2 WHERE id = $1`, [id, now]);
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'action_item_note',
        entityId: id,
        projectId: item.project?.id ?? null,
        after: { text },
      });
      return this.view(tx, id);
    });
  }

  /** The owner (its user, its unit's staff) or the office follows an item up. */
  private mayFollowUp(user: AuthUser, item: ActionItemView): void {
    const owner =
      hasRole(user, 'office') ||
      user.id === item.ownerUser?.id ||
      (hasRole(user, 'staff') && user.unitId === item.ownerUnit.id);
    if (!owner) {
      throw refuse.forbidden(
        '只有责任单位、责任人或市招商办可以更新交办事项',
        'Only the owner unit, the owner or the office may update an action item',
      );
    }
  }

  private async meetingChains(manager: EntityManager, user: AuthUser, meetingId: string): Promise<number[]> {
    const rows: { chain_id: number }[] = await manager.query(`SELECT chain_id FROM meeting_chain WHERE meeting_id = $1`, [
      meetingId,
    ]);
    const chainIds = rows.map((r) => r.chain_id);
    if (!chainIds.length || !canReadMeeting(user, chainIds)) throw refuse.notFound('该会议', `meeting ${meetingId}`);
    return chainIds;
  }

  /** The item when the user may see it; 404 otherwise. */
  private async readable(manager: EntityManager, user: AuthUser, id: string): Promise<ActionItemView> {
    const rows: ItemRow[] = await manager.query(`${SELECT} WHERE a.id = $5 AND ${VISIBLE}`, [
      user.allChains,
      user.unitId,
      user.id,
      user.chainIds,
      id,
    ]);
    if (!rows.length) throw refuse.notFound('该交办事项', `action item ${id}`);
    return (await this.views(manager, rows))[0];
  }

  private async view(manager: EntityManager, id: string): Promise<ActionItemView> {
    const rows: ItemRow[] = await manager.query(`${SELECT} WHERE a.id = $1`, [id]);
    return (await this.views(manager, rows))[0];
  }

  private async views(manager: EntityManager, rows: ItemRow[]): Promise<ActionItemView[]> {
    const today = shanghaiToday(this.clock.now());
    const notes: NoteRow[] = rows.length
      ? await manager.query(
          `SELECT n.id, n.action_item_id, n.text, n.status, n.author_id, u.display_name AS author_name, n.created_at
           FROM action_item_note n JOIN app_user u ON u.id = n.author_id
           WHERE n.action_item_id = ANY ($1::uuid[]) ORDER BY n.seq`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) => toView(r, notes.filter((n) => n.action_item_id === r.id).map(noteView), today));
  }
}

/** Who is told about an item: its owner user, or else the active staff of its owner unit. */
export async function ownerRecipients(manager: EntityManager, unitId: number, userId: string | null): Promise<string[]> {
  const rows: { id: string }[] = userId
    ? await manager.query(`SELECT id FROM app_user WHERE id = $1 AND active`, [userId])
    : await manager.query(
        `SELECT id FROM app_user WHERE unit_id = $1 AND active AND 'staff' = ANY (roles) ORDER BY id`,
        [unitId],
      );
  return rows.map((r) => r.id);
}

function noteView(n: NoteRow): ActionItemNoteView {
  return {
    id: n.id,
    text: n.text,
    status: n.status,
    author: { id: n.author_id, displayName: n.author_name },
    createdAt: n.created_at.toISOString(),
  };
}

function toView(r: ItemRow, notes: ActionItemNoteView[], today: string): ActionItemView {
  return {
    id: r.id,
    meeting: { id: r.meeting_id, kind: r.meeting_kind, heldOn: r.held_on },
    chains: r.chains.map((c) => ({ code: c.code, nameZh: c.nameZh })),
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
    notes,
    createdAt: r.created_at.toISOString(),
    version: r.version,
    ownerAccounts: r.owner_accounts,
  };
}

function auditShape(v: ActionItemView) {
  return {
    text: v.text,
    projectId: v.project?.id ?? null,
    ownerUnitId: v.ownerUnit.id,
    ownerUserId: v.ownerUser?.id ?? null,
    dueOn: v.dueOn,
  };
}
