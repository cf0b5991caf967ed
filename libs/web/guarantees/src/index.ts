export { guaranteesRoutes } from './lib/routes';
// The 要素保障 tab of the project page.
export { ProjectGuaranteesPanel } from './lib/project-tab/project-guarantees-panel';
// 要素制约: the projects held up by a need, as the leader page, the meeting pack and the roll-up show them.
export { BlockedByNeedsTable } from './lib/blocked/blocked-by-needs-table';
