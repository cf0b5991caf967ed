import { AuditService } from '@crm/api/audit';
import {
  canReadChain,
  CLOCK,
  hasRole,
  NotificationWriter,
  staleRecord,
  type AuthUser,
  type Clock,
} from '@crm/api/core';
import {
  INSTRUCTION_NOTIFICATION_KIND,
  mayAnswerInstruction,
  shanghaiToday,
  type InstructionReplyView,
  type InstructionView,
  type OpenInstructionView,
} from '@crm/domain';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const SELECT = `
  SELECT i.id, i.project_id, p.name AS project_name, i.text, i.author_id, a.display_name AS author_name,
         pe.name AS person_name, i.created_at, i.read_at, i.acknowledged_at, i.acknowledged_by,
         ack.display_name AS acknowledged_by_name, i.replied_at, i.version
  FROM project_instruction i
  JOIN project p ON p.id = i.project_id
  JOIN app_user a ON a.id = i.author_id
  LEFT JOIN app_user ack ON ack.id = i.acknowledged_by
  LEFT JOIN person pe ON pe.id = i.person_id`;

interface InstructionRow {
  id: string;
  project_id: string;
  project_name: string;
  text: string;
  author_id: string;
  author_name: string;
  person_name: string | null;
  created_at: Date;
  read_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  replied_at: Date | null;
  version: number;
}

interface ReplyRow {
  id: string;
  instruction_id: string;
  text: string;
  author_id: string;
  author_name: string;
  by_leader: boolean;
  created_at: Date;
}

interface ProjectAccessRow {
  id: string;
  name: string;
  chain_id: number;
  related_chain_ids: number[];
  owner_id: string;
}

/** Which side of a 批示 the user is on for a project. */
type Side = 'leader' | 'answer';

/**
 * 领导批示 as a conversation: a leader of a project's chain writes an instruction; the project's
 * owner (or the staff of a unit serving the chain) acknowledges it (已阅) and replies; the leader
 * sees when it was read, acknowledged and replied, and each side gets the other's words in the bell
 * (one NotificationWriter). Every write is one transaction with its audit row.
 */
@Injectable()
export class InstructionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  /** Written by a person leading the project's chain today (chain_leaders_on, the cockpit clock's Shanghai date). */
  async create(user: AuthUser, projectId: string, text: string): Promise<InstructionView> {
    return this.dataSource.transaction(async (tx) => {
      const project = await this.readableProject(tx, user, projectId);
      if (!(await this.leadsChain(tx, user, project.chain_id))) {
        throw new ForbiddenException(
          '只有该项目所属产业链的包联/责任领导可以批示 / Only a leader of the project’s chain may write an instruction',
        );
      }
      const [{ id }] = await tx.query(
        `INSERT INTO project_instruction (project_id, author_id, person_id, text, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [projectId, user.id, user.personId, text, this.clock.now()],
      );
      const view = await this.view(tx, id);
      const author = view.personName ?? view.author.displayName;
      if (project.owner_id !== user.id) {
        await this.notifications.notify(tx, [project.owner_id], {
          kind: INSTRUCTION_NOTIFICATION_KIND,
          title: `领导批示：${project.name}`,
          body: `${author}批示：${text}`,
          link: `/projects/${projectId}`,
        });
      }
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'instruction',
        entityId: id,
        projectId,
        after: { text, notified: project.owner_id !== user.id ? [project.owner_id] : [] },
      });
      return view;
    });
  }

  async list(user: AuthUser, projectId: string): Promise<InstructionView[]> {
    await this.readableProject(this.dataSource.manager, user, projectId);
    return this.listOf(this.dataSource.manager, projectId);
  }

  /**
   * The project page opened: when the user is the project's owner, every instruction they have not
   * read yet is marked read (once; the audit records it). Answers the list, as GET does, for anyone
   * who may read the project.
   */
  async opened(user: AuthUser, projectId: string): Promise<InstructionView[]> {
    return this.dataSource.transaction(async (tx) => {
      const project = await this.readableProject(tx, user, projectId);
      if (project.owner_id === user.id) {
        const now = this.clock.now();
        const marked: unknown = await tx.query(
          `UPDATE project_instruction SET read_at = $2 WHERE project_id = $1 AND read_at IS NULL RETURNING id`,
          [projectId, now],
        );
        for (const { id } of firstRows<{ id: string }>(marked)) {
          await this.audit.record(tx, user, {
            action: 'update',
            entityType: 'instruction',
            entityId: id,
            projectId,
            before: { readAt: null },
            after: { readAt: now.toISOString() },
          });
        }
      }
      return this.listOf(tx, projectId);
    });
  }

  /** 已阅: by the project's owner or the chain's staff; once (again with the current version changes nothing). */
  async acknowledge(user: AuthUser, projectId: string, instructionId: string, version: number): Promise<InstructionView> {
    return this.dataSource.transaction(async (tx) => {
      const project = await this.readableProject(tx, user, projectId);
      const current = await this.lockedInstruction(tx, projectId, instructionId);
      if ((await this.side(tx, user, project)) !== 'answer') {
        throw new ForbiddenException(
          '只有项目负责人或本产业链的工作人员可以签阅批示 / Only the project’s owner or the chain’s staff may acknowledge an instruction',
        );
      }
      if (current.version !== version) throw staleRecord('该批示', await this.view(tx, instructionId));
      if (current.acknowledged_at) return this.view(tx, instructionId);
      const now = this.clock.now();
      await tx.query(
        `UPDATE project_instruction SET acknowledged_at = $2, acknowledged_by = $3, version = version + 1 WHERE id = $1`,
        [instructionId, now, user.id],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'instruction',
        entityId: instructionId,
        projectId,
        before: { acknowledgedAt: null },
        after: { acknowledgedAt: now.toISOString() },
      });
      return this.view(tx, instructionId);
    });
  }

  /**
   * A reply in the thread. From the owner or the chain's staff, the first one marks the instruction
   * replied (and acknowledged) and goes to the leader who wrote it; a leader's follow-up goes to the
   * project's owner.
   */
  async reply(
    user: AuthUser,
    projectId: string,
    instructionId: string,
    text: string,
    version: number,
  ): Promise<InstructionView> {
    return this.dataSource.transaction(async (tx) => {
      const project = await this.readableProject(tx, user, projectId);
      const current = await this.lockedInstruction(tx, projectId, instructionId);
      const side = await this.side(tx, user, project);
      if (!side) {
        throw new ForbiddenException(
          '只有项目负责人、本产业链的工作人员或包联/责任领导可以回复批示 / Only the project’s owner, the chain’s staff or its leaders may reply to an instruction',
        );
      }
      if (current.version !== version) throw staleRecord('该批示', await this.view(tx, instructionId));
      const now = this.clock.now();
      const [{ id }] = await tx.query(
        `INSERT INTO project_instruction_reply (instruction_id, author_id, text, by_leader, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [instructionId, user.id, text, side === 'leader', now],
      );
      if (side === 'answer') {
        await tx.query(
          `UPDATE project_instruction
           SET replied_at = coalesce(replied_at, $2), acknowledged_at = coalesce(acknowledged_at, $2),
               acknowledged_by = coalesce(acknowledged_by, $3), version = version + 1
           WHERE id = $1`,
          [instructionId, now, user.id],
        );
      } else {
        await tx.query(`UPDATE project_instruction SET version = version + 1 WHERE id = $1`, [instructionId]);
      }
      const to = side === 'answer' ? current.author_id : project.owner_id;
      const notified = to !== user.id ? [to] : [];
      await this.notifications.notify(tx, notified, {
        kind: INSTRUCTION_NOTIFICATION_KIND,
        title: side === 'answer' ? `批示回复：${project.name}` : `领导再批示：${project.name}`,
        body: `${user.displayName}：${text}`,
        link: `/projects/${projectId}`,
      });
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'instruction_reply',
        entityId: id,
        projectId,
        after: { instruction: instructionId, text, notified },
      });
      return this.view(tx, instructionId);
    });
  }

  /** The latest instructions on a chain's projects. */
  async latestOfChain(chainId: number, limit: number): Promise<InstructionView[]> {
    const rows: InstructionRow[] = await this.dataSource.query(
      `${SELECT} WHERE p.chain_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
      [chainId, limit],
    );
    return this.withReplies(this.dataSource.manager, rows);
  }

  /**
   * 批示 on a chain's projects not yet replied to, the oldest first (up to `limit`), with their age in
   * whole days from the Shanghai date of writing to today's by the clock; and how many there are.
   */
  async openOfChain(chainId: number, limit: number): Promise<{ open: OpenInstructionView[]; count: number }> {
    const today = shanghaiToday(this.clock.now());
    const rows: (InstructionRow & { age_days: number; total: string })[] = await this.dataSource.query(
      `${SELECT.replace(
        'SELECT i.id,',
        `SELECT ($2::date - (i.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS age_days, count(*) OVER () AS total, i.id,`,
      )}
       WHERE p.chain_id = $1 AND i.replied_at IS NULL
       ORDER BY i.created_at, i.id LIMIT $3`,
      [chainId, today, limit],
    );
    const count = rows.length ? Number(rows[0].total) : 0;
    return {
      count,
      open: rows.map((r) => ({
        id: r.id,
        project: { id: r.project_id, name: r.project_name },
        text: r.text,
        personName: r.person_name,
        author: { id: r.author_id, displayName: r.author_name },
        createdAt: r.created_at.toISOString(),
        ageDays: Number(r.age_days),
        readAt: r.read_at?.toISOString() ?? null,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      })),
    };
  }

  private async listOf(manager: EntityManager, projectId: string): Promise<InstructionView[]> {
    const rows: InstructionRow[] = await manager.query(
      `${SELECT} WHERE i.project_id = $1 ORDER BY i.created_at DESC, i.id DESC`,
      [projectId],
    );
    return this.withReplies(manager, rows);
  }

  private async view(manager: EntityManager, id: string): Promise<InstructionView> {
    const rows: InstructionRow[] = await manager.query(`${SELECT} WHERE i.id = $1`, [id]);
    return (await this.withReplies(manager, rows))[0];
  }

  private async withReplies(manager: EntityManager, rows: InstructionRow[]): Promise<InstructionView[]> {
    if (!rows.length) return [];
    const replies: ReplyRow[] = await manager.query(
      `SELECT r.id, r.instruction_id, r.text, r.author_id, a.display_name AS author_name, r.created_at, r.by_leader
       FROM project_instruction_reply r
       JOIN app_user a ON a.id = r.author_id
       WHERE r.instruction_id = ANY($1::uuid[])
       ORDER BY r.created_at, r.id`,
      [rows.map((r) => r.id)],
    );
    const byInstruction = new Map<string, InstructionReplyView[]>();
    for (const r of replies) {
      const list = byInstruction.get(r.instruction_id) ?? [];
      list.push({
        id: r.id,
        text: r.text,
        author: { id: r.author_id, displayName: r.author_name },
        byLeader: r.by_leader,
        createdAt: r.created_at.toISOString(),
      });
      byInstruction.set(r.instruction_id, list);
    }
    return rows.map((r) => toView(r, byInstruction.get(r.id) ?? []));
  }

  private async lockedInstruction(manager: EntityManager, projectId: string, id: string): Promise<InstructionRow> {
    const [row]: InstructionRow[] = await manager.query(
      `SELECT id, author_id, version, acknowledged_at, replied_at FROM project_instruction
       WHERE id = $1 AND project_id = $2 FOR UPDATE`,
      [id, projectId],
    );
    if (!row) throw new NotFoundException(`没有找到该批示 / No instruction ${id} on this project`);
    return row;
  }

  /** The answering side (owner, the chain's staff) before the leader's: an owner who also leads answers. */
  private async side(manager: EntityManager, user: AuthUser, project: ProjectAccessRow): Promise<Side | null> {
    const answers = mayAnswerInstruction(
      { id: user.id, editableChains: user.editableChainIds },
      { ownerId: project.owner_id, chain: project.chain_id },
    );
    if (answers) return 'answer';
    if (await this.leadsChain(manager, user, project.chain_id)) return 'leader';
    return null;
  }

  private async leadsChain(manager: EntityManager, user: AuthUser, chainId: number): Promise<boolean> {
    if (!hasRole(user, 'leader') || user.personId === null) return false;
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM chain_leaders_on($3::date) WHERE person_id = $1 AND chain_id = $2) AS leads`,
      [user.personId, chainId, shanghaiToday(this.clock.now())],
    );
    return Boolean(row?.leads);
  }

  /** As the project pages: a project of a chain the user may not read does not exist for them. */
  private async readableProject(manager: EntityManager, user: AuthUser, projectId: string): Promise<ProjectAccessRow> {
    const [project]: ProjectAccessRow[] = await manager.query(
      `SELECT id, name, chain_id, related_chain_ids, owner_id FROM project WHERE id = $1`,
      [projectId],
    );
    const readable =
      project && (canReadChain(user, project.chain_id) || project.related_chain_ids.some((c) => canReadChain(user, c)));
    if (!readable) throw new NotFoundException(`没有找到该项目 / No project ${projectId}`);
    return project;
  }
}

/** UPDATE … RETURNING through TypeORM's query answers [rows, count]; a SELECT answers rows. */
function firstRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

function toView(r: InstructionRow, replies: InstructionReplyView[]): InstructionView {
  return {
    id: r.id,
    project: { id: r.project_id, name: r.project_name },
    text: r.text,
    author: { id: r.author_id, displayName: r.author_name },
    personName: r.person_name,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy:
      r.acknowledged_by && r.acknowledged_by_name ? { id: r.acknowledged_by, displayName: r.acknowledged_by_name } : null,
    repliedAt: r.replied_at?.toISOString() ?? null,
    replies,
    version: r.version,
  };
}
