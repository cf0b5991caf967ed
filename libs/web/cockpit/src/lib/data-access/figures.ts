import type { Params } from '@angular/router';
import {
  projectListParams,
  type AlertKind,
  type ProjectListQuery,
  type LandRoute,
  type Stage,
} from '@crm/domain';
import type { MessageKey } from '@crm/web/core';
import { sharedThreshold, thresholdText } from '@crm/web/ui';

/**
 * The /projects URL parameters that list the projects behind a figure (the contract's query).
 * A query without `status` means every status (a dropped project's signing still counts), which
 * the list page writes `status=all`: without it the page would show only active and paused ones.
 */
export function projectsParams(query: ProjectListQuery): Params {
  const params: Params = projectListParams(query);
  if (!query.status?.length) params['status'] = 'all';
  return params;
}

/** A completion or pace rate ("37.50") as a bar's percent: 0–100. */
export function barPercent(rate: string | null): number {
  const value = rate === null ? 0 : Number(rate);
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** ahead: at or past the even pace; behind: short of it; none: no target, so no pace. */
export type PaceState = 'ahead' | 'behind' | 'none';

export function paceState(gap: string | null): PaceState {
  if (gap === null) return 'none';
  return gap.trim().startsWith('-') ? 'behind' : 'ahead';
}

/** "-1200.5" → "1200.5": the size of a gap, its sign told by the words around it. */
export function magnitude(value: string): string {
  return value.trim().replace(/^-/, '');
}

/** "37.50" → "37.5", "100.00" → "100": a rate as people write it. */
export function shortRate(rate: string | null): string {
  if (rate === null) return '—';
  const value = rate.includes('.')
    ? rate.replace(/0+$/, '').replace(/\.$/, '')
    : rate;
  return value;
}

export const stageKey = (stage: Stage): MessageKey => `pipeline.stage.${stage}`;
/** 既有用地（盘活存量） / 闲置厂房（盘活存量） beside a listed project on an existing site; null: no mark. */
export const landRouteMarkKey = (route: LandRoute | null | undefined): MessageKey | null =>
  route === 'existing-site' || route === 'idle-plant' ? `pipeline.landRoute.mark.${route}` : null;
export const alertKindKey = (kind: AlertKind): MessageKey =>
  `cockpit.alert.${kind}`;

/** The months of a year, 1–12. */
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** How many years back the picker offers (a year without a published plan says so when chosen). */
export const YEARS_BACK = 5;

/** Years to choose from: the current one and the five before it, and the one shown. */
export function yearOptions(current: number, shown: number | null): number[] {
  const first = Math.min(current - YEARS_BACK, shown ?? current);
  const last = Math.max(current, shown ?? current);
  const years: number[] = [];
  for (let year = last; year >= first; year--) years.push(year);
  return years;
}

/**
 * The big-project label for chains' thresholds (万元): "10亿元以上项目" where they share one,
 * "大项目（各链标准）" for a sum over chains with different thresholds (or none published).
 */
export function bigProjectsLabel(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  lang: string,
  thresholds: readonly (string | null | undefined)[],
): string {
  const shared = sharedThreshold(thresholds);
  return shared === null
    ? t('cockpit.bigMixed')
    : t('cockpit.big', { threshold: thresholdText(shared, lang) });
}
