import type { Route } from '@angular/router';

/** Lazy-loaded at /enterprises by the shell: 企业库 and each firm's page (企业全景). */
export const enterprisesRoutes: Route[] = [
  {
    path: '',
    title: 'menu.enterprises',
    loadComponent: () => import('./enterprise-list-page').then((m) => m.EnterpriseListPage),
  },
  {
    path: ':id',
    title: 'title.enterprise',
    loadComponent: () => import('./enterprise-page').then((m) => m.EnterprisePage),
  },
];
