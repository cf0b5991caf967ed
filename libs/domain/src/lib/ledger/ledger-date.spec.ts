import { dateToExcelSerial, excelSerialToDate, parseLedgerDate } from './ledger-date';

const date = (value: Parameters<typeof parseLedgerDate>[0]) => {
  const result = parseLedgerDate(value);
  return result.ok ? result.date : `!${result.problem}`;
};

describe('ledger dates', () => {
  it('reads the forms office sheets use', () => {
    expect(date('2025-03-01')).toBe('2025-03-01');
    expect(date('2025/3/1')).toBe('2025-03-01');
    expect(date('2025.3.1')).toBe('2025-03-01');
    expect(date('2025年3月1日')).toBe('2025-03-01');
    expect(date('2025 年 3 月 1 号')).toBe('2025-03-01');
    expect(date('２０２５年１２月３１日')).toBe('2025-12-31');
    expect(date('20250301')).toBe('2025-03-01');
    expect(date('2025-3-1')).toBe('2025-03-01');
  });

  it('reads Excel serial dates, as numbers or text, dropping the time of day', () => {
    expect(date(45717)).toBe('2025-03-01');
    expect(date(45717.75)).toBe('2025-03-01');
    expect(date('45717')).toBe('2025-03-01');
    expect(date(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(61)).toEqual({ ok: false, problem: 'out-of-range' });
    expect(dateToExcelSerial('2025-03-01')).toBe(45717);
    expect(dateToExcelSerial('2024-02-29')).toBe(45351);
  });

  it('takes a date cell by the calendar date it shows', () => {
    expect(date(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    expect(date(new Date(Date.UTC(2025, 2, 1, 23, 59)))).toBe('2025-03-01');
  });

  it('takes an instant by its calendar date in Asia/Shanghai', () => {
    expect(date('2025-02-28T16:30:00Z')).toBe('2025-03-01');
    expect(date('2025-03-01T07:59:00+08:00')).toBe('2025-03-01');
  });

  it('treats an empty cell as no date', () => {
    expect(date(null)).toBeNull();
    expect(date(undefined)).toBeNull();
    expect(date('  ')).toBeNull();
  });

  it('refuses what is not a date', () => {
    expect(date('2025-02-30')).toBe('!not-a-date');
    expect(date('2025年13月1日')).toBe('!not-a-date');
    expect(date('三月一日')).toBe('!format');
    expect(date('2025')).toBe('!format');
    expect(date('1800-01-01')).toBe('!out-of-range');
    expect(date(new Date(Number.NaN))).toBe('!format');
  });
});
