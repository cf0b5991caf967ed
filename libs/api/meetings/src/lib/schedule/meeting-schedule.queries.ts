/*
 * 月调度会日程 SQL. A month is given by its first day ($1, YYYY-MM-01).
 */

/** A 月调度会 of the chain recorded in the month $1. */
export function HELD_IN_MONTH(chain: string): string {
  return `SELECT 1 FROM meeting m JOIN meeting_chain mc ON mc.meeting_id = m.id
          WHERE mc.chain_id = ${chain} AND m.kind = 'monthly-dispatch'
            AND m.held_on >= $1::date AND m.held_on < ($1::date + interval '1 month')`;
}

/**
 * Each chain with its schedule and the month's earliest recorded 月调度会; all chains when $2,
 * else those of $3.
 */
export const SCHEDULE_ROWS = `
  SELECT c.id, c.code, c.name_zh, s.day_of_month, coalesce(s.remind_days_before, $4::int) AS remind_days_before,
         coalesce(s.version, 0) AS version, h.id AS held_id, h.held_on::text AS held_on
  FROM chain c
  LEFT JOIN meeting_schedule s ON s.chain_id = c.id
  LEFT JOIN LATERAL (
    SELECT m.id, m.held_on FROM meeting m JOIN meeting_chain mc ON mc.meeting_id = m.id
    WHERE mc.chain_id = c.id AND m.kind = 'monthly-dispatch'
      AND m.held_on >= $1::date AND m.held_on < ($1::date + interval '1 month')
    ORDER BY m.held_on, m.created_at, m.id LIMIT 1
  ) h ON true
  WHERE $2::boolean OR c.id = ANY ($3::int[])
  ORDER BY c.sort_order, c.id`;

/**
 * The notices of the month ($1) that have fallen due by today ($2) and are not yet sent: 'due'
 * from remind_days_before days before the scheduled day up to the day, 'missing' after it; none
 * once a 月调度会 of the chain is recorded in the month. A 'due' notice whose window passed in an
 * outage is not sent late: the 'missing' one says more.
 */
export const NOTICES_DUE = `
  SELECT c.id AS chain_id, c.name_zh, n.kind, n.scheduled_on::text AS scheduled_on
  FROM meeting_schedule s
  JOIN chain c ON c.id = s.chain_id
  CROSS JOIN LATERAL (SELECT make_date(extract(year FROM $1::date)::int, extract(month FROM $1::date)::int, s.day_of_month) AS scheduled_on) d
  CROSS JOIN LATERAL (
    SELECT 'due' AS kind, d.scheduled_on WHERE $2::date BETWEEN d.scheduled_on - s.remind_days_before AND d.scheduled_on
    UNION ALL
    SELECT 'missing', d.scheduled_on WHERE $2::date > d.scheduled_on
  ) n
  WHERE s.day_of_month IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM meeting_schedule_notice_sent x WHERE x.chain_id = s.chain_id AND x.month = $1::date AND x.kind = n.kind)
    AND NOT EXISTS (${HELD_IN_MONTH('s.chain_id')})
  ORDER BY c.sort_order, c.id, n.kind`;

/**
 * Who is told: for 'due', the chair's office, the active staff of the chain's lead responsible
 * unit, and the users who lead the chain; for 'missing', the office (市招商办) and the chain's
 * leaders. Leaders and units as they are on the day of the run. $1 = chain id, $2 = kind,
 * $3 = today (Shanghai).
 */
export const RECIPIENTS = `
  SELECT DISTINCT u.id FROM app_user u
  WHERE u.active AND (
    ('leader' = ANY (u.roles) AND u.person_id IN (SELECT person_id FROM chain_leaders_on($3::date) WHERE chain_id = $1))
    OR ($2 = 'due' AND 'staff' = ANY (u.roles)
        AND u.unit_id IN (SELECT unit_id FROM chain_units_on($3::date) WHERE chain_id = $1 AND is_lead AND role = 'responsible'))
    OR ($2 = 'missing' AND 'office' = ANY (u.roles))
  )
  ORDER BY u.id`;
