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

/**
 * From the whole stage history, in one statement (one snapshot) with the chain_stage_history
 * version it was read at: how many projects of the chain ever reached each stage (their furthest
 * stage, dropped ones included), and the completed stays in each stage — from a move into it to
 * the project's next move — with their median in whole days (percentile_disc: the lower middle
 * value, an actual stay). Costly at scale; ChainStageHistory keeps the answer per version.
 */
export const STAGE_HISTORY = `
  WITH v AS (SELECT version::text FROM chain_stage_history WHERE chain_id = $1),
  furthest AS (
    SELECT p.id, greatest(p.stage, max(m.to_stage)) AS stage
    FROM project p LEFT JOIN project_stage_move m ON m.project_id = p.id
    WHERE p.chain_id = $1
    GROUP BY p.id
  ), reached AS (
    SELECT jsonb_object_agg(stage, n) AS j FROM (
      SELECT s.stage, count(f.id)::integer AS n
      FROM unnest(enum_range(NULL::project_stage)) AS s(stage)
      LEFT JOIN furthest f ON f.stage >= s.stage
      GROUP BY s.stage
    ) r
  ), stays AS (
    SELECT m.to_stage AS stage, m.moved_at AS entered,
           lead(m.moved_at) OVER (PARTITION BY m.project_id ORDER BY m.moved_at, m.id) AS left_at
    FROM project_stage_move m JOIN project p ON p.id = m.project_id
    WHERE p.chain_id = $1
  ), completed AS (
    SELECT jsonb_object_agg(stage, jsonb_build_object('n', n, 'median', median)) AS j FROM (
      SELECT stage, count(*)::integer AS n,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM left_at - entered) / 86400))::integer AS median
      FROM stays WHERE left_at IS NOT NULL GROUP BY stage
    ) c
  )
  SELECT (SELECT version FROM v) AS version, reached.j AS reached, coalesce(completed.j, '{}'::jsonb) AS completed
  FROM reached, completed`;

/**
 * The projects now in each stage (active and paused) and the median of their days in it, counted
 * from the stage's business date (project.stage_since: 签约日期, 供地批复日期, 开工日期, 竣工投产日期,
 * or the day the stage was reached as the user gave it) to today ($2, the clock's Shanghai day): the
 * count from pipeline_stage_total, the median read by position from the partial index on
 * (chain, stage, stage_since) — the same value percentile_disc(0.5) gives over the days, without
 * sorting the chain's projects.
 */
export const CURRENT_STAYS = `
  WITH n AS (
    SELECT stage, sum(project_count)::integer AS n
    FROM pipeline_stage_total WHERE chain_id = $1 AND status IN ('active', 'paused')
    GROUP BY stage HAVING sum(project_count) > 0
  )
  SELECT n.stage, n.n AS current,
         (SELECT $2::date - p.stage_since
          FROM project p
          WHERE p.chain_id = $1 AND p.stage = n.stage AND p.status IN ('active', 'paused')
          ORDER BY p.stage_since DESC
          OFFSET ceil(n.n / 2.0)::integer - 1 LIMIT 1) AS current_median
  FROM n`;

/**
 * The active projects longest in their stage (not yet 竣工投产), as ?sort=stageEnteredAt&order=asc lists them: by the stage's business date
 * (stage_since, as the alerts count), days to today ($2); the entry time stays for the audit.
 */
export const STUCK = `
  SELECT ${PROJECT_REF_COLUMNS}, p.stage_entered_at, p.stage_since::text AS since,
         $2::date - p.stage_since AS days
  FROM project p ${PROJECT_REF_JOINS}
  WHERE p.chain_id = $1 AND p.status = 'active' AND p.stage <> 'production'
  ORDER BY p.stage_since, p.id
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

/**
 * Each unit serving the chain on the page's day ($2: the month's last day, or today in the current
 * month), with its latest submitted report (submitted, returned or accepted), under the unit's name
 * in that report's period (on the day when it has none).
 */
export const REPORTS = `
  SELECT DISTINCT ON (u.id) u.id AS unit_id,
         unit_name_on(u.id, coalesce((to_date(r.period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date, $2::date)) AS unit_name,
         cu.role, cu.is_lead,
         r.period::text AS period, r.state, r.submitted_at, r.late, r.work_done, r.problems, r.next_month_plan
  FROM chain_units_on($2::date) cu
  JOIN unit u ON u.id = cu.unit_id
  LEFT JOIN LATERAL (
    -- The latest period through the partial index (unit_id, period) of submitted reports: the
    -- planner would otherwise walk the period index backwards for every unit.
    SELECT * FROM monthly_report r
    WHERE r.unit_id = u.id AND r.period = (
      SELECT max(x.period) FROM monthly_report x WHERE x.unit_id = u.id AND x.submitted_at IS NOT NULL
    )
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
