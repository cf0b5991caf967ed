import { canEditChain, hasRole } from '@crm/api/core';
import { registerFileOwner, type FileOwnerAccess } from '@crm/api/files';
import { loadRequests } from './guarantee-request.rows';
import { mayReadRequest } from './guarantee-request.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request's files (the bureau's 批复, 意见 …): read by whoever reads the request (the project's
 * readers and the addressed unit); added by the addressed unit's staff, who answer it, and by the
 * staff who send the project's needs.
 */
export const GUARANTEE_REQUEST_FILE_OWNER: FileOwnerAccess = {
  async canRead(manager, user, id) {
    if (!UUID.test(id)) return false;
    const [row] = await loadRequests(manager, 'g.id = $1', [id]);
    return !!row && mayReadRequest(user, row);
  },
  async canWrite(manager, user, id) {
    if (!UUID.test(id)) return false;
    const [row] = await loadRequests(manager, 'g.id = $1', [id]);
    if (!row || !mayReadRequest(user, row)) return false;
    return hasRole(user, 'staff') && (user.unitId === row.unit_id || canEditChain(user, row.chain_id));
  },
  async projectOf(manager, id) {
    if (!UUID.test(id)) return null;
    const [row] = await manager.query(`SELECT project_id FROM guarantee_request WHERE id = $1`, [id]);
    return row?.project_id ?? null;
  },
};

registerFileOwner('guarantee_request', GUARANTEE_REQUEST_FILE_OWNER);
