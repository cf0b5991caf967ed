import type { Route } from '@angular/router';

/** Lazy-loaded at /pre-reviews by the shell: 预审待办, the requests addressed to the user's unit. */
export const preReviewsRoutes: Route[] = [
  {
    path: '',
    title: 'menu.preReviews',
    loadComponent: () => import('./pre-review-queue-page').then((m) => m.PreReviewQueuePage),
  },
];
