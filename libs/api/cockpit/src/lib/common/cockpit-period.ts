import { shanghaiMonth } from '@crm/domain';

/** The year and month a cockpit view is for: the current month in Shanghai unless asked. */
export interface CockpitPeriod {
  year: number;
  month: number;
  /** YYYY-MM */
  asOf: string;
  /** YYYY-01-01 and the last day of the month, YYYY-MM-DD. */
  yearStart: string;
  monthEnd: string;
}

export function cockpitPeriod(year: number | undefined, month: number | undefined, now: Date): CockpitPeriod {
  const current = shanghaiMonth(now);
  const y = year ?? Number(current.slice(0, 4));
  // A past year without a month is shown as it ended; the current year as it stands.
  const m = month ?? (year === undefined || y === Number(current.slice(0, 4)) ? Number(current.slice(5, 7)) : 12);
  const mm = String(m).padStart(2, '0');
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    year: y,
    month: m,
    asOf: `${y}-${mm}`,
    yearStart: `${y}-01-01`,
    monthEnd: `${y}-${mm}-${String(lastDay).padStart(2, '0')}`,
  };
}
