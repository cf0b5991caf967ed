import { inject } from '@angular/core';
import { Route } from '@angular/router';
import {
  guestGuard,
  homeGuard,
  roleGuard,
  signedInGuard,
  signedInMatch,
} from '@crm/web/core';
import { signInRoute } from '@crm/web/sign-in';
import { withTexts } from './feature-texts';
import { PageStyles } from './layout/page-styles';

/**
 * Each business area is a lazy feature library under libs/web/<area>, and so is the shell
 * (header, menu, bell): the sign-in page (in the initial download) needs neither. Every page but sign-in needs a
 * session; the menu hides what a role may not open, and `roleGuard` refuses it anyway.
 */
export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [guestGuard],
    ...signInRoute,
  },
  {
    path: '',
    // The shell, with the ng-zorro stylesheet of the signed-in pages (not in the initial
    // download); each page's texts come with its feature (withTexts).
    loadComponent: () =>
      Promise.all([import('./layout/basic-layout'), inject(PageStyles).load()]).then(
        ([m]) => m.BasicLayout,
      ),
    canMatch: [signedInMatch],
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    children: [
      // Each role's home: leaders the cockpit, everyone else the chain overview.
      { path: '', pathMatch: 'full', canActivate: [homeGuard], children: [] },
      {
        path: 'chains/:code/board',
        loadChildren: withTexts('@crm/web/pipeline', () => import('@crm/web/pipeline').then((m) => m.chainBoardRoutes)),
      },
      {
        path: 'chains',
        loadChildren: withTexts('@crm/web/chains', () => import('@crm/web/chains').then((m) => m.chainsRoutes)),
      },
      {
        // 招商图谱: each chain's map; the API limits it to the chains the user may read.
        path: 'chain-map',
        loadChildren: withTexts('@crm/web/chain-map', () => import('@crm/web/chain-map').then((m) => m.chainMapRoutes)),
      },
      {
        // 招商活动: fairs, trips, forums, visits and their results; the API limits them to what the user may read.
        path: 'events',
        loadChildren: withTexts('@crm/web/events', () => import('@crm/web/events').then((m) => m.eventsRoutes)),
      },
      {
        // 要素保障办理 (issue 21 §2): the needs sent to the staff member's unit, to answer.
        path: 'guarantees',
        canMatch: [roleGuard('staff')],
        loadChildren: withTexts('@crm/web/guarantees', () => import('@crm/web/guarantees').then((m) => m.guaranteesRoutes)),
      },
      {
        path: 'projects',
        loadChildren: withTexts('@crm/web/pipeline', () => import('@crm/web/pipeline').then((m) => m.projectsRoutes)),
      },
      {
        // 企业库 and 企业全景 (issue 20 §2).
        path: 'enterprises',
        loadChildren: withTexts('@crm/web/pipeline', () => import('@crm/web/pipeline').then((m) => m.enterprisesRoutes)),
      },
      {
        // 预审待办 (issue 21 §1): the pre-review requests addressed to the staff member's unit.
        path: 'pre-reviews',
        canMatch: [roleGuard('staff')],
        loadChildren: withTexts('@crm/web/pipeline', () => import('@crm/web/pipeline').then((m) => m.preReviewsRoutes)),
      },
      {
        path: 'board',
        loadChildren: withTexts('@crm/web/pipeline', () => import('@crm/web/pipeline').then((m) => m.boardEntryRoutes)),
      },
      {
        path: 'cockpit',
        canMatch: [roleGuard('leader', 'office', 'admin')],
        loadChildren: withTexts('@crm/web/cockpit', () => import('@crm/web/cockpit').then((m) => m.cockpitRoutes)),
      },
      {
        path: 'reports',
        loadChildren: withTexts('@crm/web/reporting', () => import('@crm/web/reporting').then((m) => m.monthlyReportRoutes)),
      },
      {
        path: 'roll-ups',
        canMatch: [roleGuard('office', 'leader', 'admin')],
        loadChildren: withTexts('@crm/web/reporting', () => import('@crm/web/reporting').then((m) => m.rollUpRoutes)),
      },
      {
        // 月通报: the published roll-ups, read-only, for everyone signed in (unit staff included).
        path: 'bulletins',
        loadChildren: withTexts('@crm/web/reporting', () => import('@crm/web/reporting').then((m) => m.bulletinRoutes)),
      },
      {
        path: 'meetings',
        loadChildren: withTexts('@crm/web/meetings', () => import('@crm/web/meetings').then((m) => m.meetingsRoutes)),
      },
      {
        path: 'plan',
        canMatch: [roleGuard('office', 'leader', 'admin', 'staff')],
        loadChildren: withTexts('@crm/web/plan', () => import('@crm/web/plan').then((m) => m.planRoutes)),
      },
      // Notifications about an action item link to /action-items/:id; the owner follows it up there.
      { path: 'action-items/:id', redirectTo: 'meetings/items' },
      {
        path: 'ledger',
        canMatch: [roleGuard('staff', 'office', 'admin')],
        loadChildren: withTexts('@crm/web/ledger-io', () => import('@crm/web/ledger-io').then((m) => m.ledgerIoRoutes)),
      },
      {
        path: 'account',
        loadChildren: withTexts('@crm/web/auth', () => import('@crm/web/auth').then((m) => m.accountRoutes)),
      },
      {
        path: 'users',
        canMatch: [roleGuard('admin')],
        loadChildren: withTexts('@crm/web/users', () => import('@crm/web/users').then((m) => m.usersRoutes)),
      },
      {
        path: 'audit',
        canMatch: [roleGuard('office', 'admin')],
        loadChildren: withTexts('@crm/web/audit', () => import('@crm/web/audit').then((m) => m.auditRoutes)),
      },
      {
        path: 'forbidden',
        title: 'title.forbidden',
        loadComponent: () =>
          import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
      },
    ],
  },
  { path: '**', redirectTo: 'chains' },
];
