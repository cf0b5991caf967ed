/**
 * 报告期 (ReportingPeriod) rules: one period per month, written YYYY-MM; each responsible unit
 * reports "before the 25th", read as due at the end of the 25th in Asia/Shanghai, i.e. before
 * 00:00 on the 26th (+08:00). China keeps UTC+8 all year, so every local instant is a fixed shift.
 */
import { statWindowEnd, type StatCutoffs } from './stat-window';

const SHANGHAI_OFFSET_HOURS = 8;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of the month by whose end the report is due. */
export const REPORT_DUE_DAY = 25;

export interface Period {
  year: number;
  /** 1..12 */
  month: number;
}

/** Parses 'YYYY-MM' (2000..2099 is not assumed; any 4-digit year); null when it is not a month. */
export function parsePeriod(value: string): Period | null {
  const m = PERIOD.exec(value);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function isPeriod(value: string): boolean {
  return parsePeriod(value) !== null;
}

export function formatPeriod(p: Period): string {
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
}

function mustParse(period: string): Period {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a reporting period (YYYY-MM): ${period}`);
  return p;
}

/** The instant of a local (Asia/Shanghai) wall-clock time; day may overflow into the next month. */
export function shanghaiInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  return new Date(
    Date.UTC(year, month - 1, day, hour - SHANGHAI_OFFSET_HOURS, minute),
  );
}

/** The period (month in Asia/Shanghai) an instant falls in. */
export function periodOf(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_HOURS * 3600_000);
  return formatPeriod({
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
  });
}

/** The period n months after (or before) the given one. */
export function addPeriods(period: string, n: number): string {
  const p = mustParse(period);
  const index = p.year * 12 + (p.month - 1) + n;
  return formatPeriod({
    year: Math.floor(index / 12),
    month: (index % 12) + 1,
  });
}

/** Number of days of the period's month (February 29 in leap years). */
export function daysInPeriod(period: string): number {
  const p = mustParse(period);
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

/** The month's bounds in Asia/Shanghai: [start, end) as instants, and the first/last calendar dates. */
export function periodBounds(period: string): {
  start: Date;
  end: Date;
  firstDay: string;
  lastDay: string;
} {
  const p = mustParse(period);
  return {
    start: shanghaiInstant(p.year, p.month, 1),
    end: shanghaiInstant(p.year, p.month + 1, 1),
    firstDay: `${period}-01`,
    lastDay: `${period}-${String(daysInPeriod(period)).padStart(2, '0')}`,
  };
}

/** When a period opens by default: 00:00 on its 1st, local time (the office may open it earlier). */
export function defaultOpensAt(period: string): Date {
  return periodBounds(period).start;
}

/** The calendar date (YYYY-MM-DD) by whose end the period's report is due: the 25th. */
export function periodDueDate(period: string): string {
  mustParse(period);
  return `${period}-${REPORT_DUE_DAY}`;
}

/**
 * The first instant at which a report is late: 00:00 on the day after the due date, Asia/Shanghai.
 * For 2025-03 that is 2025-03-25T16:00:00.000Z. With an extension (a unit's own due date,
 * YYYY-MM-DD) it is the start of the day after that date.
 */
export function dueInstant(period: string, extendedTo?: string | null): Date {
  const date = extendedTo ?? periodDueDate(period);
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return shanghaiInstant(Number(m[1]), Number(m[2]), Number(m[3]) + 1);
}

/**
 * The first instant at which the period may be locked: its statistical window (statWindow, the
 * office's cut-offs or the 25th) has closed and its report is due. By default both fall at 00:00 on
 * the 26th (Asia/Shanghai); December's window runs to 31 December, so it is locked from 1 January.
 */
export function periodLockableFrom(period: string, cutoffs: StatCutoffs = {}): Date {
  const due = dueInstant(period);
  const windowEnd = statWindowEnd(period, cutoffs);
  return windowEnd > due ? windowEnd : due;
}

/** Is a submission at this instant late? On time means strictly before the due instant. */
export function isLateSubmission(
  period: string,
  submittedAt: Date,
  extendedTo?: string | null,
): boolean {
  return submittedAt.getTime() >= dueInstant(period, extendedTo).getTime();
}

/**
 * An extension must move the due date later than the period's own, and stay within reason
 * (at most the end of the following month). Returns a bilingual problem, or null when fine.
 */
export function extensionProblem(
  period: string,
  extendedTo: string,
): string | null {
  const m = DATE.exec(extendedTo);
  const valid =
    m &&
    new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) ===
      extendedTo;
  if (!valid)
    return '延期日期应为 YYYY-MM-DD 格式的有效日期 / The extended date must be a real date, YYYY-MM-DD';
  if (extendedTo <= periodDueDate(period)) {
    return `延期日期应晚于 ${periodDueDate(period)} / The extended date must be after ${periodDueDate(period)}`;
  }
  if (extendedTo > periodBounds(addPeriods(period, 1)).lastDay) {
    return '延期不能超过次月月底 / An extension cannot go beyond the end of the next month';
  }
  return null;
}
