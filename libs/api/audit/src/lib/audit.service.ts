import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import type { AuditAction, AuditEntryView } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  projectId?: string | null;
  before?: object | null;
  after?: object | null;
}

export interface AuditFilter {
  projectId?: string;
  userId?: string;
  entityType?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Keyset: entries older than this id. */
  beforeId?: string;
}

/**
 * The audit trail: who changed what, when, before and after. Written in the same transaction as
 * the change (pass its EntityManager), so a change and its record land together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, user: Pick<AuthUser, 'id' | 'username'> | null, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (user_id, username, action, entity_type, entity_id, project_id, before, after, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        user?.id ?? null,
        user?.username ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.projectId ?? null,
        entry.before ? JSON.stringify(entry.before) : null,
        entry.after ? JSON.stringify(entry.after) : null,
        this.clock.now(),
      ],
    );
  }

  async find(filter: AuditFilter): Promise<AuditEntryView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.projectId) add('project_id = ?', filter.projectId);
    if (filter.userId) add('user_id = ?', filter.userId);
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.beforeId) add('audit_log.id < ?', filter.beforeId);
    params.push(filter.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text, at, user_id, username, action, entity_type, entity_id, project_id, before, after
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY audit_log.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      projectId: r.project_id,
      before: r.before,
      after: r.after,
    }));
  }
}

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  action: AuditAction;
  entity_type: string;
  entity_id: string;
  project_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The fields of a record that changed, before and after; unchanged fields are left out. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
