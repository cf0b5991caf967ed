import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  MEETING_KIND_LABELS,
  auditChanges,
  auditEntityLabel,
  auditIdsToResolve,
  officeSettingName,
  type AuditAction,
  type AuditFilterOptions,
  type AuditLogEntryView,
  type AuditNameBook,
  type AuditNameKind,
  type AuditProjectOption,
} from '@crm/domain';
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
  /** The users of a unit (app_user.unit_id). */
  unitId?: number;
  entityType?: string;
  from?: Date;
  to?: Date;
  /** Calendar days in Asia/Shanghai, both inclusive (YYYY-MM-DD). */
  fromDay?: string;
  toDay?: string;
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

  async find(filter: AuditFilter): Promise<AuditLogEntryView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.projectId) add('a.project_id = ?', filter.projectId);
    if (filter.userId) add('a.user_id = ?', filter.userId);
    if (filter.unitId) add('u.unit_id = ?', filter.unitId);
    if (filter.entityType) add('a.entity_type = ?', filter.entityType);
    if (filter.from) add('a.at >= ?', filter.from);
    if (filter.to) add('a.at < ?', filter.to);
    // A Shanghai day runs from its midnight there to the next one.
    if (filter.fromDay) add(`a.at >= (?::date::timestamp AT TIME ZONE 'Asia/Shanghai')`, filter.fromDay);
    if (filter.toDay) add(`a.at < ((?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, filter.toDay);
    if (filter.beforeId) add('a.id < ?', filter.beforeId);
    params.push(filter.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT a.id::text, a.at, a.user_id, a.username, a.action, a.entity_type, a.entity_id, a.project_id, a.before, a.after,
              p.name AS project_name, u.display_name AS user_display_name, un.name AS user_unit_name
       FROM audit_log a
       LEFT JOIN project p ON p.id = a.project_id
       LEFT JOIN app_user u ON u.id = a.user_id
       LEFT JOIN unit un ON un.id = u.unit_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC LIMIT $${params.length}`,
      params,
    );
    const names = await this.names(rows);
    return rows.map((r) => readable(r, names));
  }

  /** What the filters offer: every user (with unit), every unit, every entity type by name. */
  async filterOptions(): Promise<AuditFilterOptions> {
    const users: { id: string; display_name: string; username: string; unit_name: string | null; active: boolean }[] =
      await this.dataSource.query(
        `SELECT u.id::text, u.display_name, u.username, un.name AS unit_name, u.active
         FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id
         ORDER BY u.active DESC, u.display_name, u.username`,
      );
    const units: { id: number; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM unit WHERE id IN (SELECT unit_id FROM app_user WHERE unit_id IS NOT NULL) ORDER BY name`,
    );
    return {
      users: users.map((u) => ({
        id: u.id,
        displayName: u.display_name,
        username: u.username,
        unitName: u.unit_name,
        active: u.active,
      })),
      units,
      entityTypes: Object.entries(AUDIT_ENTITY_LABELS).map(([type, label]) => ({ type, ...label })),
    };
  }

  /** Projects whose name holds the words, for the project filter (at most 20, by name). */
  async projects(q: string): Promise<AuditProjectOption[]> {
    // The words match literally: LIKE's wildcards and its escape character are escaped.
    const words = q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows: { id: string; name: string; chain_name: string | null }[] = await this.dataSource.query(
      `SELECT p.id::text, p.name, c.name_zh AS chain_name
       FROM project p LEFT JOIN chain c ON c.id = p.chain_id
       WHERE p.name ILIKE '%' || $1 || '%'
       ORDER BY (p.name ILIKE $1 || '%') DESC, p.name
       LIMIT 20`,
      [words],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, chainName: r.chain_name }));
  }

  /** Names of every id the page's entries hold (units, people, users, chains…), a query per kind. */
  private async names(rows: AuditRow[]): Promise<Names> {
    const ids: Record<AuditNameKind, Set<string>> = {
      unit: new Set(),
      person: new Set(),
      user: new Set(),
      chain: new Set(),
      enterprise: new Set(),
      keyTask: new Set(),
      project: new Set(),
      meeting: new Set(),
    };
    const actionItems = new Set<string>();
    const reports = new Set<string>();
    for (const r of rows) {
      const found = auditIdsToResolve(r.entity_type, r.before, r.after);
      for (const kind of Object.keys(ids) as AuditNameKind[]) found[kind].forEach((id) => ids[kind].add(id));
      const own = RECORD_NAME_KINDS[r.entity_type];
      if (own) ids[own].add(r.entity_id);
      if (r.entity_type === 'action_item' || r.entity_type === 'action_item_note') actionItems.add(r.entity_id);
      if (r.entity_type === 'monthly_report') reports.add(r.entity_id);
    }
    const uuids = (set: Set<string>) => [...set].filter((id) => UUID.test(id));
    const ints = (set: Set<string>) => [...set].filter((id) => /^\d{1,9}$/.test(id)).map(Number);
    const lookup = async (sql: string, values: unknown[]): Promise<Record<string, string>> => {
      if (!values.length) return {};
      const found: { id: string; name: string }[] = await this.dataSource.query(sql, [values]);
      return Object.fromEntries(found.map((f) => [f.id, f.name]));
    };
    const [unit, person, user, chain, enterprise, keyTask, project, meeting] = await Promise.all([
      lookup(`SELECT id::text, name FROM unit WHERE id = ANY($1::int[])`, ints(ids.unit)),
      lookup(`SELECT id::text, name FROM person WHERE id = ANY($1::int[])`, ints(ids.person)),
      lookup(`SELECT id::text, display_name AS name FROM app_user WHERE id = ANY($1::uuid[])`, uuids(ids.user)),
      lookup(`SELECT code AS id, name_zh AS name FROM chain WHERE code = ANY($1::text[])`, [...ids.chain]),
      lookup(`SELECT id::text, name FROM enterprise WHERE id = ANY($1::uuid[])`, uuids(ids.enterprise)),
      lookup(
        `SELECT id::text, year || '年第' || seq || '项：' || left(text, 40) AS name FROM key_task WHERE id = ANY($1::int[])`,
        ints(ids.keyTask),
      ),
      lookup(`SELECT id::text, name FROM project WHERE id = ANY($1::uuid[])`, uuids(ids.project)),
      lookup(
        `SELECT id::text, to_char(held_on, 'YYYY-MM-DD') || ' ' || kind AS name FROM meeting WHERE id = ANY($1::uuid[])`,
        uuids(ids.meeting),
      ),
    ]);
    // A meeting by its date and kind in words.
    for (const [id, name] of Object.entries(meeting)) {
      const [day, kind] = name.split(' ');
      meeting[id] = `${day} ${MEETING_KIND_LABELS[kind as keyof typeof MEETING_KIND_LABELS] ?? kind}`;
    }
    const itemMeetings = await lookup(
      `SELECT id::text, meeting_id::text AS name FROM action_item WHERE id = ANY($1::uuid[])`,
      uuids(actionItems),
    );
    const reportRows: { id: string; period: string; unit_name: string }[] = reports.size
      ? await this.dataSource.query(
          `SELECT r.id::text, trim(r.period) AS period, un.name AS unit_name
           FROM monthly_report r JOIN unit un ON un.id = r.unit_id WHERE r.id = ANY($1::uuid[])`,
          [uuids(reports)],
        )
      : [];
    return {
      book: { unit, person, user, chain, enterprise, keyTask, project, meeting },
      itemMeetings,
      reports: Object.fromEntries(reportRows.map((r) => [r.id, { period: r.period, unitName: r.unit_name }])),
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entity types whose id names a row of the name book. */
const RECORD_NAME_KINDS: Partial<Record<string, AuditNameKind>> = {
  project: 'project',
  user: 'user',
  enterprise: 'enterprise',
  unit: 'unit',
  person: 'person',
  meeting: 'meeting',
};

/** Entity types kept on a project's page. */
const PROJECT_RECORDS = new Set(['project', 'activity', 'agreement', 'fund-arrival', 'evaluation', 'instruction']);

interface Names {
  book: AuditNameBook;
  /** action item id → its meeting's id */
  itemMeetings: Record<string, string>;
  reports: Record<string, { period: string; unitName: string }>;
}

/** "2026-03" → "2026年3月" */
function periodWords(period: string | undefined | null): string | null {
  const m = period ? /^(\d{4})-(\d{2})$/.exec(period) : null;
  return m ? `${m[1]}年${Number(m[2])}月` : null;
}

function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The record's own name and its page. */
function recordOf(r: AuditRow, names: Names): { name: string | null; link: string | null } {
  const type = r.entity_type;
  const id = r.entity_id;
  const side = { ...(r.before ?? {}), ...(r.after ?? {}) } as Record<string, unknown>;
  const own = RECORD_NAME_KINDS[type];
  const ownName = own ? (names.book[own]?.[id] ?? null) : null;
  if (PROJECT_RECORDS.has(type)) {
    return { name: type === 'project' ? (r.project_name ?? ownName) : null, link: r.project_id ? `/projects/${r.project_id}` : null };
  }
  switch (type) {
    case 'meeting':
      return { name: ownName, link: `/meetings/${id}` };
    case 'action_item':
    case 'action_item_note': {
      const meetingId = names.itemMeetings[id];
      return { name: null, link: meetingId ? `/meetings/${meetingId}` : '/meetings/items' };
    }
    case 'meeting_schedule':
      return { name: names.book.chain?.[id] ?? null, link: '/meetings/schedule' };
    case 'annual_plan':
      return { name: /^\d{4}$/.test(id) ? `${id}年` : null, link: /^\d{4}$/.test(id) ? `/plan/${id}` : '/plan' };
    case 'chain_target':
    case 'sector_growth_target':
    case 'key_task': {
      const year = side['year'];
      return { name: typeof year === 'number' ? `${year}年` : null, link: typeof year === 'number' ? `/plan/${year}` : '/plan' };
    }
    case 'key_task_goal':
      return { name: null, link: '/plan' };
    case 'funds_baseline':
      return { name: null, link: '/plan/baselines' };
    case 'chain_leader':
    case 'chain_unit':
      return { name: typeof side['name'] === 'string' ? side['name'] : null, link: '/plan/roles' };
    case 'unit':
    case 'person':
      return { name: ownName, link: '/plan/roles' };
    case 'monthly_report': {
      const report = names.reports[id];
      return {
        name: report ? `${report.unitName} ${periodWords(report.period)}` : null,
        link: report ? `/reports/${report.period}` : '/reports',
      };
    }
    case 'reporting_period':
    case 'unit_deadline_extension':
    case 'report_reminder': {
      const period = [id, ...id.split(/[:/]/)].find(isPeriod);
      return { name: periodWords(period), link: period ? `/reports/${period}` : '/reports' };
    }
    case 'roll_up':
    case 'roll_up_export': {
      const period = isPeriod(id) ? id : isPeriod(side['period']) ? side['period'] : null;
      return { name: periodWords(period), link: period ? `/roll-ups/${period}` : '/roll-ups' };
    }
    case 'office_setting':
      return { name: officeSettingName(id) ?? id, link: '/reports' };
    case 'document_setting':
      return { name: id, link: '/roll-ups' };
    case 'roll_up_publication': {
      const period = isPeriod(side['period']) ? side['period'] : null;
      return { name: periodWords(period), link: '/bulletins' };
    }
    case 'alert-settings':
      return { name: null, link: '/cockpit' };
    case 'user':
      return { name: ownName, link: '/users' };
    case 'enterprise':
      return { name: ownName, link: null };
    default:
      return { name: ownName, link: null };
  }
}

function readable(r: AuditRow, names: Names): AuditLogEntryView {
  const entity = auditEntityLabel(r.entity_type);
  const record = recordOf(r, names);
  return {
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
    entityLabel: entity.zh,
    entityLabelEn: entity.en,
    actionLabel: AUDIT_ACTION_LABELS[r.action]?.zh ?? r.action,
    recordName: record.name,
    projectName: r.project_name,
    userDisplayName: r.user_display_name,
    userUnitName: r.user_unit_name,
    changes: auditChanges(r.entity_type, r.before, r.after, names.book),
    link: record.link,
  };
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
  project_name: string | null;
  user_display_name: string | null;
  user_unit_name: string | null;
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
