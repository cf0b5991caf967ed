export { auditRoutes } from './lib/routes';
