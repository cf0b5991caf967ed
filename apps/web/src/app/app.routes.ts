import { Route } from '@angular/router';
import { BasicLayout } from './layout/basic-layout';

/** Each business area is a lazy feature library under libs/web/<area>. */
export const appRoutes: Route[] = [
  {
    path: '',
    component: BasicLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'chains' },
      {
        path: 'chains',
        loadChildren: () =>
          import('@crm/web/chains').then((m) => m.chainsRoutes),
      },
    ],
  },
  { path: '**', redirectTo: 'chains' },
];
