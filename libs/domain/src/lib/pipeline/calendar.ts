/**
 * Calendar dates (YYYY-MM-DD) and months (YYYY-MM) as the users live them, in Asia/Shanghai.
 * China keeps UTC+8 all year, so "today there" is a fixed shift from UTC.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A real calendar date written YYYY-MM-DD (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A month written YYYY-MM. */
export function isYearMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** This month in Asia/Shanghai. */
export function shanghaiMonth(now: Date = new Date()): string {
  return shanghaiToday(now).slice(0, 7);
}

/** The date n days after (or before, when negative) a calendar date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
