import type { Role } from '@crm/domain';

/** The signed-in user of a request, as the guard resolved it from the session. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  personId: number | null;
  /**
   * Chains this user may read today, as the SQL function chain_access(user, date) gives them:
   * office/admin every chain; a leader the chains their person leads; staff the chains their unit
   * serves, and those it has a key-task duty in (the year's published plan makes it responsible
   * for a key task of the chain: read only).
   */
  chainIds: number[];
  /** True for office and admin: no chain filter applies to reading. */
  allChains: boolean;
  /** Chains whose projects this user may edit: those their unit serves today, for staff only (never by key-task duty). */
  editableChainIds: number[];
  sessionId: string;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** May this user read the given chain? */
export function canReadChain(user: AuthUser, chainId: number): boolean {
  return user.allChains || user.chainIds.includes(chainId);
}

/** May this user edit projects of the given chain? Only staff of a unit serving it (a key-task duty reads only). */
export function canEditChain(user: AuthUser, chainId: number): boolean {
  return user.editableChainIds.includes(chainId);
}
