export { PlanModule } from './lib/plan.module';
export { planMissing, readPlanState, readPlanStates, type PlanState } from './lib/plan-state';
export { sectorFundsGrowth } from './lib/figures/sector-growth';
export { keyTaskProgress, type KeyTaskProgressScope } from './lib/progress/key-task-progress';
