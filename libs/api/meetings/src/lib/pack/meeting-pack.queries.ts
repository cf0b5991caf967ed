/*
 * The meeting pack's own SQL, one chain ($1 = chain id) at a time. Dates are Shanghai calendar
 * dates and leave as text; rates are computed in PostgreSQL numeric.
 */
/**
 * The meeting before this one ($1 = meeting id) sharing any of the chains ($2), held before its
 * date ($3); the latest recorded first when two fall on the same day.
 */
export const PREVIOUS_MEETING = `
  SELECT m.id, m.kind, m.held_on::text AS held_on
  FROM meeting m
  WHERE m.id <> $1 AND m.held_on < $3::date
    AND EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = m.id AND mc.chain_id = ANY ($2::int[]))
  ORDER BY m.held_on DESC, m.created_at DESC, m.id
  LIMIT 1`;

/** The same day a month before ($1), as PostgreSQL computes it (the month's last day when shorter). */
export const MONTH_BEFORE = `SELECT ($1::date - interval '1 month')::date::text AS since`;

/**
 * Stage moves of the chain's projects dated (Shanghai) after $2 up to and including $3, latest
 * first; the projects as the cockpit shows them come from its projectRefsById.
 */
export const STAGE_MOVES = `
  SELECT sm.project_id, sm.from_stage, sm.to_stage,
         (sm.moved_at AT TIME ZONE 'Asia/Shanghai')::date::text AS moved_on
  FROM project_stage_move sm
  JOIN project p ON p.id = sm.project_id
  WHERE p.chain_id = $1
    AND (sm.moved_at AT TIME ZONE 'Asia/Shanghai')::date > $2::date
    AND (sm.moved_at AT TIME ZONE 'Asia/Shanghai')::date <= $3::date
  ORDER BY sm.moved_at DESC, sm.id DESC`;

/**
 * 需协调解决的问题: for each unit serving the chain on the meeting's day ($3), its latest submitted
 * or accepted report of a period up to the meeting's month ($2, YYYY-MM), under the unit's name in
 * that period; units whose report names no problem are left out. The lead unit first, then
 * responsible before cooperating, in the plan's order.
 */
export const PROBLEMS = `
  WITH units AS (
    SELECT unit_id, bool_or(is_lead) AS is_lead, min(role) AS role, min(sort_order) AS sort_order
    FROM chain_units_on($3::date) WHERE chain_id = $1 GROUP BY unit_id
  )
  SELECT u.id AS unit_id,
         unit_name_on(u.id, (to_date(r.period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date) AS unit_name,
         r.period, r.problems
  FROM units cu
  JOIN unit u ON u.id = cu.unit_id
  JOIN LATERAL (
    SELECT r.period::text AS period, r.problems FROM monthly_report r
    WHERE r.unit_id = u.id AND r.state IN ('submitted', 'accepted') AND r.period <= $2
    ORDER BY r.period DESC LIMIT 1
  ) r ON true
  WHERE btrim(r.problems) <> ''
  ORDER BY cu.is_lead DESC, cu.role, cu.sort_order, u.id`;

