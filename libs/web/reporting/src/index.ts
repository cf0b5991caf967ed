export { monthlyReportRoutes, rollUpRoutes } from './lib/routes';
