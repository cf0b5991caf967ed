import type { Route } from '@angular/router';

/** Placeholder until the area's pages land. */
export const monthlyReportRoutes: Route[] = [];
/** Placeholder until the area's pages land. */
export const rollUpRoutes: Route[] = [];
