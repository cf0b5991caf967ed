import type { Clock } from '@crm/domain';

/**
 * Injection token of the Clock the auth area reads "today" from: a user's chains are those the
 * plan gives them on today's date (Asia/Shanghai), so a leader replaced on 1 July reads the chain
 * until 30 June. Tests pass their own (createTestApp's authClock option).
 */
export const AUTH_CLOCK = Symbol('AuthClock');
export type { Clock };
