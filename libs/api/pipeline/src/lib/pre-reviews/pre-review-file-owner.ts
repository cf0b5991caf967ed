import { hasRole } from '@crm/api/core';
import { registerFileOwner, type FileOwnerAccess } from '@crm/api/files';
import type { EntityManager } from 'typeorm';
import { canReadProject } from '../projects/project.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RequestAccessRow {
  unit_id: number;
  project_id: string;
  chain_id: number;
  related_chain_ids: number[];
  withdrawn: boolean;
  concluded: boolean;
}

async function requestOf(manager: EntityManager, id: string): Promise<RequestAccessRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await manager.query(
    `SELECT r.unit_id, r.project_id, p.chain_id, p.related_chain_ids, r.withdrawn_at IS NOT NULL AS withdrawn,
            e.conclusion IS NOT NULL AS concluded
     FROM pre_review_request r JOIN project p ON p.id = r.project_id JOIN project_evaluation e ON e.id = r.evaluation_id
     WHERE r.id = $1`,
    [id],
  );
  return row ?? null;
}

/**
 * A pre-review opinion's files (the unit's signed 意见函, maps, reports): read by the asked unit's
 * staff and by whoever reads the project (the opinion shows on its evaluation); added and removed by
 * the asked unit's staff while the request stands (not withdrawn) and the evaluation is open.
 */
export const PRE_REVIEW_FILE_OWNER: FileOwnerAccess = {
  async canRead(manager, user, id) {
    const row = await requestOf(manager, id);
    if (!row) return false;
    return (hasRole(user, 'staff') && user.unitId === row.unit_id) || canReadProject(user, row);
  },
  async canWrite(manager, user, id) {
    const row = await requestOf(manager, id);
    return row !== null && hasRole(user, 'staff') && user.unitId === row.unit_id && !row.withdrawn && !row.concluded;
  },
  async projectOf(manager, id) {
    return (await requestOf(manager, id))?.project_id ?? null;
  },
};

registerFileOwner('pre_review_request', PRE_REVIEW_FILE_OWNER);
