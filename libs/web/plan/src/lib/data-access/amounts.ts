/**
 * The plan's figures as the office types them. Targets are written in 亿元 (220亿元以上) and travel
 * in 万元 as decimal strings: the conversion moves the decimal point, exactly, never through a JS
 * number. Each check answers the i18n key of what is wrong, or null.
 */
import { trimDecimal, wanInputProblem, wanToYi, type Wan } from '@crm/domain';
import type { MessageKey } from '@crm/web/core';

const DECIMAL = /^\d+(\.\d+)?$/;
const NEGATIVE = /^-\d+(\.\d+)?$/;

/** 亿元 → 万元, exactly: "220" → "2200000", "12.5" → "125000", "0.00015" → "1.5". */
export function yiToWan(yi: string): Wan {
  const [intPart, fracPart = ''] = yi.trim().split('.');
  const padded = fracPart.padEnd(4, '0');
  const head = (intPart + padded.slice(0, 4)).replace(/^0+(?=\d)/, '');
  const tail = padded.slice(4).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

/** 万元 (as the API sends it, "2200000.000000") → 亿元 as the office reads it ("220"). */
export function wanAsYi(wan: Wan | null): string {
  return wan === null ? '' : wanToYi(trimDecimal(wan));
}

/** An amount typed in 亿元: blank is allowed only where `optional`. */
export function yiProblem(value: string, options: { optional?: boolean; allowZero?: boolean } = {}): MessageKey | null {
  const trimmed = value.trim();
  if (!trimmed) return options.optional ? null : 'plan.amount.required';
  if (NEGATIVE.test(trimmed)) return 'plan.amount.negative';
  if (!DECIMAL.test(trimmed)) return 'plan.amount.formatYi';
  const problem = wanInputProblem(yiToWan(trimmed), { allowZero: options.allowZero ?? true });
  if (problem === 'too-precise') return 'plan.amount.tooPreciseYi';
  if (problem === 'too-large') return 'plan.amount.tooLarge';
  if (problem === 'zero') return 'plan.amount.zero';
  return null;
}

/** An amount typed in 万元 (往年实绩); zero is a real figure there. */
export function wanProblem(value: string): MessageKey | null {
  const trimmed = value.trim();
  if (!trimmed) return 'plan.amount.required';
  if (NEGATIVE.test(trimmed)) return 'plan.amount.negative';
  if (!DECIMAL.test(trimmed)) return 'plan.amount.formatWan';
  const problem = wanInputProblem(trimmed, { allowZero: true });
  if (problem === 'too-precise') return 'plan.amount.tooPreciseWan';
  if (problem === 'too-large') return 'plan.amount.tooLarge';
  return null;
}

/** 同比增长 in percent, two decimals at most, above -100. */
export function percentProblem(value: string): MessageKey | null {
  const trimmed = value.trim();
  if (!trimmed) return 'plan.percent.required';
  if (!/^-?\d{1,4}(\.\d{1,2})?$/.test(trimmed)) return 'plan.percent.format';
  if (trimmed.startsWith('-') && Number(trimmed) <= -100) return 'plan.percent.format';
  return null;
}

/** A count of projects: a whole number, 0 or more. */
export function countProblem(value: string): MessageKey | null {
  return /^\d{1,6}$/.test(value.trim()) ? null : 'plan.count.format';
}

/** A goal's figure (4000 个, 10000P): up to four decimals; the target above zero. */
export function goalNumberProblem(value: string, positive: boolean): MessageKey | null {
  const trimmed = value.trim();
  if (!trimmed) return 'plan.goal.numberRequired';
  if (!/^\d{1,16}(\.\d{1,4})?$/.test(trimmed)) return 'plan.goal.numberFormat';
  if (positive && !/[1-9]/.test(trimmed)) return 'plan.goal.targetZero';
  return null;
}

/** Removes trailing zeros the API's numeric columns add ("4000.0000" → "4000"). */
export function plainNumber(value: string): string {
  return trimDecimal(value);
}

/** Whether a decimal string is above zero. */
export function isPositive(value: string): boolean {
  return /[1-9]/.test(value);
}
