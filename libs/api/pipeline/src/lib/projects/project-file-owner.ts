import { canEditChain } from '@crm/api/core';
import { registerFileOwner, type FileOwnerAccess } from '@crm/api/files';
import type { EntityManager } from 'typeorm';
import type { ProjectRow } from './project.rows';
import { canReadProject } from './project.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function chainsOf(manager: EntityManager, id: string): Promise<Pick<ProjectRow, 'chain_id' | 'related_chain_ids'> | null> {
  if (!UUID.test(id)) return null;
  const [row] = await manager.query(`SELECT chain_id, related_chain_ids FROM project WHERE id = $1`, [id]);
  return row ?? null;
}

/** A project's files (协议, 批复 …): read by whoever reads the project, added and removed by whoever edits it. */
export const PROJECT_FILE_OWNER: FileOwnerAccess = {
  async canRead(manager, user, id) {
    const row = await chainsOf(manager, id);
    return row !== null && canReadProject(user, row);
  },
  async canWrite(manager, user, id) {
    const row = await chainsOf(manager, id);
    return row !== null && canReadProject(user, row) && canEditChain(user, row.chain_id);
  },
  async projectOf(_manager, id) {
    return id;
  },
};

registerFileOwner('project', PROJECT_FILE_OWNER);
