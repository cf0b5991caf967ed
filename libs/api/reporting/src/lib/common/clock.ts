import type { Clock } from '@crm/domain';

/** Injection token of the Clock the reporting area reads the time from (tests pass their own). */
export const CLOCK = Symbol('Clock');
export type { Clock };
