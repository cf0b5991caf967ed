import type { Route } from '@angular/router';

/** Lazy-loaded at /guarantees by the shell: 要素保障办理, the requests addressed to the user's unit. */
export const guaranteesRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'menu.guarantees',
    loadComponent: () => import('./queue/guarantee-queue-page').then((m) => m.GuaranteeQueuePage),
  },
];
