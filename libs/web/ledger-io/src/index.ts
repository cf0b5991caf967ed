export { ledgerIoRoutes } from './lib/routes';
