import type { Route } from '@angular/router';

/** Lazy-loaded at /events by the shell: the year's promotion events, and one event's page. */
export const eventsRoutes: Route[] = [
  { path: '', pathMatch: 'full', title: 'menu.events', loadComponent: () => import('./list/event-list-page').then((m) => m.EventListPage) },
  { path: ':id', title: 'title.event', loadComponent: () => import('./page/event-page').then((m) => m.EventPage) },
];
