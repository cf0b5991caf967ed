import type { Clock } from '@crm/domain';

/**
 * Injection token of the one clock every area reads "now" from (services, jobs, and the SQL they
 * run: pass `clock.now()` as a parameter, never rely on the database's now()). CoreModule provides
 * it; tests replace it with createTestApp's `clock` option.
 */
export const CLOCK = Symbol('Clock');
export type { Clock };

/** A clock that starts at a chosen instant and runs at the real pace from there (CLOCK_START_AT). */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}
