export { eventsRoutes } from './lib/routes';
// The shell's search box (the layout shows it in the header).
export { GlobalSearchBox } from './lib/search/global-search-box';
