import { isCalendarDate } from '../pipeline/calendar';

/**
 * Dates as office ledgers write them: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, an
 * Excel serial number (days since 1899-12-30), or a date cell. The result is the calendar date in
 * Asia/Shanghai, YYYY-MM-DD.
 */
export type LedgerDateProblem = 'format' | 'not-a-date' | 'out-of-range';

export type LedgerDateResult =
  | { ok: true; date: string | null; problem?: undefined }
  | { ok: false; date?: undefined; problem: LedgerDateProblem };

export const LEDGER_DATE_MESSAGES: Record<LedgerDateProblem, { zh: string; en: string }> = {
  format: {
    zh: '日期格式无法识别，请写作 2025-03-01、2025/3/1 或 2025年3月1日',
    en: 'The date is not recognised; write it as 2025-03-01, 2025/3/1 or 2025年3月1日',
  },
  'not-a-date': { zh: '日期不存在（如2月30日）', en: 'No such date (e.g. 30 February)' },
  'out-of-range': { zh: '日期应在1950年至2099年之间', en: 'The date must be between 1950 and 2099' },
};

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 is behind (serials from 61 on). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MIN_YEAR = 1950;
const MAX_YEAR = 2099;

const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{5}(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/;

const ok = (date: string | null): LedgerDateResult => ({ ok: true, date });
const fail = (problem: LedgerDateProblem): LedgerDateResult => ({ ok: false, problem });

function fromParts(year: number, month: number, day: number): LedgerDateResult {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isCalendarDate(date)) return fail('not-a-date');
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('out-of-range');
  return ok(date);
}

/** An Excel serial date (the time of day, if any, is dropped) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): LedgerDateResult {
  if (!Number.isFinite(serial) || serial < 61) return fail('out-of-range');
  const d = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A calendar date as an Excel serial number (what a date cell stores). */
export function dateToExcelSerial(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC) / MS_PER_DAY);
}

/**
 * Reads a ledger date. `Date` values are date cells as spreadsheet readers return them: the wall
 * clock of the sheet carried in the UTC fields, so the UTC calendar date is the one the sheet shows.
 * Empty input is a valid "no date" (date: null).
 */
export function parseLedgerDate(value: string | number | Date | null | undefined): LedgerDateResult {
  if (value === null || value === undefined) return ok(null);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail('format');
    return fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return excelSerialToDate(value);
  const text = value.normalize('NFKC').trim();
  if (text === '') return ok(null);
  const separated = SEPARATED.exec(text);
  if (separated) return fromParts(Number(separated[1]), Number(separated[2]), Number(separated[3]));
  const compact = COMPACT.exec(text);
  if (compact) return fromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (SERIAL.test(text)) return excelSerialToDate(Number(text));
  if (INSTANT.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) return fail('format');
    const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
    return fromParts(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
  }
  return fail('format');
}
