import type { Route } from '@angular/router';

/** Placeholder until the area's pages land. */
export const ledgerIoRoutes: Route[] = [];
