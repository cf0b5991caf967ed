export { cockpitRoutes } from './lib/routes';
