export { accountRoutes, signInRoutes } from './lib/routes';
