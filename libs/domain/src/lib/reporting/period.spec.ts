import {
  addPeriods,
  daysInPeriod,
  dueInstant,
  extensionProblem,
  isLateSubmission,
  parsePeriod,
  periodBounds,
  periodOf,
} from './period';

describe('reporting period', () => {
  it('parses YYYY-MM and refuses anything else', () => {
    expect(parsePeriod('2025-03')).toEqual({ year: 2025, month: 3 });
    for (const bad of [
      '2025-3',
      '2025-13',
      '2025-00',
      '202503',
      '2025-03-01',
      '',
      ' 2025-03',
    ]) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });

  it('is due before 00:00 of the 26th, Shanghai time', () => {
    expect(dueInstant('2025-03').toISOString()).toBe(
      '2025-03-25T16:00:00.000Z',
    );
    expect(dueInstant('2025-12').toISOString()).toBe(
      '2025-12-25T16:00:00.000Z',
    );
  });

  it('stamps 23:59 of the 25th on time and 00:00/00:01 of the 26th late', () => {
    expect(
      isLateSubmission('2025-03', new Date('2025-03-25T23:59:59.999+08:00')),
    ).toBe(false);
    expect(
      isLateSubmission('2025-03', new Date('2025-03-26T00:00:00+08:00')),
    ).toBe(true);
    expect(
      isLateSubmission('2025-03', new Date('2025-03-26T00:01:00+08:00')),
    ).toBe(true);
    // 23:30 UTC on the 25th is already the 26th in Shanghai.
    expect(isLateSubmission('2025-03', new Date('2025-03-25T16:30:00Z'))).toBe(
      true,
    );
  });

  it('moves the deadline for a unit with an extension', () => {
    expect(dueInstant('2025-03', '2025-03-28').toISOString()).toBe(
      '2025-03-28T16:00:00.000Z',
    );
    expect(
      isLateSubmission(
        '2025-03',
        new Date('2025-03-27T10:00:00+08:00'),
        '2025-03-28',
      ),
    ).toBe(false);
    expect(
      isLateSubmission(
        '2025-03',
        new Date('2025-03-29T00:00:00+08:00'),
        '2025-03-28',
      ),
    ).toBe(true);
    // An extension across the month end.
    expect(dueInstant('2025-12', '2026-01-05').toISOString()).toBe(
      '2026-01-05T16:00:00.000Z',
    );
  });

  it('checks extensions', () => {
    expect(extensionProblem('2025-03', '2025-03-28')).toBeNull();
    expect(extensionProblem('2025-03', '2025-03-25')).toMatch(/later|after/);
    expect(extensionProblem('2025-02', '2025-02-29')).toMatch(/real date/);
    expect(extensionProblem('2024-02', '2024-02-29')).toBeNull();
    expect(extensionProblem('2025-03', '2025-05-01')).toMatch(/next month/);
  });

  it('knows February and leap years', () => {
    expect(daysInPeriod('2025-02')).toBe(28);
    expect(daysInPeriod('2024-02')).toBe(29);
    expect(daysInPeriod('2100-02')).toBe(28);
    expect(daysInPeriod('2000-02')).toBe(29);
    expect(periodBounds('2024-02')).toEqual({
      start: new Date('2024-01-31T16:00:00Z'),
      end: new Date('2024-02-29T16:00:00Z'),
      firstDay: '2024-02-01',
      lastDay: '2024-02-29',
    });
    expect(dueInstant('2025-02').toISOString()).toBe(
      '2025-02-25T16:00:00.000Z',
    );
  });

  it('finds the Shanghai month of an instant and steps months', () => {
    expect(periodOf(new Date('2025-03-31T16:00:00Z'))).toBe('2025-04');
    expect(periodOf(new Date('2025-03-31T15:59:59Z'))).toBe('2025-03');
    expect(addPeriods('2025-01', -1)).toBe('2024-12');
    expect(addPeriods('2024-12', 1)).toBe('2025-01');
    expect(addPeriods('2025-03', 13)).toBe('2026-04');
  });
});
