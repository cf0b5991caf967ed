/**
 * chain_month_total recomputed from the records alone, written independently of the trigger's
 * functions: the statistical windows are laid out here from the office's cut-offs (the 25th and 31
 * December by default; January from 1 January, each other period from the day after the previous
 * cut-off), events joined to the window holding their date, and every period of the first
 * signing's year is tried (where the triggers try only the periods an agreement falls in).
 */
export const CHAIN_MONTH_RECOMPUTED = `
  WITH years AS (
    SELECT generate_series(coalesce(min(date_part('year', signed_on))::int, 2000),
                           coalesce(max(date_part('year', signed_on))::int, 2000)) AS y
    FROM project_agreement
  ), cut AS (
    SELECT to_char(make_date(y, m, 1), 'YYYY-MM') AS month, m,
           coalesce(c.cutoff, CASE WHEN m = 12 THEN make_date(y, 12, 31) ELSE make_date(y, m, 25) END) AS last_day
    FROM years CROSS JOIN generate_series(1, 12) AS m
    LEFT JOIN stat_period_cutoff c ON c.period = to_char(make_date(y, m, 1), 'YYYY-MM')
  ), win AS (
    SELECT month, last_day,
           CASE WHEN m = 1 THEN date_trunc('year', last_day)::date
                ELSE lag(last_day) OVER (ORDER BY month) + 1 END AS first_day
    FROM cut
  ), signed AS (
    SELECT p.chain_id, w.month, sum(a.amount) AS amount,
           count(*) FILTER (WHERE a.kind = 'initial') AS n
    FROM project_agreement a JOIN project p ON p.id = a.project_id
    JOIN win w ON a.signed_on BETWEEN w.first_day AND w.last_day
    WHERE p.stage IN ('signed', 'land', 'construction', 'production')
    GROUP BY 1, 2
  ), funds AS (
    SELECT p.chain_id, f.month::text AS month, sum(f.amount) AS amount,
           coalesce(sum(f.amount) FILTER (WHERE f.verified), 0) AS verified
    FROM fund_arrival f JOIN project p ON p.id = f.project_id
    GROUP BY 1, 2
  ), firsts AS (
    SELECT p.id, p.chain_id, i.signed_on, t.big_project_threshold AS threshold
    FROM project p
    JOIN project_agreement i ON i.project_id = p.id AND i.kind = 'initial'
    JOIN chain_target t ON t.chain_id = p.chain_id AND t.year = date_part('year', i.signed_on)
    WHERE p.stage IN ('signed', 'land', 'construction', 'production')
  ), big AS (
    SELECT chain_id, month, count(*) AS n FROM (
      SELECT f.id, f.chain_id, min(w.month) AS month
      FROM firsts f
      JOIN win w ON w.last_day >= f.signed_on AND date_part('year', w.last_day) = date_part('year', f.signed_on)
      WHERE (SELECT coalesce(sum(a.amount), 0) FROM project_agreement a
             WHERE a.project_id = f.id AND a.signed_on <= w.last_day) >= f.threshold
      GROUP BY f.id, f.chain_id
    ) b GROUP BY 1, 2
  )
  SELECT chain_id, month, coalesce(sum(s_amount), 0) AS signed_amount, coalesce(sum(s_n), 0)::integer AS signed_count,
         coalesce(sum(f_amount), 0) AS funds_in_place, coalesce(sum(f_verified), 0) AS funds_in_place_verified,
         coalesce(sum(b_n), 0)::integer AS big_count
  FROM (
    SELECT chain_id, month, amount AS s_amount, n AS s_n, NULL::numeric AS f_amount, NULL::numeric AS f_verified,
           NULL::bigint AS b_n FROM signed
    UNION ALL SELECT chain_id, month, NULL, NULL, amount, verified, NULL FROM funds
    UNION ALL SELECT chain_id, month, NULL, NULL, NULL, NULL, n FROM big
  ) x
  GROUP BY chain_id, month`;

/** Keys where the kept totals and the recomputation differ (all-zero kept rows count as absent). */
export const CHAIN_MONTH_DISCREPANCIES = `
  WITH kept AS (
    SELECT chain_id, month::text AS month, signed_amount, signed_count, funds_in_place, funds_in_place_verified, big_count
    FROM chain_month_total
    WHERE signed_amount <> 0 OR signed_count <> 0 OR funds_in_place <> 0 OR funds_in_place_verified <> 0 OR big_count <> 0
  ), recomputed AS (${CHAIN_MONTH_RECOMPUTED})
  SELECT concat_ws('/', coalesce(k.chain_id, r.chain_id), coalesce(k.month, r.month)) AS key,
         concat_ws(' ', k.signed_amount, k.signed_count, k.funds_in_place, k.funds_in_place_verified, k.big_count) AS kept,
         concat_ws(' ', r.signed_amount, r.signed_count, r.funds_in_place, r.funds_in_place_verified, r.big_count) AS recomputed
  FROM kept k FULL JOIN recomputed r USING (chain_id, month)
  WHERE (k.signed_amount, k.signed_count, k.funds_in_place, k.funds_in_place_verified, k.big_count)
        IS DISTINCT FROM (r.signed_amount, r.signed_count, r.funds_in_place, r.funds_in_place_verified, r.big_count)
  ORDER BY 1`;
