import { AuditService } from '@crm/api/audit';
import { CLOCK, staleRecord, type AuthUser, type Clock } from '@crm/api/core';
import { shanghaiToday, type CourtingConflictView, type CourtingProjectRef } from '@crm/domain';
import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CourtingDecisionDto, ListCourtingConflictsDto } from './courting-conflict.dto';

interface ConflictRow {
  id: string;
  opened_at: Date;
  lead_project_id: string | null;
  decision_note: string | null;
  decided_at: Date | null;
  version: number;
  projects: (Omit<CourtingProjectRef, 'since'> & { createdAt: string })[];
}

const SELECT = `
  SELECT k.id, k.opened_at, k.lead_project_id, k.decision_note, k.decided_at, k.version,
         (SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'chainName', c.name_zh, 'unitName', u.name,
                   'ownerName', o.display_name, 'enterpriseId', p.enterprise_id, 'enterpriseName', p.investor_name, 'createdAt', p.created_at) ORDER BY p.created_at, p.id)
          FROM project p JOIN chain c ON c.id = p.chain_id JOIN unit u ON u.id = p.responsible_unit_id
          JOIN app_user o ON o.id = p.owner_id WHERE p.id IN (k.project_a_id, k.project_b_id)) AS projects
  FROM courting_conflict k`;

/** A conflict the reader may see: office/admin all, anyone else those with a project of a chain they read. */
const VISIBLE = `($1::boolean OR EXISTS (
  SELECT 1 FROM project vp WHERE vp.id IN (k.project_a_id, k.project_b_id)
    AND (vp.chain_id = ANY ($2::smallint[]) OR vp.related_chain_ids && $2::smallint[])))`;

function toView(r: ConflictRow): CourtingConflictView {
  const [a, b] = r.projects.map(({ createdAt, ...p }) => ({ ...p, since: shanghaiToday(new Date(createdAt)) }));
  return {
    id: r.id,
    projects: [a, b],
    openedAt: r.opened_at.toISOString(),
    leadProjectId: r.lead_project_id,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    version: r.version,
  };
}

/** The open conflicts the user may see, oldest first (the cockpit's list). */
export async function openCourtingConflicts(
  manager: EntityManager,
  user: Pick<AuthUser, 'allChains' | 'chainIds'>,
  limit = 20,
): Promise<{ items: CourtingConflictView[]; total: number }> {
  const rows: (ConflictRow & { total: string })[] = await manager.query(
    `${SELECT.replace('SELECT k.id,', 'SELECT count(*) OVER () AS total, k.id,')}
     WHERE k.decided_at IS NULL AND ${VISIBLE} ORDER BY k.opened_at, k.id LIMIT $3`,
    [user.allChains, user.chainIds, limit],
  );
  return { items: rows.map(toView), total: rows.length ? Number(rows[0].total) : 0 };
}

/** 撞车提醒: the list, and the office's decision of who leads (audited, versioned). */
@Injectable()
export class CourtingConflictService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, query: ListCourtingConflictsDto): Promise<{ items: CourtingConflictView[]; total: number }> {
    if (query.open !== false) return openCourtingConflicts(this.dataSource.manager, user, query.limit);
    const rows: (ConflictRow & { total: string })[] = await this.dataSource.query(
      `${SELECT.replace('SELECT k.id,', 'SELECT count(*) OVER () AS total, k.id,')}
       WHERE ${VISIBLE} ORDER BY k.opened_at DESC, k.id LIMIT $3`,
      [user.allChains, user.chainIds, query.limit],
    );
    return { items: rows.map(toView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async decide(user: AuthUser, id: string, input: CourtingDecisionDto): Promise<CourtingConflictView> {
    return this.dataSource.transaction(async (tx) => {
      const [row]: (ConflictRow & { project_a_id: string; project_b_id: string })[] = await tx.query(
        `${SELECT.replace('SELECT k.id,', 'SELECT k.project_a_id, k.project_b_id, k.id,')} WHERE k.id = $1 FOR UPDATE OF k`,
        [id],
      );
      if (!row) throw new NotFoundException(`没有找到该撞车提醒 / No courting conflict ${id}`);
      if (input.version !== undefined && input.version !== row.version) throw staleRecord('该撞车提醒', toView(row));
      if (![row.project_a_id, row.project_b_id].includes(input.leadProjectId)) {
        const message = '牵头项目须为撞车的两个项目之一 / The leading project must be one of the two projects';
        throw new UnprocessableEntityException({ statusCode: 422, message, errors: { leadProjectId: [message] } });
      }
      await tx.query(
        `UPDATE courting_conflict SET lead_project_id = $2, decision_note = $3, decided_by = $4, decided_at = $5, version = version + 1
         WHERE id = $1`,
        [id, input.leadProjectId, input.note ?? null, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'courting_conflict',
        entityId: id,
        projectId: input.leadProjectId,
        before: { leadProjectId: row.lead_project_id, note: row.decision_note },
        after: { leadProjectId: input.leadProjectId, note: input.note ?? null },
      });
      const [after]: ConflictRow[] = await tx.query(`${SELECT} WHERE k.id = $1`, [id]);
      return toView(after);
    });
  }
}
