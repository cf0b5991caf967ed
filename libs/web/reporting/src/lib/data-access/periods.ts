import { addPeriods, parsePeriod, periodOf, statWindowLabel, type StatWindow } from '@crm/domain';

/** The current month in Asia/Shanghai, YYYY-MM. */
export function currentPeriod(now: Date = new Date()): string {
  return periodOf(now);
}

/**
 * The months a picker offers, newest first: the periods the API knows (one may have been opened
 * early) and the last `count` months up to the current one, without duplicates.
 */
export function periodChoices(known: readonly string[], now: Date = new Date(), count = 12): string[] {
  const current = currentPeriod(now);
  const months = new Set<string>(known);
  for (let i = 0; i < count; i++) {
    months.add(addPeriods(current, -i));
  }
  return [...months].sort().reverse();
}

/** The params of 'common.statWindow': "2026年10月26日—11月25日" for zh, the two dates for en. */
export function statWindowParams(w: StatWindow): { label: string; from: string; to: string } {
  return { label: statWindowLabel(w), from: w.from, to: w.to };
}

/** "2025年3月" / "March 2025". */
export function periodLabel(period: string, lang: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (lang === 'en') {
    return new Date(Date.UTC(p.year, p.month - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return `${p.year}年${p.month}月`;
}

/** "3月" / "Mar": a column head of the board. */
export function monthLabel(period: string, lang: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (lang === 'en') {
    return new Date(Date.UTC(p.year, p.month - 1, 1)).toLocaleString('en-GB', {
      month: 'short',
      timeZone: 'UTC',
    });
  }
  return `${p.month}月`;
}

/**
 * The last day on which a report is still on time, YYYY-MM-DD in Asia/Shanghai: the API gives the
 * first late instant (00:00 of the next day), which users do not read as "the 25th".
 */
export function lastOnTimeDay(dueAt: string): string {
  return periodDayOf(new Date(Date.parse(dueAt) - 1));
}

function periodDayOf(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000);
  return local.toISOString().slice(0, 10);
}

/** Whole days left until the due instant (0 on the last day), or null once it has passed. */
export function daysLeft(dueAt: string, now: Date = new Date()): number | null {
  const due = Date.parse(dueAt);
  if (now.getTime() >= due) return null;
  const today = periodDayOf(now);
  const last = lastOnTimeDay(dueAt);
  return Math.round((Date.parse(last) - Date.parse(today)) / 86_400_000);
}
