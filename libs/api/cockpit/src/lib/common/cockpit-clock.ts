import type { Clock } from '@crm/domain';

/** Injection token of the Clock the cockpit reads "now" from (the default month; tests pass their own). */
export const COCKPIT_CLOCK = Symbol('CockpitClock');
export type { Clock };
