export { chainsRoutes } from './lib/routes';
