import { CLOCK, staleRecord, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import { shanghaiToday, type ChainCode, type MeetingInput, type MeetingKind, type MeetingPatch, type MeetingView } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  canReadMeeting,
  canRecordMeeting,
  chainsByCode,
  mayNotRecord,
  readableChain,
  refuse,
} from '../common/meeting-access';

const SELECT = `
  SELECT m.id, m.kind, m.held_on::text AS held_on, m.chair_person_id, coalesce(pe.name, m.chair_name) AS chair_name,
         m.attending_unit_ids, m.attendees, m.agenda, m.minutes, m.created_by, cu.display_name AS created_by_name,
         m.created_at, m.updated_at, m.version,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'nameZh', c.name_zh) ORDER BY c.sort_order, c.id), '[]')
            FROM meeting_chain mc JOIN chain c ON c.id = mc.chain_id WHERE mc.meeting_id = m.id) AS chains,
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name), '[]')
            FROM unit u WHERE u.id = ANY (m.attending_unit_ids)) AS units,
         (SELECT count(*)::int FROM action_item a WHERE a.meeting_id = m.id AND a.status <> 'done') AS open_items,
         (SELECT count(*)::int FROM action_item a WHERE a.meeting_id = m.id AND a.status <> 'done' AND a.due_on < $1::date) AS overdue_items
  FROM meeting m
  JOIN app_user cu ON cu.id = m.created_by
  LEFT JOIN person pe ON pe.id = m.chair_person_id`;

interface MeetingRow {
  id: string;
  kind: MeetingKind;
  held_on: string;
  chair_person_id: number | null;
  chair_name: string;
  attending_unit_ids: number[];
  attendees: string[];
  agenda: string;
  minutes: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  chains: { id: number; code: ChainCode; nameZh: string }[];
  units: { id: number; name: string }[];
  open_items: number;
  overdue_items: number;
}

/**
 * 调度会议: a chain's meetings (月调度会, 季度推进会, 年度总结) or several chains' 联席会议. Read by
 * whoever may read one of its chains; recorded by the office or the staff of the chain's units.
 */
@Injectable()
export class MeetingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The meetings of a chain (403 when the user may not read it), or of every chain the user reads. */
  async list(user: AuthUser, chain?: string): Promise<MeetingView[]> {
    const today = shanghaiToday(this.clock.now());
    if (chain) {
      const c = await readableChain(this.dataSource.manager, user, chain);
      const rows: MeetingRow[] = await this.dataSource.query(
        `${SELECT} WHERE EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = m.id AND mc.chain_id = $2)
         ORDER BY m.held_on DESC, m.created_at DESC, m.id`,
        [today, c.id],
      );
      return rows.map(toView);
    }
    const rows: MeetingRow[] = await this.dataSource.query(
      `${SELECT} WHERE $2::boolean OR EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = m.id AND mc.chain_id = ANY ($3::int[]))
       ORDER BY m.held_on DESC, m.created_at DESC, m.id`,
      [today, user.allChains, user.chainIds],
    );
    return rows.map(toView);
  }

  async get(user: AuthUser, id: string): Promise<MeetingView> {
    const row = await this.readable(this.dataSource.manager, user, id);
    return toView(row);
  }

  async create(user: AuthUser, input: MeetingInput): Promise<MeetingView> {
    return this.dataSource.transaction(async (tx) => {
      const chains = await chainsByCode(tx, input.chains);
      if (!canRecordMeeting(user, chains.map((c) => c.id))) throw mayNotRecord();
      checkKind(input.kind, chains.length);
      await checkReferences(tx, input);
      const [{ id }] = await tx.query(
        `INSERT INTO meeting (kind, held_on, chair_person_id, chair_name, attending_unit_ids, attendees, agenda, minutes, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [
          input.kind,
          input.heldOn,
          input.chairPersonId ?? null,
          input.chairName ?? '',
          dedupe(input.attendingUnitIds),
          input.attendees.map((a) => a.trim()).filter(Boolean),
          input.agenda,
          input.minutes,
          user.id,
          this.clock.now(),
        ],
      );
      await tx.query(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, unnest($2::int[])`, [
        id,
        chains.map((c) => c.id),
      ]);
      const view = toView(await this.row(tx, id));
      await this.audit.record(tx, user, { action: 'create', entityType: 'meeting', entityId: id, after: auditShape(view) });
      return view;
    });
  }

  async update(user: AuthUser, id: string, patch: MeetingPatch): Promise<MeetingView> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.readable(tx, user, id, true);
      if (!canRecordMeeting(user, before.chains.map((c) => c.id))) throw mayNotRecord();
      if (patch.version !== before.version) throw staleRecord('该会议', toView(before));
      const chains = patch.chains ? await chainsByCode(tx, patch.chains) : before.chains;
      if (!canRecordMeeting(user, chains.map((c) => c.id))) throw mayNotRecord();
      const merged: MeetingInput = {
        kind: patch.kind ?? before.kind,
        heldOn: patch.heldOn ?? before.held_on,
        chains: chains.map((c) => c.code),
        chairPersonId: patch.chairPersonId !== undefined ? patch.chairPersonId : before.chair_person_id,
        chairName: patch.chairName !== undefined ? patch.chairName : before.chair_person_id ? '' : before.chair_name,
        attendingUnitIds: patch.attendingUnitIds ?? before.attending_unit_ids,
        attendees: patch.attendees ?? before.attendees,
        agenda: patch.agenda ?? before.agenda,
        minutes: patch.minutes ?? before.minutes,
      };
      checkKind(merged.kind, chains.length);
      await checkReferences(tx, merged);
      if (patch.chains) {
        // Items of a project on a chain the meeting no longer covers would lose their reader.
        const [stray] = await tx.query(
          `SELECT count(*)::int AS n FROM action_item a JOIN project p ON p.id = a.project_id
           WHERE a.meeting_id = $1 AND NOT p.chain_id = ANY ($2::int[])`,
          [id, chains.map((c) => c.id)],
        );
        if (stray.n) {
          throw refuse.rule(
            '会议的交办事项涉及将被移除的产业链的项目',
            'some of the meeting’s action items concern projects of a chain being removed',
          );
        }
        await tx.query(`DELETE FROM meeting_chain WHERE meeting_id = $1`, [id]);
        await tx.query(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, unnest($2::int[])`, [
          id,
          chains.map((c) => c.id),
        ]);
      }
      await tx.query(
        `UPDATE meeting SET kind = $2, held_on = $3, chair_person_id = $4, chair_name = $5, attending_unit_ids = $6,
                attendees = $7, agenda = $8, minutes = $9, updated_at = $10, version = version + 1 WHERE id = $1`,
        [
          id,
          merged.kind,
          merged.heldOn,
          merged.chairPersonId ?? null,
          merged.chairName ?? '',
          dedupe(merged.attendingUnitIds),
          merged.attendees.map((a) => a.trim()).filter(Boolean),
          merged.agenda,
          merged.minutes,
          this.clock.now(),
        ],
      );
      const view = toView(await this.row(tx, id));
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'meeting',
        entityId: id,
        before: auditShape(toView(before)),
        after: auditShape(view),
      });
      return view;
    });
  }

  /** The meeting, when the user may read one of its chains; 404 otherwise, as for projects. */
  private async readable(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<MeetingRow> {
    if (lock) await manager.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [id]);
    const row = await this.row(manager, id);
    if (!canReadMeeting(user, row.chains.map((c) => c.id))) throw refuse.notFound('该会议', `meeting ${id}`);
    return row;
  }

  private async row(manager: EntityManager, id: string): Promise<MeetingRow> {
    const [row]: MeetingRow[] = await manager.query(`${SELECT} WHERE m.id = $2`, [shanghaiToday(this.clock.now()), id]);
    if (!row) throw refuse.notFound('该会议', `meeting ${id}`);
    return row;
  }
}

/** 联席会议 brings several chains together; the other kinds belong to one chain. */
function checkKind(kind: MeetingKind, chainCount: number): void {
  if (kind !== 'joint' && chainCount !== 1) {
    throw refuse.rule('只有联席会议可以涉及多条产业链', 'only a joint meeting may cover several chains');
  }
}

async function checkReferences(manager: EntityManager, input: MeetingInput): Promise<void> {
  if (!input.chairPersonId && !input.chairName?.trim()) {
    throw refuse.rule('请填写会议主持人', 'give the meeting’s chair');
  }
  if (input.chairPersonId) {
    const [p] = await manager.query(`SELECT 1 FROM person WHERE id = $1`, [input.chairPersonId]);
    if (!p) throw refuse.rule(`没有编号为 ${input.chairPersonId} 的人员`, `no person ${input.chairPersonId}`);
  }
  const ids = dedupe(input.attendingUnitIds);
  if (ids.length) {
    const found: { id: number }[] = await manager.query(`SELECT id FROM unit WHERE id = ANY ($1::int[])`, [ids]);
    const missing = ids.filter((i) => !found.some((f) => f.id === i));
    if (missing.length) throw refuse.rule(`没有编号为 ${missing.join('、')} 的单位`, `no unit ${missing.join(', ')}`);
  }
}

function dedupe(ids: number[]): number[] {
  return [...new Set(ids)];
}

function toView(r: MeetingRow): MeetingView {
  return {
    id: r.id,
    kind: r.kind,
    heldOn: r.held_on,
    chains: r.chains.map((c) => ({ code: c.code, nameZh: c.nameZh })),
    chair: { personId: r.chair_person_id, name: r.chair_name },
    attendingUnits: r.units,
    attendees: r.attendees,
    agenda: r.agenda,
    minutes: r.minutes,
    createdBy: { id: r.created_by, displayName: r.created_by_name },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    openItems: r.open_items,
    overdueItems: r.overdue_items,
  };
}

function auditShape(v: MeetingView) {
  return {
    kind: v.kind,
    heldOn: v.heldOn,
    chains: v.chains.map((c) => c.code),
    chair: v.chair,
    attendingUnitIds: v.attendingUnits.map((u) => u.id),
    attendees: v.attendees,
    agenda: v.agenda,
    minutes: v.minutes,
  };
}
