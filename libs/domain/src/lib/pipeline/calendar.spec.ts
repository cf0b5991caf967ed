import { addDays, isCalendarDate, isYearMonth, shanghaiMonth, shanghaiToday } from './calendar';

describe('calendar dates in Asia/Shanghai', () => {
  it('recognises real dates and months only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
    expect(isYearMonth('2025-12')).toBe(true);
    expect(isYearMonth('2025-13')).toBe(false);
  });

  it('turns the date at midnight Beijing time, not UTC', () => {
    expect(shanghaiToday(new Date('2025-03-24T15:59:59Z'))).toBe('2025-03-24');
    expect(shanghaiToday(new Date('2025-03-24T16:00:00Z'))).toBe('2025-03-25');
    expect(shanghaiMonth(new Date('2025-03-31T16:00:00Z'))).toBe('2025-04');
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});
