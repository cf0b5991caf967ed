/**
 * 统计区间 (StatWindow): the dates whose events a monthly period counts. Units report "by the
 * 25th", so by default period YYYY-MM covers the day after the previous period's cut-off to the
 * 25th of its month (Asia/Shanghai dates); January starts on 1 January and December runs to 31
 * December, so the twelve windows of a year tile it exactly and never cross into another year.
 * The office may move a period's cut-off day within its own month (December's stays the 31st);
 * a cut-off anywhere else would overlap a neighbour's window or leave a gap, and is refused.
 *
 * The same rule is the SQL function stat_period(date) (migration 1764960000000); a spec checks
 * that the two agree day by day.
 */

/** The default cut-off day of a period other than December. */
export const DEFAULT_CUTOFF_DAY = 25;

/** The office's cut-offs that differ from the default: period (YYYY-MM) → date (YYYY-MM-DD). */
export type StatCutoffs = Readonly<Record<string, string>>;

/** A window's first and last dates, inclusive, YYYY-MM-DD (Asia/Shanghai). */
export interface StatWindow {
  from: string;
  to: string;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function split(period: string): [number, number] {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a reporting period (YYYY-MM): ${period}`);
  return [Number(m[1]), Number(m[2])];
}

function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  return (
    !!m &&
    new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) ===
      value
  );
}

/** The default cut-off: the 25th, or 31 December for December. */
export function defaultCutoff(period: string): string {
  const [y, m] = split(period);
  return m === 12 ? `${y}-12-31` : `${period}-${DEFAULT_CUTOFF_DAY}`;
}

/** The period's cut-off: the office's if it set one, else the default. */
export function statCutoff(period: string, cutoffs: StatCutoffs = {}): string {
  return cutoffs[period] ?? defaultCutoff(period);
}

/** The day after a date (YYYY-MM-DD). */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The period's window: January from 1 January, else from the day after the previous cut-off. */
export function statWindow(
  period: string,
  cutoffs: StatCutoffs = {},
): StatWindow {
  const [y, m] = split(period);
  const from =
    m === 1
      ? `${y}-01-01`
      : nextDay(statCutoff(`${y}-${pad(m - 1)}`, cutoffs));
  return { from, to: statCutoff(period, cutoffs) };
}

/** The period whose window holds a date (YYYY-MM-DD). */
export function statPeriodOf(date: string, cutoffs: StatCutoffs = {}): string {
  if (!isRealDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const period = date.slice(0, 7);
  if (date <= statCutoff(period, cutoffs)) return period;
  const [y, m] = split(period);
  // Past this month's cut-off (never in December, whose cut-off is the 31st): the next month.
  return `${y}-${pad(m + 1)}`;
}

/** The Shanghai date of an instant, YYYY-MM-DD. */
function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The period whose window holds an instant (its Asia/Shanghai date). */
export function statPeriodAt(instant: Date, cutoffs: StatCutoffs = {}): string {
  return statPeriodOf(shanghaiDate(instant), cutoffs);
}

/** The first instant after the window: 00:00 (Asia/Shanghai) of the day after its last date. */
export function statWindowEnd(period: string, cutoffs: StatCutoffs = {}): Date {
  const [y, m, d] = statCutoff(period, cutoffs).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1, -8));
}

/**
 * Whether the office may set the period's cut-off to this date: a real date in the period's own
 * month (so the windows stay in order, none empty, none overlapping), and 31 December for
 * December (so the year closes with no gap). Returns a bilingual problem, or null when fine.
 */
export function cutoffProblem(period: string, cutoff: string): string | null {
  const [y, m] = split(period);
  if (!isRealDate(cutoff))
    return '截止日应为 YYYY-MM-DD 格式的有效日期 / The cut-off must be a real date, YYYY-MM-DD';
  if (m === 12 && cutoff !== `${y}-12-31`)
    return `12月的统计区间须截至${y}年12月31日，否则年末将留下空档 / December's window must run to ${y}-12-31, else the year ends with a gap`;
  if (cutoff.slice(0, 7) !== period) {
    const [, cm, cd] = cutoff.split('-').map(Number);
    const side = cutoff < period ? '上月' : '下月';
    return `截止日应在${y}年${m}月1日至${m}月${lastDayOf(y, m)}日之间；${cm}月${cd}日将与${side}的统计区间重叠或留下空档 / The cut-off of ${period} must lie within ${period}; ${cutoff} would overlap a neighbouring window or leave a gap`;
  }
  return null;
}

/** "2026年10月26日—11月25日": the window as documents print it (the year once when it is one). */
export function statWindowLabel(window: StatWindow): string {
  const [fy, fm, fd] = window.from.split('-').map(Number);
  const [ty, tm, td] = window.to.split('-').map(Number);
  const to = ty === fy ? `${tm}月${td}日` : `${ty}年${tm}月${td}日`;
  return `${fy}年${fm}月${fd}日—${to}`;
}
