import type { Clock } from '@crm/domain';

/** Injection token of the Clock the meetings area reads "today" from (tests pass their own). */
export const MEETINGS_CLOCK = Symbol('MeetingsClock');
export type { Clock };
