export { cockpitRoutes } from './lib/routes';
export { KeyTaskProgressList } from './lib/key-tasks/key-task-progress-list';
export { SectorGrowthTable } from './lib/figures/sector-growth-table';
export { YearOnYearNote } from './lib/figures/year-on-year-note';
export { bigProjectsLabel } from './lib/data-access/figures';
