import { AuditService } from '@crm/api/audit';
import { canEditChain, CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import { statusChangeProblems, type ProjectView } from '@crm/domain';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refused } from '../common/problems';
import { inTransaction } from '../common/transaction';
import type { CreateProjectDto, ProjectStatusDto, UpdateProjectDto } from './project.dto';
import { toProjectView, type ProjectRow } from './project.rows';
import { ProjectStore } from './project.store';
import { ProjectWriter, withoutVersion } from './project.writer';

const notEditable = () =>
  new ForbiddenException(
    '您所在单位不负责该产业链，不能在其中登记或移入项目 / Your unit does not serve this chain; you cannot put projects in it',
  );

/** Creating and editing projects, and their status (暂缓 / 终止 / 推进中). */
@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    private readonly writer: ProjectWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, input: CreateProjectDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.refuseUneditableChain(tx, user, input.chain);
      return toProjectView(await this.writer.create(tx, user, { ...input, ownerId: input.ownerId ?? user.id }));
    });
  }

  async update(user: AuthUser, id: string, input: UpdateProjectDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      const chain = input.chain ?? row.chain_code;
      if (row.status !== 'dropped' && chain !== row.chain_code) await this.refuseUneditableChain(tx, user, chain);
      return toProjectView(await this.writer.update(tx, user, row, withoutVersion(input)));
    });
  }

  /** 暂缓 / 终止 with a reason, or back to 推进中. Recorded in the status history. */
  async changeStatus(user: AuthUser, id: string, input: ProjectStatusDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      const problems = statusChangeProblems(row.status, input.status, input.reason);
      if (problems.length) throw refused('不能这样更改项目状态 / The status cannot be changed so', problems);
      const reason = input.reason ?? null;
      await tx.query(
        `UPDATE project SET status = $2, status_reason = $3, version = version + 1, updated_at = $4 WHERE id = $1`,
        [id, input.status, input.status === 'active' ? null : reason, this.clock.now()],
      );
      await tx.query(
        `INSERT INTO project_status_change (project_id, from_status, to_status, reason, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, row.status, input.status, reason, user.id, this.clock.now()],
      );
      const after = (await this.store.find(tx, id)) as ProjectRow;
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'project',
        entityId: id,
        projectId: id,
        before: { status: row.status, statusReason: row.status_reason },
        after: { status: after.status, statusReason: after.status_reason, reason },
      });
      return toProjectView(after);
    });
  }

  private async refuseUneditableChain(tx: EntityManager, user: AuthUser, code: string): Promise<void> {
    const [chain] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
    if (chain && !canEditChain(user, chain.id)) throw notEditable();
  }
}
