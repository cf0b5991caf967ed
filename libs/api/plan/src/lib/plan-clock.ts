import type { Clock } from '@crm/domain';

/** Injection token of the Clock the plan area stamps its changes with (tests pass their own). */
export const PLAN_CLOCK = Symbol('PlanClock');
export type { Clock };
