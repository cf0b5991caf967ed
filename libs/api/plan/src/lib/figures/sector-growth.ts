import {
  SECTOR_LABELS,
  type Sector,
  type SectorFundsGrowthView,
  type SectorGrowthBasis,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';
import { readPlanState } from '../plan-state';

/*
 * 分行业到位资金同比: funds in place per sector (the project's own sector) from January to the
 * month's end, against the same months of last year. Funds in place are counted as the roll-up and
 * chain_month_total count them: every fund entry (verified or not) whose month falls in the span.
 *
 * Last year's figure comes from the product's own fund entries when it holds any for that year
 * (any chain: the product was in use then); otherwise from the office's 往年实绩 (funds_baseline),
 * a whole year's actual, said so by `basis`. The plan's growth target is read only from a
 * published plan. Every sum and the rate are PostgreSQL numeric.
 *
 * $1..$2: this year's months (YYYY-01 .. YYYY-MM); $3..$4: last year's same months; $5: last
 * December; $6: last year; $7: this year; $8: chain ids in scope (NULL: every chain).
 */
const SECTOR_GROWTH_SQL = `
  WITH scope AS (
    SELECT id FROM chain WHERE $8::smallint[] IS NULL OR id = ANY ($8::smallint[])
  ), funds AS (
    SELECT p.sector,
           sum(f.amount) FILTER (WHERE f.month >= $1 AND f.month <= $2) AS this_year,
           sum(f.amount) FILTER (WHERE f.month >= $3 AND f.month <= $4) AS last_year
    FROM fund_arrival f JOIN project p ON p.id = f.project_id
    WHERE p.chain_id IN (SELECT id FROM scope) AND f.month >= $3 AND f.month <= $2
    GROUP BY p.sector
  ), system_has AS (
    SELECT EXISTS (SELECT 1 FROM fund_arrival WHERE month >= $3 AND month <= $5) AS any
  ), baseline AS (
    SELECT sector, sum(amount) AS amount FROM funds_baseline
    WHERE year = $6 AND chain_id IN (SELECT id FROM scope) GROUP BY sector
  ), target AS (
    SELECT g.sector, g.growth_rate FROM sector_growth_target g
    JOIN annual_plan a ON a.year = g.year AND a.status = 'published'
    WHERE g.year = $7
  ), figures AS (
    SELECT s.sector, coalesce(f.this_year, 0) AS this_year,
           CASE WHEN sh.any THEN coalesce(f.last_year, 0) ELSE b.amount END AS last_year,
           CASE WHEN sh.any THEN 'system' WHEN b.amount IS NOT NULL THEN 'baseline-full-year' END AS basis,
           t.growth_rate AS target
    FROM unnest(enum_range(NULL::project_sector)) AS s(sector)
    CROSS JOIN system_has sh
    LEFT JOIN funds f ON f.sector = s.sector
    LEFT JOIN baseline b ON b.sector = s.sector
    LEFT JOIN target t ON t.sector = s.sector
  ), rated AS (
    SELECT figures.*, round((this_year - last_year) * 100 / nullif(last_year, 0), 2) AS growth_rate FROM figures
  )
  SELECT sector::text AS sector, this_year::numeric(24, 6)::text AS this_year,
         last_year::numeric(24, 6)::text AS last_year, basis, growth_rate::text AS growth_rate,
         target::text AS target,
         CASE WHEN growth_rate IS NULL OR target IS NULL THEN NULL ELSE growth_rate >= target END AS met
  FROM rated ORDER BY rated.sector`;

interface SectorGrowthRow {
  sector: Sector;
  this_year: string;
  last_year: string | null;
  basis: SectorGrowthBasis | null;
  growth_rate: string | null;
  target: string | null;
  met: boolean | null;
}

/**
 * Funds in place per sector, January to the month's end of `year`, against last year's same
 * months (or last year's whole-year baseline), with the plan's growth target and whether it is met.
 * chainIds narrows to those chains (a leader's); omitted: the city.
 */
export async function sectorFundsGrowth(
  manager: EntityManager,
  {
    year,
    month,
    chainIds,
  }: { year: number; month: number; chainIds?: number[] },
): Promise<SectorFundsGrowthView> {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12
  ) {
    throw new Error(`sectorFundsGrowth: no such month ${year}-${month}`);
  }
  const mm = String(month).padStart(2, '0');
  const last = year - 1;
  // One after another: inside a transaction (a roll-up build) the queries share one connection.
  const state = await readPlanState(manager, year);
  const rows: SectorGrowthRow[] = await manager.query(SECTOR_GROWTH_SQL, [
    `${year}-01`,
    `${year}-${mm}`,
    `${last}-01`,
    `${last}-${mm}`,
    `${last}-12`,
    last,
    year,
    chainIds ?? null,
  ]);
  const published = state === 'published';
  return {
    year,
    month,
    throughMonth: `${year}-${mm}`,
    planPublished: published,
    rows: rows.map((r) => ({
      sector: r.sector,
      sectorName: SECTOR_LABELS[r.sector],
      thisYear: r.this_year,
      lastYear: r.last_year,
      basis: r.basis,
      growthRate: r.growth_rate,
      target: published ? r.target : null,
      met: published ? r.met : null,
    })),
  };
}
