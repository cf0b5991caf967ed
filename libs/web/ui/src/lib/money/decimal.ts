/**
 * Exact arithmetic on the decimal strings the API sends for money (万元, PostgreSQL numeric).
 * A JS number would turn 0.1 + 0.2 into 0.30000000000000004; BigInt on a scaled value does not.
 */
import { isWanAmount } from '@crm/domain';

/** A decimal as an integer count of 10^-scale. */
interface Scaled {
  units: bigint;
  scale: number;
}

const TEN = BigInt(10);
const ZERO = BigInt(0);

function parse(value: string): Scaled {
  const trimmed = value.trim();
  if (!isWanAmount(trimmed)) {
    throw new Error(`Not a decimal amount: "${value}"`);
  }
  const [intPart, fracPart = ''] = trimmed.split('.');
  return { units: BigInt(intPart + fracPart), scale: fracPart.length };
}

function rescale({ units, scale }: Scaled, to: number): bigint {
  return to >= scale
    ? units * TEN ** BigInt(to - scale)
    : units / TEN ** BigInt(scale - to);
}

function toText({ units, scale }: Scaled): string {
  const negative = units < ZERO;
  const digits = (negative ? -units : units)
    .toString()
    .padStart(scale + 1, '0');
  const head = digits.slice(0, digits.length - scale);
  const tail = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (negative ? '-' : '') + head + (tail ? `.${tail}` : '');
}

/** Half-up rounding to `places` decimals, exactly. */
function round(value: Scaled, places: number): Scaled {
  if (value.scale <= places) {
    return value;
  }
  const divisor = TEN ** BigInt(value.scale - places);
  const half = divisor / BigInt(2);
  const magnitude = value.units < ZERO ? -value.units : value.units;
  const rounded = (magnitude + half) / divisor;
  return { units: value.units < ZERO ? -rounded : rounded, scale: places };
}

/** Sums decimal strings exactly: ["1400000.000000", "400000"] → "1800000". */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  const units = parsed.reduce((sum, p) => sum + rescale(p, scale), ZERO);
  return toText({ units, scale });
}

function groupThousands(decimal: string): string {
  const [intPart, fracPart] = decimal.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fracPart ? `${grouped}.${fracPart}` : grouped;
}

/** Divides by 10^places exactly (a negative `places` multiplies). */
function shift(value: Scaled, places: number): Scaled {
  const scale = value.scale + places;
  return scale >= 0
    ? { units: value.units, scale }
    : { units: value.units * TEN ** BigInt(-scale), scale: 0 };
}

/**
 * English display of an amount in 万元: "1400000" → "CNY 14 billion", "500" → "CNY 5 million".
 * Chinese display stays with `formatWan` from @crm/domain (亿元 / 万元).
 */
export function formatWanEn(wan: string): string {
  const yuan = shift(parse(wan), -4);
  // Pick the unit after rounding, so 999,999,999.9 yuan reads "1 billion", not "1000 million".
  const billions = round(shift(yuan, 9), 2);
  if (atLeastOne(billions)) {
    return `CNY ${groupThousands(toText(billions))} billion`;
  }
  const millions = round(shift(yuan, 6), 2);
  if (atLeastOne(millions)) {
    return `CNY ${toText(millions)} million`;
  }
  return `CNY ${groupThousands(toText(round(yuan, 2)))}`;
}

/**
 * Chinese display of an amount in 万元 rounded (half-up, exactly) to `places` decimals of the unit
 * shown: "1962834.11" → "196.28亿元", "35.555" → "35.56万元". For figures read at a glance (board
 * columns, targets); `formatWan` from @crm/domain keeps every decimal.
 */
export function formatWanZh(wan: string, places: number): string {
  const value = parse(wan);
  // Pick the unit after rounding, so 9999.999 万元 reads "1亿元", not "10000万元".
  const yi = round(shift(value, 4), places);
  if (atLeastOne(yi)) {
    return `${toText(yi)}亿元`;
  }
  return `${toText(round(value, places))}万元`;
}

function atLeastOne({ units, scale }: Scaled): boolean {
  return (units < ZERO ? -units : units) >= TEN ** BigInt(scale);
}

/**
 * A big-project threshold (万元) as a label states it: "100000" → "10亿元" (zh) / "CNY 1 billion"
 * (en), for "10亿元以上项目" / "Projects of CNY 1 billion+".
 */
export function thresholdText(wan: string, lang: string): string {
  return lang === 'en' ? formatWanEn(wan) : formatWanZh(wan, 2);
}

/**
 * The one big-project threshold the chains share (万元), or null when they differ or one has none:
 * a sum over chains with different thresholds is labelled "大项目（各链标准）", never "亿元以上".
 */
export function sharedThreshold(thresholds: readonly (string | null | undefined)[]): string | null {
  if (!thresholds.length || thresholds.some((t) => t === null || t === undefined)) return null;
  const shown = new Set(thresholds.map((t) => toText(parse(t as string))));
  return shown.size === 1 ? [...shown][0] : null;
}
