import { addDays, isCalendarDate, shanghaiToday } from '@crm/domain';

/** The local hour (Asia/Shanghai) on Monday from which the week's digest is due. */
export const WEEKLY_DIGEST_HOUR = 8;

/** The span of a digest: the Monday it is for, the week it covers, and the week it looks ahead to. */
export interface DigestWeek {
  /** The digest's Monday. */
  week: string;
  /** Monday and Sunday of the week covered: the seven days before `week`. */
  from: string;
  to: string;
  /** Sunday of the digest's own week: action items due by then are listed. */
  aheadTo: string;
}

/** Day of the week of a calendar date, ISO numbering (Monday 1 … Sunday 7). */
function isoDay(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

export function isMonday(date: string): boolean {
  return isCalendarDate(date) && isoDay(date) === 1;
}

/** The latest Monday on or before a date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoDay(date));
}

/** The latest Monday on or before today in Shanghai. */
export function latestMonday(now: Date): string {
  return mondayOf(shanghaiToday(now));
}

export function digestWeek(monday: string): DigestWeek {
  return { week: monday, from: addDays(monday, -7), to: addDays(monday, -1), aheadTo: addDays(monday, 6) };
}

/**
 * The Monday whose digest falls due by `now`: today when it is a Monday in Shanghai and 08:00
 * has passed there, else none (a run on another day sends nothing).
 */
export function dueDigestMonday(now: Date): string | null {
  const today = shanghaiToday(now);
  const hour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
  return isoDay(today) === 1 && hour >= WEEKLY_DIGEST_HOUR ? today : null;
}

/** "2025-11-16" → "11月16日". */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
