export { planRoutes } from './lib/routes';
