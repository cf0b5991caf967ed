import { canEditChain, type AuthUser } from '@crm/api/core';
import type { ProjectView } from '@crm/domain';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../common/transaction';
import type { CreateProjectDto, ProjectStatusDto, UpdateProjectDto } from './project.dto';
import { toProjectView } from './project.rows';
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
    private readonly writer: ProjectWriter,
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
      const after = await this.writer.changeStatus(tx, user, row, input.status, input.reason ?? null);
      return toProjectView(after);
    });
  }

  private async refuseUneditableChain(tx: EntityManager, user: AuthUser, code: string): Promise<void> {
    const [chain] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
    if (chain && !canEditChain(user, chain.id)) throw notEditable();
  }
}
