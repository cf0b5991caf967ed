import { canEditChain, preparedQuery, type AuthUser } from '@crm/api/core';
import type { EvaluationConclusion } from '@crm/domain';
import { ForbiddenException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { projectNotFound, staleVersion } from '../common/problems';
import { PROJECT_COLUMNS, PROJECT_JOINS, toProjectView, type ProjectRow } from './project.rows';

/** May this user read the project? Its chain, or one of its related chains, is theirs to read. */
export function canReadProject(user: AuthUser, row: Pick<ProjectRow, 'chain_id' | 'related_chain_ids'>): boolean {
  return (
    user.allChains ||
    user.chainIds.includes(row.chain_id) ||
    row.related_chain_ids.some((id) => user.chainIds.includes(id))
  );
}

/**
 * Loads projects for reading and for changing, with the access rules in one place: a project the
 * user may not read does not exist for them (404); one they may read but not edit is 403; a change
 * made on a stale version is 409 with the current record.
 */
@Injectable()
export class ProjectStore {
  async find(manager: EntityManager, id: string, lock = false): Promise<ProjectRow | null> {
    // Prepared: planning its nine joined lookups cost ~10× running it (issue 23).
    const rows = await preparedQuery<ProjectRow>(
      manager,
      `SELECT ${PROJECT_COLUMNS} FROM project p ${PROJECT_JOINS} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async readable(manager: EntityManager, user: AuthUser, id: string): Promise<ProjectRow> {
    const row = await this.find(manager, id);
    if (!row || !canReadProject(user, row)) throw projectNotFound(id);
    return row;
  }

  /**
   * Locks the project for a change by this user. With `version`, refuses a stale one; without,
   * the change adds a record to the project (an activity, a fund entry) and edits none of its fields.
   */
  async lockForEdit(tx: EntityManager, user: AuthUser, id: string, version?: number): Promise<ProjectRow> {
    const row = await this.find(tx, id, true);
    if (!row || !canReadProject(user, row)) throw projectNotFound(id);
    if (!canEditChain(user, row.chain_id)) {
      throw new ForbiddenException(
        "您所在单位不负责该项目所属的产业链，只能查看 / Your unit does not serve this project's chain; you may only read it",
      );
    }
    if (version !== undefined && version !== row.version) throw staleVersion(toProjectView(row));
    return row;
  }

  /** Whether an evaluation was opened, and the conclusion of the latest concluded one. */
  async evaluationState(
    manager: EntityManager,
    id: string,
  ): Promise<{ opened: boolean; latestConclusion: EvaluationConclusion | null }> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM project_evaluation WHERE project_id = $1) AS opened,
              (SELECT conclusion FROM project_evaluation WHERE project_id = $1 AND conclusion IS NOT NULL
               ORDER BY concluded_on DESC, concluded_at DESC LIMIT 1) AS latest`,
      [id],
    );
    return { opened: row.opened, latestConclusion: row.latest };
  }
}
