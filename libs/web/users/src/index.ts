export { usersRoutes } from './lib/routes';
