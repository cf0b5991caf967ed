export { chainMapRoutes } from './lib/routes';
