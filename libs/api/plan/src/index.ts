export { planMissing, readPlanState, readPlanStates, type PlanState } from './lib/plan-state';
