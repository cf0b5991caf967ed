import type { Role } from '@crm/domain';
import { SetMetadata } from '@nestjs/common';

export const POLICY_KEY = 'crm:policy';

/**
 * Who may call a route. Every route declares one: the guard refuses a route without a policy, and
 * the route × role test fails on it.
 * - public: anyone, signed in or not
 * - signed-in: any signed-in user
 * - roles: a signed-in user holding one of the roles
 */
export type RoutePolicy = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (sign-in, health). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);

/** Any signed-in user; per-chain limits are applied by the service. */
export const SignedIn = () => SetMetadata(POLICY_KEY, { kind: 'signed-in' } satisfies RoutePolicy);

/** A signed-in user with one of these roles; others get 403. */
export const Allow = (...roles: Role[]) => SetMetadata(POLICY_KEY, { kind: 'roles', roles } satisfies RoutePolicy);
