export { boardEntryRoutes, chainBoardRoutes, projectsRoutes } from './lib/routes';
export { enterprisesRoutes } from './lib/enterprises/routes';
export { preReviewsRoutes } from './lib/pre-reviews/routes';
