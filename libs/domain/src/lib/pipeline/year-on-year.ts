import { formatWan, type Wan } from '../money';

/*
 * 同比 and 资金到位率 (issue 16 §3): each headline figure beside the same window of the previous
 * year, as the one definition of the headline figures (@crm/api/pipeline) computes them in SQL.
 * The cockpit, the leader page, the roll-up and the meeting pack carry the same shape, and word
 * it with yearOnYearWords (Word, Excel, the bulletin) or the web's i18n keys `yoy.*`.
 */

/**
 * Where last year's figure comes from:
 * - system: the product's own figures of the same months of last year (chain_month_total), when
 *   it holds any 签约 or 到位资金 of that year;
 * - baseline-full-year: the office's 往年实绩 (funds_baseline) for a year before the product:
 *   a whole year's 到位资金, so its 同比 is taken only for a full year (January to December).
 */
export type YearOnYearBasis = 'system' | 'baseline-full-year';

/** One figure beside the same window of the previous year. */
export interface YearOnYearFigure<T extends Wan | number = Wan> {
  thisYear: T;
  /** Last year's figure on `basis`; null when there is none (no 同比: "无上年同期数据"). */
  lastYear: T | null;
  basis: YearOnYearBasis | null;
  /**
   * 同比增长 in percent, (this − last) / last × 100, two decimals, half up (PostgreSQL numeric);
   * null without last year's figure, when it is 0, or against a whole-year baseline before December.
   */
  growthRate: string | null;
}

/** The year to date (January to the window's month) of the headline figures against last year's. */
export interface YearOnYearView {
  /** The year compared with (the window's year − 1). */
  previousYear: number;
  /** The last month of the window (1..12): the span is January to it in both years. */
  month: number;
  signedAmount: YearOnYearFigure<Wan>;
  signedProjects: YearOnYearFigure<number>;
  fundsInPlace: YearOnYearFigure<Wan>;
  bigProjects: YearOnYearFigure<number>;
  /** 资金到位率: 到位资金 / 签约额 × 100, year to date, two decimals; null when nothing is signed. */
  fundsToSignedRate: string | null;
}

/**
 * The words beside a figure, Chinese and English: "同比增长12.50%", "同比下降3.00%",
 * "上年同期为0，不计同比", "无上年同期数据", and against a whole-year baseline
 * "对比上年全年实绩（往年录入）" (before December: "上年全年实绩（往年录入）仅作全年对比").
 */
export function yearOnYearWords(f: YearOnYearFigure<Wan | number>): { zh: string; en: string } {
  if (f.lastYear === null || f.basis === null) {
    return { zh: '无上年同期数据', en: 'No data for the same period last year' };
  }
  const baseline = f.basis === 'baseline-full-year';
  if (f.growthRate === null) {
    return baseline
      ? { zh: '上年全年实绩（往年录入）仅作全年对比', en: "Last year's full-year baseline: compared for the full year only" }
      : { zh: '上年同期为0，不计同比', en: 'Same period last year was 0: no growth rate' };
  }
  const down = f.growthRate.startsWith('-');
  const rate = down ? f.growthRate.slice(1) : f.growthRate;
  const zh = `同比${down ? '下降' : '增长'}${rate}%`;
  const en = `${down ? 'Down' : 'Up'} ${rate}% year on year`;
  return baseline
    ? { zh: `${zh}（对比上年全年实绩，往年录入）`, en: `${en} (against last year's full-year baseline)` }
    : { zh, en };
}

/** 上年同期 as a document prints it: the amount or count, "（上年全年）" for a baseline, "无数据" for none. */
export function lastYearText(f: YearOnYearFigure<Wan | number>): string {
  if (f.lastYear === null || f.basis === null) return '无数据';
  const value = typeof f.lastYear === 'number' ? String(f.lastYear) : formatWan(f.lastYear);
  return f.basis === 'baseline-full-year' ? `${value}（上年全年）` : value;
}

/**
 * The 同比 table of a document (roll-up, meeting pack): 指标, 本年累计, 上年同期, 同比, one row per
 * headline figure, then 资金到位率.
 */
export const YEAR_ON_YEAR_HEADERS = ['指标', '本年累计', '上年同期', '同比'];

/**
 * A chain's own big-project rule as a document labels it: "10亿元以上项目" with its threshold
 * (万元); without one (no published target, or a sum over chains with different thresholds)
 * "大项目（各链标准）" — never the city's "亿元以上" for every chain.
 */
export function bigProjectsLabelZh(threshold: Wan | null | undefined): string {
  return threshold === null || threshold === undefined ? '大项目（各链标准）' : `${formatWan(threshold)}以上项目`;
}

/** `bigLabel`: the big-project row's label (bigProjectsLabelZh of the chain's threshold). */
export function yearOnYearRows(v: YearOnYearView, bigLabel = bigProjectsLabelZh(null)): string[][] {
  const row = (label: string, f: YearOnYearFigure<Wan | number>) => [
    label,
    typeof f.thisYear === 'number' ? String(f.thisYear) : formatWan(f.thisYear),
    lastYearText(f),
    yearOnYearWords(f).zh,
  ];
  return [
    row('签约金额', v.signedAmount),
    row('签约项目（个）', v.signedProjects),
    row('到位资金', v.fundsInPlace),
    row(`${bigLabel}（个）`, v.bigProjects),
    ['资金到位率（到位资金÷签约金额）', v.fundsToSignedRate === null ? '—（尚无签约）' : `${v.fundsToSignedRate}%`, '—', '—'],
  ];
}
