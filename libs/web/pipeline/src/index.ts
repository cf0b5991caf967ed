export { boardEntryRoutes, chainBoardRoutes, projectsRoutes } from './lib/routes';
