/**
 * Money travels as decimal strings in 万元 (PostgreSQL numeric), never as JS numbers.
 * 1 亿元 = 10,000 万元. These helpers format for display only; sums are made in SQL.
 */
export type Wan = string;

const WAN_PATTERN = /^-?\d+(\.\d+)?$/;

export function isWanAmount(value: string): boolean {
  return WAN_PATTERN.test(value);
}

/** Shifts the decimal point of a non-negative decimal string left by `places`, exactly. */
function shiftLeft(value: string, places: number): string {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const [intPart, fracPart = ''] = digits.split('.');
  const padded = intPart.padStart(places + 1, '0');
  const head = padded.slice(0, padded.length - places).replace(/^0+(?=\d)/, '');
  const tail = (padded.slice(padded.length - places) + fracPart).replace(/0+$/, '');
  return (negative ? '-' : '') + head + (tail ? '.' + tail : '');
}

/** 万元 → 亿元, exact decimal string ("1400000" → "140"). */
export function wanToYi(wan: Wan): string {
  return shiftLeft(wan, 4);
}

/** Trims trailing zeros of a decimal string ("140.000000" → "140"). */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** "1400000.000000" 万元 → "140亿元"; below 1 亿 shows 万元. */
export function formatWan(wan: Wan): string {
  const trimmed = trimDecimal(wan);
  const yi = wanToYi(trimmed);
  const yiInt = yi.replace(/^-/, '').split('.')[0];
  return yiInt !== '0' ? `${yi}亿元` : `${trimmed}万元`;
}
