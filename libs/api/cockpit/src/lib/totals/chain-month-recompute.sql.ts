/**
 * chain_month_total recomputed from the records alone, written independently of the trigger's
 * functions: every month of the first signing's year is tried (generate_series) where the
 * triggers try only the months an agreement falls in. Used to check the kept totals.
 */
export const CHAIN_MONTH_RECOMPUTED = `
  WITH signed AS (
    SELECT p.chain_id, to_char(a.signed_on, 'YYYY-MM') AS month, sum(a.amount) AS amount,
           count(*) FILTER (WHERE a.kind = 'initial') AS n
    FROM project_agreement a JOIN project p ON p.id = a.project_id
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
      SELECT f.id, f.chain_id, min(to_char(m, 'YYYY-MM')) AS month
      FROM firsts f
      CROSS JOIN generate_series(date_trunc('month', f.signed_on), date_trunc('year', f.signed_on) + interval '11 months',
                                 interval '1 month') AS m
      WHERE (SELECT coalesce(sum(a.amount), 0) FROM project_agreement a
             WHERE a.project_id = f.id AND a.signed_on < m + interval '1 month') >= f.threshold
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
