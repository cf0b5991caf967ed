import type { Role } from '@crm/domain';

/** The signed-in user of a request, as the guard resolved it from the session. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  personId: number | null;
  /** Chains this user may read (office/admin: every chain). */
  chainIds: number[];
  /** True for office and admin: no chain filter applies to reading. */
  allChains: boolean;
  /** Chains whose projects this user may edit: those their unit serves, for staff only. */
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

/** May this user edit projects of the given chain? Only staff of a unit serving it. */
export function canEditChain(user: AuthUser, chainId: number): boolean {
  return user.editableChainIds.includes(chainId);
}
