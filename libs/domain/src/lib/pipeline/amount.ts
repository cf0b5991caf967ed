import type { Wan } from '../money';

/** numeric(20, 6): at most 14 digits before the point and 6 after (a fen is 0.000001 万元). */
export const WAN_MAX_INTEGER_DIGITS = 14;
export const WAN_MAX_DECIMALS = 6;

export type WanInputProblem = 'format' | 'negative' | 'zero' | 'too-large' | 'too-precise';

const WAN_INPUT = /^-?\d+(\.\d+)?$/;

/**
 * Why a submitted amount in 万元 is not acceptable, or null when it is. Amounts are decimal
 * strings; zero is allowed only where a nil amount makes sense.
 */
export function wanInputProblem(value: string, options: { allowZero?: boolean } = {}): WanInputProblem | null {
  if (!WAN_INPUT.test(value)) return 'format';
  if (value.startsWith('-')) return /[1-9]/.test(value) ? 'negative' : options.allowZero ? null : 'zero';
  const [intPart, fracPart = ''] = value.split('.');
  if (fracPart.replace(/0+$/, '').length > WAN_MAX_DECIMALS) return 'too-precise';
  if (intPart.replace(/^0+/, '').length > WAN_MAX_INTEGER_DIGITS) return 'too-large';
  if (!/[1-9]/.test(value) && !options.allowZero) return 'zero';
  return null;
}

export const WAN_INPUT_MESSAGES: Record<WanInputProblem, { zh: string; en: string }> = {
  format: { zh: '金额应为数字（万元），如 1200.5', en: 'The amount must be a number in 万元, e.g. 1200.5' },
  negative: { zh: '金额不能为负数', en: 'The amount must not be negative' },
  zero: { zh: '金额应大于0', en: 'The amount must be greater than 0' },
  'too-large': {
    zh: `金额过大（整数部分最多${WAN_MAX_INTEGER_DIGITS}位）`,
    en: `The amount is too large (at most ${WAN_MAX_INTEGER_DIGITS} digits before the point)`,
  },
  'too-precise': {
    zh: `金额最多保留${WAN_MAX_DECIMALS}位小数（精确到分）`,
    en: `The amount may have at most ${WAN_MAX_DECIMALS} decimals (one fen)`,
  },
};

/** A decimal string strictly above zero. */
export function isPositiveWan(value: Wan | null | undefined): boolean {
  return typeof value === 'string' && WAN_INPUT.test(value) && !value.startsWith('-') && /[1-9]/.test(value);
}
