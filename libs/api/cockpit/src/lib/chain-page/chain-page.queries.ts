/*
 * The leader page's SQL, one chain ($1 = chain id) at a time. Dates leave as text; money as
 * numeric text; day counts as integers.
 */
import { PROJECT_REF_COLUMNS, PROJECT_REF_JOINS } from '../common/project-ref.rows';

/** Projects now in each stage (active and paused), from pipeline_stage_total (kept by trigger). */
export const FUNNEL = `
  SELECT stage, sum(project_count)::integer AS count, sum(planned_investment)::text AS planned,
         sum(signed_amount)::text AS signed
  FROM pipeline_stage_total WHERE chain_id = $1 AND status IN ('active', 'paused')
  GROUP BY stage`;

/** How many projects of the chain ever reached each stage (furthest stage in their history). */
export const REACHED = `
  WITH furthest AS (
    SELECT p.id, greatest(p.stage, max(m.to_stage)) AS stage
    FROM project p LEFT JOIN project_stage_move m ON m.project_id = p.id
    WHERE p.chain_id = $1
    GROUP BY p.id
  )
  SELECT s.stage, count(f.id)::integer AS reached
  FROM unnest(enum_range(NULL::project_stage)) AS s(stage)
  LEFT JOIN furthest f ON f.stage >= s.stage
  GROUP BY s.stage`;

/**
 * Stays in each stage: from a move into it to the next move of the project (completed), or to now
 * for the projects in it today (active and paused). Whole days; the median is the lower middle
 * value (percentile_disc), an actual stay.
 */
export const DURATIONS = `
  WITH stays AS (
    SELECT m.to_stage AS stage, m.moved_at AS entered,
           lead(m.moved_at) OVER (PARTITION BY m.project_id ORDER BY m.moved_at, m.id) AS left_at
    FROM project_stage_move m JOIN project p ON p.id = m.project_id
    WHERE p.chain_id = $1
  ), completed AS (
    SELECT stage, count(*)::integer AS n,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM left_at - entered) / 86400)) AS median
    FROM stays WHERE left_at IS NOT NULL GROUP BY stage
  ), current AS (
    SELECT stage, count(*)::integer AS n,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM now() - stage_entered_at) / 86400)) AS median
    FROM project WHERE chain_id = $1 AND status IN ('active', 'paused') GROUP BY stage
  )
  SELECT s.stage, coalesce(c.n, 0) AS completed, c.median::integer AS completed_median,
         coalesce(n.n, 0) AS current, n.median::integer AS current_median
  FROM unnest(enum_range(NULL::project_stage)) AS s(stage)
  LEFT JOIN completed c ON c.stage = s.stage
  LEFT JOIN current n ON n.stage = s.stage`;

/** The active projects longest in their stage (not yet 竣工投产), as ?sort=stageEnteredAt&order=asc. */
export const STUCK = `
  SELECT ${PROJECT_REF_COLUMNS}, p.stage_entered_at,
         floor(extract(epoch FROM now() - p.stage_entered_at) / 86400)::integer AS days
  FROM project p ${PROJECT_REF_JOINS}
  WHERE p.chain_id = $1 AND p.status = 'active' AND p.stage <> 'production'
  ORDER BY p.stage_entered_at, p.id
  LIMIT 10`;

/** 重大项目 not dropped: the furthest stage first, then the largest. */
export const MAJOR = `
  SELECT ${PROJECT_REF_COLUMNS}
  FROM project p ${PROJECT_REF_JOINS}
  WHERE p.chain_id = $1 AND p.major AND p.status <> 'dropped'
  ORDER BY p.stage DESC, coalesce(p.amount, 0) DESC, p.id
  LIMIT 50`;

/** Follow-ups planned before today ($2) on active projects, the most overdue first. */
export const OVERDUE = `
  SELECT ${PROJECT_REF_COLUMNS}, p.next_follow_up_on::text AS due_on, $2::date - p.next_follow_up_on AS days,
         p.last_activity_on::text AS last_activity_on
  FROM project p ${PROJECT_REF_JOINS}
  WHERE p.chain_id = $1 AND p.status = 'active' AND p.next_follow_up_on < $2::date
  ORDER BY p.next_follow_up_on, p.id
  LIMIT 20`;

/** How many follow-ups are overdue (an index-only count on the partial follow-up index). */
export const OVERDUE_COUNT = `
  SELECT count(*)::integer AS n FROM project p
  WHERE p.chain_id = $1 AND p.status = 'active' AND p.next_follow_up_on < $2::date`;

/** Each unit serving the chain, with its latest submitted report (submitted, returned or accepted). */
export const REPORTS = `
  SELECT DISTINCT ON (u.id) u.id AS unit_id, u.name AS unit_name, cu.role, cu.is_lead,
         r.period::text AS period, r.state, r.submitted_at, r.late, r.work_done, r.problems, r.next_month_plan
  FROM chain_unit cu
  JOIN unit u ON u.id = cu.unit_id
  LEFT JOIN LATERAL (
    SELECT * FROM monthly_report r WHERE r.unit_id = u.id AND r.submitted_at IS NOT NULL
    ORDER BY r.period DESC LIMIT 1
  ) r ON true
  WHERE cu.chain_id = $1
  ORDER BY u.id, cu.role, cu.is_lead DESC`;

/** 重点任务 of the chain for the year ($2) and the projects linked to each. */
export const KEY_TASKS = `
  SELECT k.id, k.seq, k.text,
         count(p.id)::integer AS project_count,
         count(p.id) FILTER (WHERE p.status = 'active')::integer AS active_count,
         max(p.stage) FILTER (WHERE p.status <> 'dropped') AS furthest,
         coalesce(sum(p.signed_amount) FILTER (WHERE p.stage >= 'signed'), 0)::text AS signed,
         coalesce(sum(p.funds_in_place), 0)::text AS funds,
         ARRAY(SELECT q.stage::text FROM project q WHERE q.key_task_id = k.id AND q.status <> 'dropped') AS stages
  FROM key_task k LEFT JOIN project p ON p.key_task_id = k.id
  WHERE k.chain_id = $1 AND k.year = $2
  GROUP BY k.id
  ORDER BY k.seq`;
