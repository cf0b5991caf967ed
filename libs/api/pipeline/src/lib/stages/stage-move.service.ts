import type { AuthUser } from '@crm/api/core';
import type { ProjectView } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { toProjectView } from '../projects/project.rows';
import { ProjectStore } from '../projects/project.store';
import { ProjectWriter, withoutVersion } from '../projects/project.writer';
import type { StageMoveDto } from './stage-move.dto';

/**
 * Moves a project along the pipeline (POST /api/projects/:id/stage-moves): one request carries
 * every fact the move needs (the estimated investment, an evaluation to open, the target stage's
 * facts), written in one transaction by the project writer; refused, nothing is saved. Forward
 * moves pass the stage gates of libs/domain; backward moves need a reason.
 */
@Injectable()
export class StageMoveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly writer: ProjectWriter,
  ) {}

  async move(user: AuthUser, id: string, input: StageMoveDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      return toProjectView(await this.writer.move(tx, user, row, withoutVersion(input)));
    });
  }
}
