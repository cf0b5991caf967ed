import type { Wan } from '../money';
import type { Sector } from './plan.contract';

/**
 * Where last year's figure of a 同比 comes from:
 * - system: the product's own fund entries of the same months of last year (the system has
 *   entries for that year);
 * - baseline-full-year: the office's 往年实绩 (funds_baseline), a whole year's actual, for a year
 *   before the product was used: before December the year to date is set against the whole of
 *   last year;
 * - null: neither exists, so there is nothing to compare with.
 */
export type SectorGrowthBasis = 'system' | 'baseline-full-year';

/** 到位资金同比 of one sector (特色农牧业 / 制造业 / 现代服务业). */
export interface SectorFundsGrowthRow {
  sector: Sector;
  sectorName: string;
  /** 万元: funds in place from January to the month's end of the year (every entry, as the roll-up). */
  thisYear: Wan;
  /** 万元: last year's figure on `basis`; null when there is none. */
  lastYear: Wan | null;
  basis: SectorGrowthBasis | null;
  /** (this − last) / last × 100, two decimals; null when last year is 0 or missing. */
  growthRate: string | null;
  /** The plan's 同比增长 target in percent ("20.00"); null without a published plan or a target. */
  target: string | null;
  /** growthRate ≥ target; null when either is missing. */
  met: boolean | null;
}

/** 分行业到位资金同比: January to the month of the year against the same span of last year. */
export interface SectorFundsGrowthView {
  year: number;
  month: number;
  /** YYYY-MM, the last month counted. */
  throughMonth: string;
  /** Targets are read only from a published plan. */
  planPublished: boolean;
  rows: SectorFundsGrowthRow[];
}
