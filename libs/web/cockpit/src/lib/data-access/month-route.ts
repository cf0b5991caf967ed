import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import { map } from 'rxjs';
import type { CockpitMonth } from './cockpit.api';

/** ?year=2025&month=6 → the month; anything else → null (the API's current month). */
export function monthFromParams(params: ParamMap): CockpitMonth {
  const year = Number(params.get('year'));
  const month = Number(params.get('month'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    month: Number.isInteger(month) && month >= 1 && month <= 12 ? month : null,
  };
}

/**
 * The month in the page's URL (so a view can be shared and printed as is), and a way to change
 * it. Call in an injection context.
 */
export function monthInUrl() {
  const route = inject(ActivatedRoute);
  const router = inject(Router);
  const month = toSignal(route.queryParamMap.pipe(map(monthFromParams)), {
    initialValue: monthFromParams(route.snapshot.queryParamMap),
  });
  const choose = (at: { year: number; month: number }) =>
    void router.navigate([], {
      relativeTo: route,
      queryParams: { year: at.year, month: at.month },
      queryParamsHandling: 'merge',
    });
  return { month, choose, route };
}
