export { planMissing, readPlanState, readPlanStates, type PlanState } from './lib/plan-state';
export { keyTaskProgress, type KeyTaskProgressScope } from './lib/progress/key-task-progress';
