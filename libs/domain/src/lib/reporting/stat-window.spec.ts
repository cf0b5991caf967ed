import { periodLockableFrom } from './period';
import {
  cutoffProblem,
  statPeriodAt,
  statPeriodOf,
  statWindow,
  statWindowEnd,
  statWindowLabel,
  type StatCutoffs,
} from './stat-window';

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

describe('statistical windows (统计区间)', () => {
  it('default: the day after the previous 25th to the 25th; January from 1 January, December to 31 December', () => {
    expect(statWindow('2026-01')).toEqual({ from: '2026-01-01', to: '2026-01-25' });
    expect(statWindow('2026-02')).toEqual({ from: '2026-01-26', to: '2026-02-25' });
    expect(statWindow('2026-11')).toEqual({ from: '2026-10-26', to: '2026-11-25' });
    expect(statWindow('2026-12')).toEqual({ from: '2026-11-26', to: '2026-12-31' });
  });

  it.each<[string, StatCutoffs]>([
    ['a common year, default', {}],
    ['a leap year, default', {}],
    ['a leap year, the office moved some cut-offs', { '2024-02': '2024-02-29', '2024-06': '2024-06-01', '2024-07': '2024-07-31' }],
  ])('the twelve windows tile the year, each day in exactly one (%s)', (name, cutoffs) => {
    const year = name.startsWith('a leap') ? 2024 : 2025;
    const days = daysOf(year);
    const seen = new Map<string, string>();
    for (let m = 1; m <= 12; m++) {
      const period = `${year}-${String(m).padStart(2, '0')}`;
      const w = statWindow(period, cutoffs);
      expect(w.from <= w.to).toBe(true);
      for (const day of days.filter((d) => d >= w.from && d <= w.to)) {
        expect(seen.has(day)).toBe(false);
        seen.set(day, period);
      }
    }
    expect(seen.size).toBe(days.length);
    for (const day of days) expect(statPeriodOf(day, cutoffs)).toBe(seen.get(day));
  });

  it('the edges in Asia/Shanghai: the 25th 23:59:59 is this period, the 26th 00:00 the next; 31 December stays in December', () => {
    expect(statPeriodAt(new Date('2026-10-25T23:59:59+08:00'))).toBe('2026-10');
    expect(statPeriodAt(new Date('2026-10-26T00:00:00+08:00'))).toBe('2026-11');
    expect(statPeriodAt(new Date('2026-12-31T23:59:59+08:00'))).toBe('2026-12');
    expect(statPeriodAt(new Date('2027-01-01T00:00:00+08:00'))).toBe('2027-01');
    expect(statPeriodOf('2024-02-29')).toBe('2024-03');
    expect(statPeriodOf('2024-02-29', { '2024-02': '2024-02-29' })).toBe('2024-02');
  });

  it('a window ends at 00:00 Shanghai of the day after its cut-off', () => {
    expect(statWindowEnd('2026-11').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(statWindowEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('a cut-off outside its month (overlap or gap) or December before the 31st is refused, in Chinese and English', () => {
    expect(cutoffProblem('2026-03', '2026-03-20')).toBeNull();
    expect(cutoffProblem('2026-12', '2026-12-31')).toBeNull();
    expect(cutoffProblem('2026-12', '2026-12-25')).toMatch(/空档.*\/ December's window must run to 2026-12-31/);
    expect(cutoffProblem('2026-03', '2026-04-02')).toMatch(/重叠.* \/ The cut-off of 2026-03 must lie within 2026-03/);
    expect(cutoffProblem('2026-03', '2026-02-20')).toMatch(/上月/);
    expect(cutoffProblem('2026-02', '2026-02-30')).toMatch(/有效日期/);
  });

  it('prints the dates it covers', () => {
    expect(statWindowLabel(statWindow('2026-11'))).toBe('2026年10月26日—11月25日');
    expect(statWindowLabel({ from: '2026-12-26', to: '2027-01-25' })).toBe('2026年12月26日—2027年1月25日');
  });

  it('a period may be locked once its window has closed: the 26th by default, 1 January for December, later with a later cut-off', () => {
    expect(periodLockableFrom('2026-11').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(periodLockableFrom('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodLockableFrom('2026-11', { '2026-11': '2026-11-30' }).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // An earlier cut-off does not make a report due earlier: the due instant still holds.
    expect(periodLockableFrom('2026-11', { '2026-11': '2026-11-20' }).toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });
});
