import type { Clock } from '@crm/domain';

/** Injection token of the Clock the reference area reads "today" from (tests pass their own). */
export const REFERENCE_CLOCK = Symbol('ReferenceClock');
export type { Clock };
