export { signInRoute } from './lib/routes';
