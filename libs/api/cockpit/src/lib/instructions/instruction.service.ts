import { AuditService } from '@crm/api/audit';
import { canReadChain, hasRole, NotificationWriter, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { INSTRUCTION_NOTIFICATION_KIND, shanghaiToday, type InstructionView } from '@crm/domain';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const SELECT = `
  SELECT i.id, i.project_id, p.name AS project_name, i.text, i.author_id, a.display_name AS author_name,
         pe.name AS person_name, i.created_at
  FROM project_instruction i
  JOIN project p ON p.id = i.project_id
  JOIN app_user a ON a.id = i.author_id
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
}

interface ProjectAccessRow {
  id: string;
  name: string;
  chain_id: number;
  related_chain_ids: number[];
  owner_id: string;
}

/**
 * 领导批示: a leader of a project's chain writes an instruction on it; the project's owner is
 * notified in the same transaction, and the audit trail records it.
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
    const today = shanghaiToday(this.clock.now());
    return this.dataSource.transaction(async (tx) => {
      const project = await this.readableProject(tx, user, projectId);
      const [leads] = await tx.query(
        `SELECT EXISTS (SELECT 1 FROM chain_leaders_on($3::date) WHERE person_id = $1 AND chain_id = $2) AS leads`,
        [user.personId, project.chain_id, today],
      );
      if (!hasRole(user, 'leader') || user.personId === null || !leads.leads) {
        throw new ForbiddenException(
          '只有该项目所属产业链的包联/责任领导可以批示 / Only a leader of the project’s chain may write an instruction',
        );
      }
      const [{ id }] = await tx.query(
        `INSERT INTO project_instruction (project_id, author_id, person_id, text, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [projectId, user.id, user.personId, text, this.clock.now()],
      );
      const [row]: InstructionRow[] = await tx.query(`${SELECT} WHERE i.id = $1`, [id]);
      const view = toView(row);
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
    const rows: InstructionRow[] = await this.dataSource.query(
      `${SELECT} WHERE i.project_id = $1 ORDER BY i.created_at DESC, i.id DESC`,
      [projectId],
    );
    return rows.map(toView);
  }

  /** The latest instructions on a chain's projects. */
  async latestOfChain(chainId: number, limit: number): Promise<InstructionView[]> {
    const rows: InstructionRow[] = await this.dataSource.query(
      `${SELECT} WHERE p.chain_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
      [chainId, limit],
    );
    return rows.map(toView);
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

function toView(r: InstructionRow): InstructionView {
  return {
    id: r.id,
    project: { id: r.project_id, name: r.project_name },
    text: r.text,
    author: { id: r.author_id, displayName: r.author_name },
    personName: r.person_name,
    createdAt: r.created_at.toISOString(),
  };
}
