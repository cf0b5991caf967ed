import { wanInputProblem, WAN_INPUT_MESSAGES, type WanInputProblem } from '../pipeline/amount';
import type { Wan } from '../money';

/**
 * Amounts as office ledgers write them: a number in the unit the column header names (万元 or 亿元),
 * or a text with its own unit ("1.5亿", "3,000万元", "2 亿元"). The result is an exact decimal
 * string in 万元; the arithmetic is on digits, never on JS floats.
 */
export const AMOUNT_UNITS = ['元', '万元', '亿元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/** How many places to move the point right to turn the unit into 万元 (元 moves it left). */
const UNIT_SHIFT: Record<AmountUnit, number> = { 元: -4, 万元: 0, 亿元: 4 };

export type LedgerAmountProblem = 'not-a-number' | WanInputProblem;

export type LedgerAmountResult =
  | { ok: true; wan: Wan | null; problem?: undefined }
  | { ok: false; wan?: undefined; problem: LedgerAmountProblem };

export const LEDGER_AMOUNT_MESSAGES: Record<LedgerAmountProblem, { zh: string; en: string }> = {
  'not-a-number': {
    zh: '金额不是数字（可写作 3000、3,000万元 或 1.5亿）',
    en: 'The amount is not a number (write 3000, 3,000万元 or 1.5亿)',
  },
  ...WAN_INPUT_MESSAGES,
};

const TEXT_AMOUNT = /^(\d+(?:\.\d+)?)(元|万|万元|亿|亿元)?$/;

/** Moves the decimal point of a non-negative decimal string by `places` (right when positive). */
export function shiftDecimal(value: string, places: number): string {
  const [intPart, fracPart = ''] = value.split('.');
  let digits = intPart + fracPart;
  let point = intPart.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  const head = (digits.slice(0, point) || '0').replace(/^0+(?=\d)/, '');
  const tail = digits.slice(point).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

/**
 * A cell's number as the decimal the sheet shows. Spreadsheets keep 15 significant digits, so the
 * float noise beyond them (0.30000000000000004) is dropped; exponents are written out.
 */
export function numberToDecimal(value: number): string {
  const precise = value.toPrecision(15);
  const [mantissa, exponent] = precise.split('e');
  const negative = mantissa.startsWith('-');
  const digits = negative ? mantissa.slice(1) : mantissa;
  const plain = shiftDecimal(digits, exponent ? Number(exponent) : 0);
  return negative ? `-${plain}` : plain;
}

/** The unit a column header names: "计划总投资（亿元）" → 亿元; none named → null. */
export function unitFromHeader(header: string): AmountUnit | null {
  const text = header.normalize('NFKC');
  if (/亿/.test(text)) return '亿元';
  if (/万/.test(text)) return '万元';
  if (/[(（]\s*元\s*[)）]|单位[:：]?\s*元/.test(text)) return '元';
  return null;
}

/**
 * Reads a ledger amount into 万元. `headerUnit` is the unit the column header names (default
 * 万元); a unit written in the cell wins. Empty input is a valid "no amount" (wan: null).
 */
export function parseLedgerAmount(
  value: string | number | null | undefined,
  headerUnit: AmountUnit = '万元',
  options: { allowZero?: boolean } = {},
): LedgerAmountResult {
  if (value === null || value === undefined) return { ok: true, wan: null };
  let digits: string;
  let unit: AmountUnit = headerUnit;
  let negative = false;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, problem: 'not-a-number' };
    const decimal = numberToDecimal(value);
    negative = decimal.startsWith('-');
    digits = negative ? decimal.slice(1) : decimal;
  } else {
    let text = value.normalize('NFKC').replace(/[\s,，]/g, '').replace(/人民币|RMB|¥/gi, '');
    if (text === '') return { ok: true, wan: null };
    if (text.startsWith('-')) {
      negative = true;
      text = text.slice(1);
    }
    const match = TEXT_AMOUNT.exec(text);
    if (!match) return { ok: false, problem: 'not-a-number' };
    digits = match[1];
    if (match[2]) unit = match[2].startsWith('亿') ? '亿元' : match[2].startsWith('万') ? '万元' : '元';
  }
  const wan = shiftDecimal(digits, UNIT_SHIFT[unit]);
  const signed = negative && /[1-9]/.test(wan) ? `-${wan}` : wan;
  const problem = wanInputProblem(signed, options);
  return problem ? { ok: false, problem } : { ok: true, wan: signed };
}
