import { readStatCutoffs } from '@crm/api/pipeline';
import {
  shanghaiToday,
  statPeriodAt,
  statPeriodOf,
  statWindow,
  type StatCutoffs,
  type StatWindow,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * The year and period a cockpit view is for: the running period in Shanghai unless asked. A
 * period's "month" is its statistical window (统计区间: by default the day after the previous 25th
 * to the 25th; January from 1 January, December to 31 December), as chain_month_total keys it.
 */
export interface CockpitPeriod {
  year: number;
  month: number;
  /** YYYY-MM */
  asOf: string;
  /** YYYY-01-01 and the last day of the period's window, YYYY-MM-DD. */
  yearStart: string;
  monthEnd: string;
  /** 统计区间 of the period. */
  window: StatWindow;
}

export function cockpitPeriod(
  year: number | undefined,
  month: number | undefined,
  now: Date,
  cutoffs: StatCutoffs = {},
): CockpitPeriod {
  const current = statPeriodAt(now, cutoffs);
  const y = year ?? Number(current.slice(0, 4));
  // A past year without a month is shown as it ended; the current year as it stands.
  const m = month ?? (year === undefined || y === Number(current.slice(0, 4)) ? Number(current.slice(5, 7)) : 12);
  const asOf = `${y}-${String(m).padStart(2, '0')}`;
  const window = statWindow(asOf, cutoffs);
  return { year: y, month: m, asOf, yearStart: `${y}-01-01`, monthEnd: window.to, window };
}

/** cockpitPeriod with the office's cut-offs of the year shown. */
export async function readCockpitPeriod(
  manager: EntityManager,
  year: number | undefined,
  month: number | undefined,
  now: Date,
): Promise<CockpitPeriod> {
  const cutoffs = await readStatCutoffs(manager, year ?? shanghaiToday(now).slice(0, 4));
  return cockpitPeriod(year, month, now, cutoffs);
}

/** The period whose window holds a date (a meeting's day, a digest week's Sunday), YYYY-MM-DD. */
export async function readCockpitPeriodOf(manager: EntityManager, date: string, now: Date): Promise<CockpitPeriod> {
  const cutoffs = await readStatCutoffs(manager, date.slice(0, 4));
  const period = statPeriodOf(date, cutoffs);
  return cockpitPeriod(Number(period.slice(0, 4)), Number(period.slice(5, 7)), now, cutoffs);
}
