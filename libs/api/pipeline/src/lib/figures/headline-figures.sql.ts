/*
 * The SQL of the headline figures (headline-figures.ts). Not exported from the library: other
 * areas call the functions, never the text.
 */

/** Money leaves PostgreSQL as numeric text with the ledgers' six decimals. */
export const MONEY = (sql: string) => `(${sql})::numeric(24, 6)::text`;
/** actual / of × 100, two decimals, rounded half up in numeric; null without a target. */
export const RATE = (actual: string, of: string) =>
  `round((${actual}) * 100.0 / nullif(${of}, 0), 2)::text`;
/** 同比增长: (this − last) / last × 100, two decimals, half up in numeric; null when last is null or 0. */
export const GROWTH = (thisYear: string, lastYear: string) =>
  `round(((${thisYear}) - (${lastYear})) * 100.0 / nullif(${lastYear}, 0), 2)::text`;

/**
 * Month by month from January to month $3 of year $2, per chain ($4 true) or summed over the
 * chains $1 (chain_id null): the month's figures, the quarter and the year to date, and each
 * against the year's target (rate), an even pace (序时进度: target × m / 12; for the count of
 * 亿元以上项目 the whole number of projects due, ceil(target × m / 12)) and the gap.
 *
 * The figures come from chain_month_total, kept by triggers in the transaction of every ledger
 * change (and checked against a full recount by ChainMonthTotalsService): agreements dated in the
 * month of projects now at 项目签约 or later (amount; initial agreements = projects first signed),
 * fund entries of the month (all; verified), and 亿元以上项目 counted in the month their signed
 * amount to date first reached the chain's threshold for the year of their first signing. The
 * threshold, like every target, counts only from the year's published plan: before it is
 * published no project is big.
 *
 * Summed over the city ($5), the signed and funds targets are the plan's city totals, the
 * big-project target the sum of the chains' required counts.
 *
 * 同比 (issue 16 §3): beside each figure, the same months of the previous year from
 * chain_month_total (prev_*), when the system holds any 签约 or 到位资金 of that year (any chain:
 * the product was in use then; prev_basis 'system'). Otherwise, for a year before the product,
 * the office's 往年实绩 (funds_baseline: that year's whole-year funds in place per chain and
 * sector, summed over the chains) stands for 到位资金 only (prev_basis 'baseline-full-year'): it
 * is a whole year, so its 同比 is taken only at month 12. Neither: prev_basis null, no 同比 (never
 * 0%). 亿元以上项目 of last year exist only if that year's plan was published (its thresholds).
 * 资金到位率 = 到位资金 / 签约额 × 100, year to date, two decimals.
 */
export const MONTH_ROWS = `
  WITH plan AS (
    SELECT * FROM annual_plan WHERE year = $2::integer AND status = 'published'
  ), months AS (
    SELECT m, to_char(make_date($2::integer, m, 1), 'YYYY-MM') AS month,
           to_char(make_date($2::integer - 1, m, 1), 'YYYY-MM') AS prev_month
    FROM generate_series(1, $3::integer) AS m
  ), prev_plan AS (
    SELECT 1 FROM annual_plan WHERE year = $2::integer - 1 AND status = 'published'
  ), prev_has AS (
    SELECT EXISTS (
      SELECT 1 FROM chain_month_total
      WHERE month >= to_char(make_date($2::integer - 1, 1, 1), 'YYYY-MM')
        AND month <= to_char(make_date($2::integer - 1, 12, 1), 'YYYY-MM')
        AND (signed_amount <> 0 OR signed_count <> 0 OR funds_in_place <> 0)
    ) AS has
  ), baseline AS (
    SELECT CASE WHEN $4::boolean THEN chain_id END AS chain_id, sum(amount) AS amount
    FROM funds_baseline WHERE year = $2::integer - 1 AND chain_id = ANY ($1::smallint[]) GROUP BY 1
  ), cells AS (
    SELECT c.id AS chain_id, months.m,
           coalesce(t.signed_amount, 0) AS signed, coalesce(t.signed_count, 0) AS signed_n,
           coalesce(t.funds_in_place, 0) AS funds, coalesce(t.funds_in_place_verified, 0) AS verified,
           CASE WHEN EXISTS (SELECT 1 FROM plan) THEN coalesce(t.big_count, 0) ELSE 0 END AS big,
           coalesce(pt.signed_amount, 0) AS p_signed, coalesce(pt.signed_count, 0) AS p_signed_n,
           coalesce(pt.funds_in_place, 0) AS p_funds,
           CASE WHEN EXISTS (SELECT 1 FROM prev_plan) THEN coalesce(pt.big_count, 0) ELSE 0 END AS p_big
    FROM unnest($1::smallint[]) AS c(id) CROSS JOIN months
    LEFT JOIN chain_month_total t ON t.chain_id = c.id AND t.month = months.month
    LEFT JOIN chain_month_total pt ON pt.chain_id = c.id AND pt.month = months.prev_month
  ), per AS (
    SELECT CASE WHEN $4::boolean THEN chain_id END AS chain_id, m,
           sum(signed) AS signed, sum(signed_n) AS signed_n, sum(funds) AS funds, sum(verified) AS verified,
           sum(big) AS big,
           sum(p_signed) AS p_signed, sum(p_signed_n) AS p_signed_n, sum(p_funds) AS p_funds, sum(p_big) AS p_big
    FROM cells GROUP BY 1, 2
  ), target AS (
    SELECT CASE WHEN $4::boolean THEN ct.chain_id END AS chain_id,
           CASE WHEN $5::boolean THEN min(plan.city_signed_amount) ELSE sum(ct.signed_amount) END AS signed,
           CASE WHEN $5::boolean THEN min(plan.city_funds_in_place) ELSE sum(ct.funds_in_place) END AS funds,
           sum(ct.big_project_min_count)::integer AS big,
           CASE WHEN $4::boolean THEN min(ct.big_project_threshold) END AS threshold
    FROM chain_target ct JOIN plan ON plan.year = ct.year
    WHERE ct.chain_id = ANY ($1::smallint[]) GROUP BY 1
  ), cum AS (
    SELECT per.*, sum(signed) OVER y AS signed_cum, sum(signed_n) OVER y AS signed_n_cum,
           sum(funds) OVER y AS funds_cum, sum(verified) OVER y AS verified_cum, sum(big) OVER y AS big_cum,
           sum(signed) OVER q AS signed_q, sum(signed_n) OVER q AS signed_n_q, sum(funds) OVER q AS funds_q,
           sum(p_signed) OVER y AS p_signed_cum, sum(p_signed_n) OVER y AS p_signed_n_cum,
           sum(p_funds) OVER y AS p_funds_cum, sum(p_big) OVER y AS p_big_cum,
           sum(p_signed) OVER q AS p_signed_q, sum(p_signed_n) OVER q AS p_signed_n_q, sum(p_funds) OVER q AS p_funds_q
    FROM per
    WINDOW y AS (PARTITION BY chain_id ORDER BY m), q AS (PARTITION BY chain_id, (m - 1) / 3 ORDER BY m)
  ), paced AS (
    SELECT cum.*, t.signed AS t_signed, t.funds AS t_funds, t.big AS t_big, t.threshold,
           round(t.signed * cum.m / 12, 2) AS signed_pace, round(t.funds * cum.m / 12, 2) AS funds_pace,
           -- A count's pace is whole: the projects due by month m, ceil(target × m / 12) (5 a year:
           -- 3 by June, not 2.5), so its gap (落后序时 2 个) is whole too.
           ceil(t.big::numeric * cum.m / 12)::integer AS big_pace
    FROM cum LEFT JOIN target t ON t.chain_id IS NOT DISTINCT FROM cum.chain_id
  ), prev AS (
    -- Last year's figures on their basis: the system's same months, or (到位资金 only) the baseline.
    SELECT paced.*,
           CASE WHEN ph.has THEN 'system' WHEN b.amount IS NOT NULL THEN 'baseline-full-year' END AS prev_basis,
           CASE WHEN ph.has THEN p_funds_cum WHEN b.amount IS NOT NULL THEN b.amount END AS p_funds_ytd,
           CASE WHEN ph.has OR paced.m = 12 THEN
             CASE WHEN ph.has THEN p_funds_cum ELSE b.amount END
           END AS p_funds_ytd_comparable
    FROM paced CROSS JOIN prev_has ph
    LEFT JOIN baseline b ON b.chain_id IS NOT DISTINCT FROM paced.chain_id
  )
  SELECT chain_id, m,
         ${MONEY('signed')} AS signed, signed_n::integer, ${MONEY('signed_q')} AS signed_q, signed_n_q::integer,
         ${MONEY('signed_cum')} AS signed_cum, signed_n_cum::integer,
         ${MONEY('funds')} AS funds, ${MONEY('funds_q')} AS funds_q, ${MONEY('funds_cum')} AS funds_cum,
         ${MONEY('verified_cum')} AS verified_cum, big_cum::integer,
         ${MONEY('t_signed')} AS t_signed, ${MONEY('t_funds')} AS t_funds, t_big, ${MONEY('threshold')} AS threshold,
         ${RATE('signed_cum', 't_signed')} AS signed_rate,
         signed_pace::text, (signed_cum - signed_pace)::numeric(24, 6)::text AS signed_gap,
         ${RATE('signed_cum', 'signed_pace')} AS signed_pace_rate,
         ${RATE('funds_cum', 't_funds')} AS funds_rate,
         funds_pace::text, (funds_cum - funds_pace)::numeric(24, 6)::text AS funds_gap,
         ${RATE('funds_cum', 'funds_pace')} AS funds_pace_rate,
         ${RATE('verified_cum', 't_funds')} AS verified_rate,
         ${RATE('big_cum', 't_big')} AS big_rate,
         big_pace::text, (big_cum - big_pace)::text AS big_gap,
         ${RATE('big_cum', 'big_pace')} AS big_pace_rate,
         ${RATE('funds_cum', 'signed_cum')} AS funds_to_signed_rate,
         prev_basis,
         CASE WHEN prev_basis = 'system' THEN ${MONEY('p_signed')} END AS p_signed,
         CASE WHEN prev_basis = 'system' THEN ${MONEY('p_signed_q')} END AS p_signed_q,
         CASE WHEN prev_basis = 'system' THEN ${MONEY('p_signed_cum')} END AS p_signed_cum,
         CASE WHEN prev_basis = 'system' THEN p_signed_n::integer END AS p_signed_n,
         CASE WHEN prev_basis = 'system' THEN p_signed_n_q::integer END AS p_signed_n_q,
         CASE WHEN prev_basis = 'system' THEN p_signed_n_cum::integer END AS p_signed_n_cum,
         CASE WHEN prev_basis = 'system' THEN ${MONEY('p_funds')} END AS p_funds,
         CASE WHEN prev_basis = 'system' THEN ${MONEY('p_funds_q')} END AS p_funds_q,
         ${MONEY('p_funds_ytd')} AS p_funds_cum,
         -- Without last year's published plan nothing was counted big then: no figure, not 0.
         CASE WHEN prev_basis = 'system' AND EXISTS (SELECT 1 FROM prev_plan) THEN p_big_cum::integer END AS p_big_cum,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed', 'p_signed')} END AS yoy_signed,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed_q', 'p_signed_q')} END AS yoy_signed_q,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed_cum', 'p_signed_cum')} END AS yoy_signed_cum,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed_n', 'p_signed_n')} END AS yoy_signed_n,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed_n_q', 'p_signed_n_q')} END AS yoy_signed_n_q,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('signed_n_cum', 'p_signed_n_cum')} END AS yoy_signed_n_cum,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('funds', 'p_funds')} END AS yoy_funds,
         CASE WHEN prev_basis = 'system' THEN ${GROWTH('funds_q', 'p_funds_q')} END AS yoy_funds_q,
         ${GROWTH('funds_cum', 'p_funds_ytd_comparable')} AS yoy_funds_cum,
         CASE WHEN prev_basis = 'system' AND EXISTS (SELECT 1 FROM prev_plan) THEN ${GROWTH('big_cum', 'p_big_cum')} END AS yoy_big_cum
  FROM prev ORDER BY chain_id, m`;

/** The chains' targets of the year ($1), from its published plan only; $2 the chains. */
export const CHAIN_TARGETS = `
  SELECT t.chain_id, t.year, ${MONEY('t.signed_amount')} AS signed, t.signed_at_least,
         ${MONEY('t.big_project_threshold')} AS threshold, t.big_project_min_count AS min,
         t.big_project_at_least AS big_at_least, ${MONEY('t.funds_in_place')} AS funds, t.funds_at_least
  FROM chain_target t JOIN annual_plan a ON a.year = t.year AND a.status = 'published'
  WHERE t.year = $1 AND t.chain_id = ANY ($2::smallint[])`;

/** The city's targets of the year ($1) from its published plan; big projects = the chains' counts summed. */
export const CITY_TARGETS = `
  SELECT ${MONEY('a.city_signed_amount')} AS signed, a.city_signed_at_least AS signed_at_least,
         ${MONEY('a.city_funds_in_place')} AS funds, a.city_funds_at_least AS funds_at_least,
         (SELECT sum(big_project_min_count)::integer FROM chain_target WHERE year = a.year) AS big
  FROM annual_plan a WHERE a.year = $1 AND a.status = 'published'`;

/**
 * Projects now in each stage per chain ($1 chains, $2 statuses): count, planned investment and
 * signed amount, from pipeline_stage_total (kept by trigger; PipelineTotalsService checks it).
 */
export const STAGE_TOTALS = `
  SELECT chain_id, stage, sum(project_count)::integer AS count,
         ${MONEY('sum(planned_investment)')} AS planned, ${MONEY('sum(signed_amount)')} AS signed
  FROM pipeline_stage_total
  WHERE chain_id = ANY ($1::smallint[]) AND status = ANY ($2::project_status[])
  GROUP BY chain_id, stage`;

/**
 * 签约额 over a span of days that is not whole months ($2 ≤ signed_on < $3), per chain ($1), by
 * the same rule as chain_month_total: agreements of projects now at 项目签约 or later.
 */
export const SIGNED_BETWEEN = `
  SELECT p.chain_id, ${MONEY('sum(a.amount)')} AS amount, count(*)::integer AS agreements,
         (count(*) FILTER (WHERE a.kind = 'initial'))::integer AS first_signed
  FROM project_agreement a JOIN project p ON p.id = a.project_id
  WHERE p.chain_id = ANY ($1::smallint[]) AND p.stage >= 'signed' AND a.signed_on >= $2::date AND a.signed_on < $3::date
  GROUP BY p.chain_id`;

/**
 * The projects behind an 亿元以上项目 count (the project list's ?bigBy=YYYY-MM, linked from the
 * figure): at 项目签约 or later, first signed in the month's year by the month's end (`end`, the
 * first day after it), and signed that much by then, against the chain's threshold in the year's
 * published plan. The same rule chain_month_total counts by.
 */
export function bigProjectBy(end: string): string {
  return `p.stage >= 'signed' AND p.signed_on >= date_trunc('year', ${end} - 1)::date AND p.signed_on < ${end}
    AND (SELECT sum(a.amount) FROM project_agreement a WHERE a.project_id = p.id AND a.signed_on < ${end})
        >= (SELECT t.big_project_threshold FROM chain_target t
            JOIN annual_plan ap ON ap.year = t.year AND ap.status = 'published'
            WHERE t.chain_id = p.chain_id AND t.year = date_part('year', ${end} - 1))`;
}

/**
 * The projects signed most in a span of days (from ≤ signed on < to), by the rule of 签约额: the
 * agreements of projects at 项目签约 or later, summed per project; the largest first.
 */
export const TOP_SIGNED = `
  SELECT p.id, p.name, c.name_zh AS chain_name, ${MONEY('sum(a.amount)')} AS amount, max(a.signed_on)::text AS signed_on
  FROM project_agreement a JOIN project p ON p.id = a.project_id JOIN chain c ON c.id = p.chain_id
  WHERE p.chain_id = ANY ($1::smallint[]) AND p.stage >= 'signed' AND a.signed_on >= $2::date AND a.signed_on < $3::date
  GROUP BY p.id, p.name, c.name_zh
  ORDER BY sum(a.amount) DESC, p.name
  LIMIT $4`;
