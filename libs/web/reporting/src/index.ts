export { bulletinRoutes, monthlyReportRoutes, rollUpRoutes } from './lib/routes';
export { NotificationBell } from './lib/bell/notification-bell';
