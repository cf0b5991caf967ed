import {
  SIGNED_STAGES,
  type AmountMeasure,
  type ChainTargetView,
  type CockpitChainFigures,
  type CockpitTrendSeries,
  type CockpitView,
  type CountMeasure,
  type ProjectListQuery,
} from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chainRef, type CockpitChain } from '../common/cockpit-chains';
import type { CockpitPeriod } from '../common/cockpit-period';

/** One chain's (or the scope's) figures at the end of month m of the year, from chain_month_total. */
export interface MonthRow {
  chain_id: number | null;
  m: number;
  signed: string;
  signed_cum: string;
  signed_n_cum: number;
  funds: string;
  funds_cum: string;
  verified_cum: string;
  big_cum: number;
  t_signed: string | null;
  t_funds: string | null;
  t_big: number | null;
  signed_rate: string | null;
  signed_pace: string | null;
  signed_gap: string | null;
  signed_pace_rate: string | null;
  funds_rate: string | null;
  funds_pace: string | null;
  funds_gap: string | null;
  funds_pace_rate: string | null;
  verified_rate: string | null;
  big_rate: string | null;
  big_pace: string | null;
  big_gap: string | null;
  big_pace_rate: string | null;
}

/**
 * Month by month from January, per chain or summed over chains: the month's figures, the year to
 * date, and each against the annual target (rate), an even pace (target × m / 12) and the gap.
 * Targets are read only from the year's published plan; summed over the city ($5), the signed and
 * funds targets are the plan's city totals (annual_plan), not the chains' sum.
 * All arithmetic in PostgreSQL numeric: exact, no floating point.
 */
const MONTH_ROWS = `
  WITH months AS (
    SELECT m, to_char(make_date($2::integer, m, 1), 'YYYY-MM') AS month FROM generate_series(1, $3::integer) AS m
  ), cells AS (
    SELECT c.id AS chain_id, months.m,
           coalesce(t.signed_amount, 0) AS signed, coalesce(t.signed_count, 0) AS signed_n,
           coalesce(t.funds_in_place, 0) AS funds, coalesce(t.funds_in_place_verified, 0) AS verified,
           coalesce(t.big_count, 0) AS big
    FROM unnest($1::smallint[]) AS c(id) CROSS JOIN months
    LEFT JOIN chain_month_total t ON t.chain_id = c.id AND t.month = months.month
  ), per AS (
    SELECT CASE WHEN $4::boolean THEN chain_id END AS chain_id, m,
           sum(signed) AS signed, sum(signed_n) AS signed_n, sum(funds) AS funds, sum(verified) AS verified,
           sum(big) AS big
    FROM cells GROUP BY 1, 2
  ), plan AS (
    SELECT * FROM annual_plan WHERE year = $2::integer AND status = 'published'
  ), target AS (
    SELECT CASE WHEN $4::boolean THEN ct.chain_id END AS chain_id,
           CASE WHEN $5::boolean THEN min(plan.city_signed_amount) ELSE sum(ct.signed_amount) END AS signed,
           CASE WHEN $5::boolean THEN min(plan.city_funds_in_place) ELSE sum(ct.funds_in_place) END AS funds,
           sum(ct.big_project_min_count)::integer AS big
    FROM chain_target ct JOIN plan ON plan.year = ct.year
    WHERE ct.chain_id = ANY ($1::smallint[]) GROUP BY 1
  ), cum AS (
    SELECT per.*, sum(signed) OVER w AS signed_cum, sum(signed_n) OVER w AS signed_n_cum,
           sum(funds) OVER w AS funds_cum, sum(verified) OVER w AS verified_cum, sum(big) OVER w AS big_cum
    FROM per WINDOW w AS (PARTITION BY chain_id ORDER BY m)
  ), paced AS (
    SELECT cum.*, t.signed AS t_signed, t.funds AS t_funds, t.big AS t_big,
           round(t.signed * cum.m / 12, 2) AS signed_pace, round(t.funds * cum.m / 12, 2) AS funds_pace,
           round(t.big::numeric * cum.m / 12, 2) AS big_pace
    FROM cum LEFT JOIN target t ON t.chain_id IS NOT DISTINCT FROM cum.chain_id
  )
  SELECT chain_id, m, signed::text, signed_cum::text, signed_n_cum::integer, funds::text, funds_cum::text,
         verified_cum::text, big_cum::integer,
         t_signed::text, t_funds::text, t_big,
         round(signed_cum * 100 / nullif(t_signed, 0), 2)::text AS signed_rate,
         signed_pace::text, (signed_cum - signed_pace)::text AS signed_gap,
         round(signed_cum * 100 / nullif(signed_pace, 0), 2)::text AS signed_pace_rate,
         round(funds_cum * 100 / nullif(t_funds, 0), 2)::text AS funds_rate,
         funds_pace::text, (funds_cum - funds_pace)::text AS funds_gap,
         round(funds_cum * 100 / nullif(funds_pace, 0), 2)::text AS funds_pace_rate,
         round(verified_cum * 100 / nullif(t_funds, 0), 2)::text AS verified_rate,
         round(big_cum * 100.0 / nullif(t_big, 0), 2)::text AS big_rate,
         big_pace::text, (big_cum - big_pace)::text AS big_gap,
         round(big_cum * 100 / nullif(big_pace, 0), 2)::text AS big_pace_rate
  FROM paced ORDER BY chain_id, m`;

/** The cockpit's figures, read from chain_month_total (kept by triggers), never from the ledgers. */
@Injectable()
export class ChainFiguresService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows for months 1..period.month: per chain (perChain) or summed over the chains (chain_id null).
   * city: the sum is the whole city's, measured against the plan's city totals.
   */
  monthRows(chainIds: number[], period: CockpitPeriod, perChain: boolean, city = false): Promise<MonthRow[]> {
    return this.dataSource.query(MONTH_ROWS, [chainIds, period.year, period.month, perChain, city && !perChain]);
  }

  /**
   * The city's targets for the year as its published plan writes them (annual_plan), each "at
   * least" or exact; bigProjects is the sum of the chains' required counts. Null without a
   * published plan.
   */
  async cityTargets(year: number): Promise<CityTargets> {
    const [r] = await this.dataSource.query(
      `SELECT a.city_signed_amount::text AS signed, a.city_signed_at_least AS signed_at_least,
              a.city_funds_in_place::text AS funds, a.city_funds_at_least AS funds_at_least,
              (SELECT sum(big_project_min_count)::integer FROM chain_target WHERE year = a.year) AS big
       FROM annual_plan a WHERE a.year = $1 AND a.status = 'published'`,
      [year],
    );
    return r
      ? { signedAmount: r.signed, signedAtLeast: r.signed_at_least, fundsInPlace: r.funds, fundsAtLeast: r.funds_at_least, bigProjects: r.big }
      : { signedAmount: null, signedAtLeast: false, fundsInPlace: null, fundsAtLeast: false, bigProjects: null };
  }

  /** The chains' targets of the year, from its published plan only (none for a draft or no plan). */
  async targets(chainIds: number[], year: number): Promise<Map<number, ChainTargetView>> {
    const rows: {
      chain_id: number;
      year: number;
      signed: string;
      signed_at_least: boolean;
      threshold: string;
      min: number;
      big_at_least: boolean;
      funds: string;
      funds_at_least: boolean;
    }[] = await this.dataSource.query(
      `SELECT t.chain_id, t.year, t.signed_amount::text AS signed, t.signed_at_least,
              t.big_project_threshold::text AS threshold, t.big_project_min_count AS min,
              t.big_project_at_least AS big_at_least, t.funds_in_place::text AS funds, t.funds_at_least
       FROM chain_target t JOIN annual_plan a ON a.year = t.year AND a.status = 'published'
       WHERE t.year = $1 AND t.chain_id = ANY ($2::smallint[])`,
      [year, chainIds],
    );
    return new Map(
      rows.map((r) => [
        r.chain_id,
        {
          year: r.year,
          signedAmount: r.signed,
          signedAtLeast: r.signed_at_least,
          bigProjectThreshold: r.threshold,
          bigProjectMinCount: r.min,
          bigProjectAtLeast: r.big_at_least,
          fundsInPlace: r.funds,
          fundsAtLeast: r.funds_at_least,
        },
      ]),
    );
  }
}

export type CityTargets = CockpitView['totals']['cityTargets'];

/** The links behind each figure, for one chain (or every chain the user may read when chain is null). */
export function figureQueries(chain: CockpitChain | null, period: CockpitPeriod) {
  const scope: ProjectListQuery = chain ? { chain: chain.code } : {};
  return {
    signedAmount: { ...scope, stage: SIGNED_STAGES, agreementFrom: period.yearStart, agreementTo: period.monthEnd },
    signedProjects: { ...scope, stage: SIGNED_STAGES, signedFrom: period.yearStart, signedTo: period.monthEnd },
    fundsInPlace: { ...scope, fundsFrom: `${period.year}-01`, fundsTo: period.asOf },
    bigProjects: { ...scope, bigBy: period.asOf },
  } satisfies Record<string, ProjectListQuery>;
}

export function measures(row: MonthRow, queries: ReturnType<typeof figureQueries>) {
  const signedAmount: AmountMeasure = {
    actual: row.signed_cum,
    target: row.t_signed,
    rate: row.signed_rate,
    pace: row.signed_pace,
    gap: row.t_signed === null ? null : row.signed_gap,
    paceRate: row.signed_pace_rate,
    query: queries.signedAmount,
  };
  const fundsInPlace: AmountMeasure = {
    actual: row.funds_cum,
    target: row.t_funds,
    rate: row.funds_rate,
    pace: row.funds_pace,
    gap: row.t_funds === null ? null : row.funds_gap,
    paceRate: row.funds_pace_rate,
    query: queries.fundsInPlace,
  };
  const bigProjects: CountMeasure = {
    actual: row.big_cum,
    target: row.t_big,
    rate: row.big_rate,
    pace: row.big_pace,
    gap: row.t_big === null ? null : row.big_gap,
    paceRate: row.big_pace_rate,
    query: queries.bigProjects,
  };
  return {
    signedAmount,
    fundsInPlace,
    bigProjects,
    signedProjects: { count: row.signed_n_cum, query: queries.signedProjects },
    fundsInPlaceVerified: { actual: row.verified_cum, rate: row.verified_rate },
  };
}

/** A chain's figures at the chosen month (its last row). */
export function chainFigures(
  chain: CockpitChain,
  rows: MonthRow[],
  target: ChainTargetView | null,
  period: CockpitPeriod,
): CockpitChainFigures {
  const last = rows[rows.length - 1];
  return { chain: chainRef(chain), target, ...measures(last, figureQueries(chain, period)) };
}

/** The month-by-month series of one chain (or the totals, chain null). */
export function trendSeries(chain: CockpitChain | null, rows: MonthRow[]): CockpitTrendSeries {
  const withTarget = rows.length > 0 && rows[0].t_signed !== null;
  const withFunds = rows.length > 0 && rows[0].t_funds !== null;
  return {
    chain: chain ? chainRef(chain) : null,
    signedAmount: rows.map((r) => r.signed),
    signedAmountCumulative: rows.map((r) => r.signed_cum),
    fundsInPlace: rows.map((r) => r.funds),
    fundsInPlaceCumulative: rows.map((r) => r.funds_cum),
    bigProjectsCumulative: rows.map((r) => r.big_cum),
    signedPace: withTarget ? rows.map((r) => r.signed_pace as string) : null,
    fundsPace: withFunds ? rows.map((r) => r.funds_pace as string) : null,
  };
}
