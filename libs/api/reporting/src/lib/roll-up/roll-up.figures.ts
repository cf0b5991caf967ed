import { actionItemCompletionByChain, completionOf, type ActionItemCompletionRow } from '@crm/api/core';
import {
  dueInstant,
  rankChains,
  RANKING_FORMULA,
  shanghaiToday,
  RANKING_WEIGHTS,
  STAGES,
  type ChainCode,
  type MonthlyReportState,
  type PipelineStageTotal,
  type RollUpActionItems,
  type RollUpChainFigures,
  type RollUpCityTotals,
  type RollUpFigures,
  type RollUpKeyTask,
  type RollUpMajorProject,
  type RollUpMonthPoint,
  type RollUpProblem,
  type RollUpUnitRow,
  type RollUpUnitStatus,
  type Stage,
  type TargetMeasure,
} from '@crm/domain';
import { keyTaskProgress, planMissing, readPlanState, sectorFundsGrowth } from '@crm/api/plan';
import type { EntityManager } from 'typeorm';

/*
 * The roll-up's figures, every sum made by PostgreSQL. The definitions are the chain progress's
 * (ChainPipelineService.progress): signed amount = agreements dated in the window, of projects now
 * at 项目签约 or later; signed projects = projects whose initial agreement is dated in the window;
 * big projects = projects first signed in the year to date whose agreements by the period's end
 * reach the chain's threshold; funds in place = entries of the window's months. New leads and
 * stage moves are instants taken against Asia/Shanghai month bounds, as in the unit's report.
 *
 * $1 is the period (YYYY-MM). The windows are: the month, the quarter to the month, the year to
 * the month. The city is the sum of the chains. Targets (and the big-project threshold) are read
 * only from the year's published plan: the chains' own, and for the city the plan's city totals
 * (annual_plan) for signing and funds, the sum of the chains' required counts for big projects.
 */
const WINDOWS = `
  t AS (
    SELECT to_date($1, 'YYYY-MM') AS month_first,
           date_trunc('quarter', to_date($1, 'YYYY-MM'))::date AS quarter_first,
           date_trunc('year', to_date($1, 'YYYY-MM'))::date AS year_first,
           (to_date($1, 'YYYY-MM') + interval '1 month')::date AS next_first,
           date_trunc('year', to_date($1, 'YYYY-MM'))::timestamp AT TIME ZONE 'Asia/Shanghai' AS year_at,
           (to_date($1, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS end_at,
           extract(year FROM to_date($1, 'YYYY-MM'))::int AS year
  ),
  ev AS (
    SELECT p.chain_id, date_trunc('month', a.signed_on)::date AS month, 'signed' AS kind, 0 AS n, a.amount
    FROM project_agreement a JOIN project p ON p.id = a.project_id, t
    WHERE p.stage >= 'signed' AND a.signed_on >= t.year_first AND a.signed_on < t.next_first
    UNION ALL
    SELECT p.chain_id, date_trunc('month', p.signed_on)::date, 'first-signed', 1, 0
    FROM project p, t
    WHERE p.stage >= 'signed' AND p.signed_on >= t.year_first AND p.signed_on < t.next_first
    UNION ALL
    SELECT p.chain_id, to_date(f.month, 'YYYY-MM'), 'funds', 0, f.amount
    FROM fund_arrival f JOIN project p ON p.id = f.project_id, t
    WHERE f.month >= to_char(t.year_first, 'YYYY-MM') AND f.month <= $1
    UNION ALL
    SELECT p.chain_id, date_trunc('month', p.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'lead', 1, 0
    FROM project p, t
    WHERE p.created_at >= t.year_at AND p.created_at < t.end_at
    UNION ALL
    SELECT p.chain_id, date_trunc('month', m.moved_at AT TIME ZONE 'Asia/Shanghai')::date, 'move', 1, 0
    FROM project_stage_move m JOIN project p ON p.id = m.project_id, t
    WHERE m.from_stage IS NOT NULL AND m.moved_at >= t.year_at AND m.moved_at < t.end_at
  )`;

/** A measure over a window: count or sum, never null. */
const count = (kind: string, window: string) =>
  `coalesce(sum(ev.n) FILTER (WHERE ev.kind = '${kind}'${window}), 0)::int`;
const amount = (kind: string, window: string) =>
  `coalesce(sum(ev.amount) FILTER (WHERE ev.kind = '${kind}'${window}), 0)`;
const MONTH = ` AND ev.month = t.month_first`;
const QUARTER = ` AND ev.month >= t.quarter_first`;
const YEAR = '';

const MONEY = (column: string) => `${column}::numeric(24, 6)::text`;
const RATE = (actual: string, target: string) =>
  `round(${actual} * 100.0 / nullif(${target}, 0), 2)::text`;

interface WindowRow {
  chain_id: number | null;
  signed_n_m: number;
  signed_m: string;
  signed_n_q: number;
  signed_q: string;
  signed_n_y: number;
  signed_y: string;
  funds_m: string;
  funds_q: string;
  funds_y: string;
  leads_m: number;
  moves_m: number;
  big_n: number;
  major_n: number;
  target_signed: string | null;
  target_funds: string | null;
  target_big: number | null;
  threshold: string | null;
  signed_rate: string | null;
  funds_rate: string | null;
  big_rate: string | null;
}

const WINDOW_SQL = `
  WITH ${WINDOWS},
  agg AS (
    SELECT ev.chain_id,
      ${count('first-signed', MONTH)} AS signed_n_m, ${amount('signed', MONTH)} AS signed_m,
      ${count('first-signed', QUARTER)} AS signed_n_q, ${amount('signed', QUARTER)} AS signed_q,
      ${count('first-signed', YEAR)} AS signed_n_y, ${amount('signed', YEAR)} AS signed_y,
      ${amount('funds', MONTH)} AS funds_m, ${amount('funds', QUARTER)} AS funds_q, ${amount('funds', YEAR)} AS funds_y,
      ${count('lead', MONTH)} AS leads_m, ${count('move', MONTH)} AS moves_m
    FROM ev, t GROUP BY ev.chain_id
  ),
  big AS (
    SELECT p.chain_id, count(*)::int AS n
    FROM project p, t, chain_target ct JOIN annual_plan ap ON ap.year = ct.year AND ap.status = 'published'
    WHERE ct.chain_id = p.chain_id AND ct.year = t.year
      AND p.stage >= 'signed' AND p.signed_on >= t.year_first AND p.signed_on < t.next_first
      AND (SELECT sum(a.amount) FROM project_agreement a WHERE a.project_id = p.id AND a.signed_on < t.next_first)
          >= ct.big_project_threshold
    GROUP BY p.chain_id
  ),
  major AS (
    SELECT chain_id, count(*)::int AS n FROM project WHERE major AND status <> 'dropped' GROUP BY chain_id
  ),
  per_chain AS (
    SELECT c.id AS chain_id, c.sort_order,
      coalesce(agg.signed_n_m, 0) AS signed_n_m, coalesce(agg.signed_m, 0) AS signed_m,
      coalesce(agg.signed_n_q, 0) AS signed_n_q, coalesce(agg.signed_q, 0) AS signed_q,
      coalesce(agg.signed_n_y, 0) AS signed_n_y, coalesce(agg.signed_y, 0) AS signed_y,
      coalesce(agg.funds_m, 0) AS funds_m, coalesce(agg.funds_q, 0) AS funds_q, coalesce(agg.funds_y, 0) AS funds_y,
      coalesce(agg.leads_m, 0) AS leads_m, coalesce(agg.moves_m, 0) AS moves_m,
      coalesce(big.n, 0) AS big_n, coalesce(major.n, 0) AS major_n,
      ct.signed_amount AS target_signed, ct.funds_in_place AS target_funds,
      ct.big_project_min_count::int AS target_big, ct.big_project_threshold AS threshold
    FROM chain c
    LEFT JOIN agg ON agg.chain_id = c.id
    LEFT JOIN big ON big.chain_id = c.id
    LEFT JOIN major ON major.chain_id = c.id
    LEFT JOIN chain_target ct ON ct.chain_id = c.id AND ct.year = (SELECT year FROM t)
      AND EXISTS (SELECT 1 FROM annual_plan ap WHERE ap.year = ct.year AND ap.status = 'published')
  ),
  city_plan AS (
    SELECT city_signed_amount, city_funds_in_place FROM annual_plan
    WHERE year = (SELECT year FROM t) AND status = 'published'
  ),
  all_rows AS (
    SELECT * FROM per_chain
    UNION ALL
    SELECT NULL, NULL, sum(signed_n_m)::int, sum(signed_m), sum(signed_n_q)::int, sum(signed_q),
      sum(signed_n_y)::int, sum(signed_y), sum(funds_m), sum(funds_q), sum(funds_y),
      sum(leads_m)::int, sum(moves_m)::int, sum(big_n)::int, sum(major_n)::int,
      (SELECT city_signed_amount FROM city_plan), (SELECT city_funds_in_place FROM city_plan), sum(target_big)::int, NULL
    FROM per_chain
  )
  SELECT chain_id, signed_n_m, ${MONEY('signed_m')} AS signed_m, signed_n_q, ${MONEY('signed_q')} AS signed_q,
    signed_n_y, ${MONEY('signed_y')} AS signed_y,
    ${MONEY('funds_m')} AS funds_m, ${MONEY('funds_q')} AS funds_q, ${MONEY('funds_y')} AS funds_y,
    leads_m, moves_m, big_n, major_n,
    ${MONEY('target_signed')} AS target_signed, ${MONEY('target_funds')} AS target_funds, target_big,
    ${MONEY('threshold')} AS threshold,
    ${RATE('signed_y', 'target_signed')} AS signed_rate, ${RATE('funds_y', 'target_funds')} AS funds_rate,
    ${RATE('big_n', 'target_big')} AS big_rate
  FROM all_rows ORDER BY chain_id IS NULL, sort_order, chain_id`;

interface SeriesRow {
  chain_id: number | null;
  month: string;
  signed_n: number;
  signed: string;
  funds: string;
  leads: number;
  moves: number;
}

/** Month by month, per chain and for the city (grouping sets: the sums stay in SQL). */
const SERIES_SQL = `
  WITH ${WINDOWS}
  SELECT CASE WHEN GROUPING(ev.chain_id) = 1 THEN NULL ELSE ev.chain_id END AS chain_id,
    to_char(ev.month, 'YYYY-MM') AS month,
    ${count('first-signed', YEAR)} AS signed_n, ${MONEY(amount('signed', YEAR))} AS signed,
    ${MONEY(amount('funds', YEAR))} AS funds, ${count('lead', YEAR)} AS leads, ${count('move', YEAR)} AS moves
  FROM ev, t GROUP BY GROUPING SETS ((ev.chain_id, ev.month), (ev.month))`;

const ZERO = '0.000000';

interface ChainRow {
  id: number;
  code: ChainCode;
  name: string;
}

/** The roll-up figures of the period, read from the live tables at `takenAt`. */
export async function rollUpFigures(
  manager: EntityManager,
  period: string,
  takenAt: Date,
): Promise<RollUpFigures> {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const chains: ChainRow[] = await manager.query(
    `SELECT id, code, name_zh AS name FROM chain ORDER BY sort_order, id`,
  );
  // One after another: inside a transaction the queries share one connection.
  const windows: WindowRow[] = await manager.query(WINDOW_SQL, [period]);
  const series: SeriesRow[] = await manager.query(SERIES_SQL, [period]);
  const pipeline = await pipelineByChain(manager);
  const majors = await majorProjects(manager);
  const tasks = await keyTasks(manager, year, month);
  const units = await unitRows(manager, period);
  const problems = await problemRows(manager, period);
  const completion = await actionItemCompletionByChain(
    manager,
    actionItemsAsOf(period, takenAt),
  );
  // Until the year's plan is published there is nothing to measure against: no ranking.
  const state = await readPlanState(manager, year);
  const plan = state === 'published' ? null : planMissing(year, state);
  const sectorGrowth = await sectorFundsGrowth(manager, { year, month });
  const [marks]: { signed_at_least: boolean; funds_at_least: boolean }[] =
    await manager.query(
      `SELECT city_signed_at_least AS signed_at_least, city_funds_at_least AS funds_at_least
       FROM annual_plan WHERE year = $1 AND status = 'published'`,
      [year],
    );

  const months = Array.from(
    { length: month },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  );
  const seriesOf = (chainId: number | null): RollUpMonthPoint[] =>
    months.map((m) => {
      const r = series.find((s) => s.chain_id === chainId && s.month === m);
      return {
        period: m,
        signed: { count: r?.signed_n ?? 0, amount: r?.signed ?? ZERO },
        fundsInPlace: r?.funds ?? ZERO,
        newLeads: r?.leads ?? 0,
        stageMoves: r?.moves ?? 0,
      };
    });

  const cityRow = windows.find((w) => w.chain_id === null) as WindowRow;
  const city: RollUpCityTotals = {
    ...cityTotals(cityRow),
    signedAtLeast: marks?.signed_at_least ?? false,
    fundsAtLeast: marks?.funds_at_least ?? false,
  };
  const chainFigures: RollUpChainFigures[] = chains.map((c) => {
    const w = windows.find((r) => r.chain_id === c.id) as WindowRow;
    return {
      chainId: c.id,
      chainCode: c.code,
      chainName: c.name,
      signedMonth: { count: w.signed_n_m, amount: w.signed_m },
      signedYearToDate: {
        count: w.signed_n_y,
        ...measure(w.signed_y, w.target_signed, w.signed_rate),
      },
      fundsMonth: w.funds_m,
      fundsYearToDate: measure(w.funds_y, w.target_funds, w.funds_rate),
      bigProjects: {
        count: w.big_n,
        threshold: w.threshold,
        target: w.target_big,
        rate: w.big_rate,
      },
      pipeline: pipeline.get(c.id) ?? emptyPipeline(),
      newLeads: w.leads_m,
      stageMoves: w.moves_m,
      majorProjects: majors.get(c.id) ?? [],
      keyTasks: tasks.get(c.id) ?? [],
      actionItems: actionItems(completion.find((r) => r.id === c.id)),
    };
  });

  const ranking = plan
    ? []
    : rankChains(
        chainFigures.map((c) => ({
          chainCode: c.chainCode,
          signedRate: c.signedYearToDate.rate,
          fundsRate: c.fundsYearToDate.rate,
          bigProjectRate: c.bigProjects.rate,
        })),
      );
  const quarter = Math.ceil(month / 3);
  return {
    period,
    year,
    yearToDateLabel: month === 1 ? '1月' : `1-${month}月`,
    takenAt: takenAt.toISOString(),
    plan,
    sectorGrowth,
    city,
    chains: chainFigures,
    units,
    problems,
    quarter: {
      year,
      quarter,
      fromPeriod: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}`,
      toPeriod: period,
      formula: RANKING_FORMULA,
      weights: RANKING_WEIGHTS,
      rows: ranking.map((r) => {
        const c = chainFigures.find(
          (x) => x.chainCode === r.chainCode,
        ) as RollUpChainFigures;
        const w = windows.find((x) => x.chain_id === c.chainId) as WindowRow;
        return {
          ...r,
          chainName: c.chainName,
          quarterSigned: { count: w.signed_n_q, amount: w.signed_q },
          quarterFunds: w.funds_q,
          actionItemRate: c.actionItems?.rate ?? null,
        };
      }),
    },
    yearView: {
      year,
      toPeriod: period,
      totals: city,
      chains: chainFigures.map((c) => ({
        chainCode: c.chainCode,
        chainName: c.chainName,
        signedYearToDate: c.signedYearToDate,
        fundsYearToDate: c.fundsYearToDate,
        bigProjects: {
          count: c.bigProjects.count,
          target: c.bigProjects.target,
          rate: c.bigProjects.rate,
        },
        months: seriesOf(c.chainId),
      })),
      months: seriesOf(null),
    },
  };
}

/**
 * The date the 交办事项 are counted at: the period's month end, or the Shanghai day the figures
 * are taken if that is earlier (a roll-up of the running month counts nothing not yet due).
 */
export function actionItemsAsOf(period: string, takenAt: Date): string {
  const [y, m] = period.split('-').map(Number);
  const monthEnd = `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const today = shanghaiToday(takenAt);
  return today < monthEnd ? today : monthEnd;
}

function actionItems(row: ActionItemCompletionRow | undefined): RollUpActionItems {
  return { ...completionOf(row), open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

function measure(
  actual: string,
  target: string | null,
  rate: string | null,
): TargetMeasure {
  return { actual, target, rate };
}

function cityTotals(w: WindowRow): RollUpCityTotals {
  return {
    signedMonth: { count: w.signed_n_m, amount: w.signed_m },
    signedYearToDate: {
      count: w.signed_n_y,
      ...measure(w.signed_y, w.target_signed, w.signed_rate),
    },
    fundsMonth: w.funds_m,
    fundsYearToDate: measure(w.funds_y, w.target_funds, w.funds_rate),
    bigProjects: { count: w.big_n, target: w.target_big, rate: w.big_rate },
    newLeads: w.leads_m,
    stageMoves: w.moves_m,
    majorProjectCount: w.major_n,
  };
}

function emptyPipeline(): PipelineStageTotal[] {
  return STAGES.map((stage) => ({
    stage,
    count: 0,
    plannedInvestment: ZERO,
    signedAmount: ZERO,
  }));
}

/** Projects now in each stage, active and paused, from pipeline_stage_total (kept by trigger). */
async function pipelineByChain(
  manager: EntityManager,
): Promise<Map<number, PipelineStageTotal[]>> {
  const rows: {
    chain_id: number;
    stage: Stage;
    count: number;
    planned: string;
    signed: string;
  }[] = await manager.query(
    `SELECT chain_id, stage, sum(project_count)::int AS count,
              ${MONEY('sum(planned_investment)')} AS planned, ${MONEY('sum(signed_amount)')} AS signed
       FROM pipeline_stage_total WHERE status IN ('active', 'paused') GROUP BY chain_id, stage`,
  );
  const byChain = new Map<number, PipelineStageTotal[]>();
  for (const chainId of new Set(rows.map((r) => r.chain_id))) {
    byChain.set(
      chainId,
      STAGES.map((stage) => {
        const r = rows.find((x) => x.chain_id === chainId && x.stage === stage);
        return {
          stage,
          count: r?.count ?? 0,
          plannedInvestment: r?.planned ?? ZERO,
          signedAmount: r?.signed ?? ZERO,
        };
      }),
    );
  }
  return byChain;
}

/** 重大项目 not dropped, largest first. */
async function majorProjects(
  manager: EntityManager,
): Promise<Map<number, RollUpMajorProject[]>> {
  const rows: (RollUpMajorProject & { chain_id: number })[] =
    await manager.query(
      `SELECT p.chain_id, p.id, p.name, p.stage, p.status,
            ${MONEY('p.planned_investment')} AS "plannedInvestment",
            CASE WHEN p.stage >= 'signed' THEN ${MONEY('p.signed_amount')} END AS "signedAmount",
            u.name AS "unitName"
     FROM project p LEFT JOIN unit u ON u.id = p.responsible_unit_id
     WHERE p.major AND p.status <> 'dropped'
     ORDER BY p.chain_id, coalesce(p.amount, 0) DESC, p.name, p.id`,
    );
  return groupBy(rows, ({ chain_id, ...rest }) => [chain_id, rest]);
}

/**
 * 重点任务 of the year with their linked projects, and each milestone and goal with its state at the
 * month's end (keyTaskProgress, the one definition).
 */
async function keyTasks(
  manager: EntityManager,
  year: number,
  month: number,
): Promise<Map<number, RollUpKeyTask[]>> {
  const rows: (RollUpKeyTask & { chain_id: number })[] = await manager.query(
    `SELECT k.chain_id, k.id, k.seq, k.text,
            count(p.id)::int AS "projectCount",
            (count(p.id) FILTER (WHERE p.status = 'active'))::int AS "activeProjectCount",
            (count(p.id) FILTER (WHERE p.stage >= 'signed' AND p.status <> 'dropped'))::int AS "signedProjectCount"
     FROM key_task k LEFT JOIN project p ON p.key_task_id = k.id
     WHERE k.year = $1 GROUP BY k.id ORDER BY k.chain_id, k.seq`,
    [year],
  );
  const progress = await keyTaskProgress(manager, { year, month });
  return groupBy(rows, ({ chain_id, ...rest }) => {
    const p = progress.find((k) => k.id === rest.id);
    return [
      chain_id,
      {
        ...rest,
        units: p?.units ?? [],
        milestones: p?.milestones ?? [],
        goals: p?.goals ?? [],
        done: p?.done ?? 0,
        onTrack: p?.onTrack ?? 0,
        behind: p?.behind ?? 0,
      },
    ];
  });
}

/**
 * Every unit that must report (reporting_units_on the period's last day: 责任单位 of a chain then,
 * or responsible for a key task of the year's published plan; or any with a report this period),
 * under the name it had then, with how its report stands. The state and lateness are the report's
 * own, stamped at submission.
 */
async function unitRows(
  manager: EntityManager,
  period: string,
): Promise<RollUpUnitRow[]> {
  const rows: {
    unit_id: number;
    unit_name: string;
    state: MonthlyReportState | null;
    late: boolean | null;
    submitted_at: Date | null;
    extended_to: string | null;
  }[] = await manager.query(
    `WITH d AS (SELECT (to_date($1, 'YYYY-MM') + interval '1 month' - interval '1 day')::date AS last_day)
     SELECT u.id AS unit_id, unit_name_on(u.id, d.last_day) AS unit_name, r.state, r.late, r.submitted_at,
            to_char(e.extended_to, 'YYYY-MM-DD') AS extended_to
     FROM d CROSS JOIN unit u
     LEFT JOIN monthly_report r ON r.unit_id = u.id AND r.period = $1
     LEFT JOIN unit_deadline_extension e ON e.unit_id = u.id AND e.period = $1
     WHERE u.id IN (SELECT ru.unit_id FROM reporting_units_on(d.last_day) ru)
        OR r.id IS NOT NULL
     ORDER BY unit_name, u.id`,
    [period],
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    status: unitStatus(r.state, r.late),
    reportState: r.state,
    late: r.late,
    submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
    dueAt: dueInstant(period, r.extended_to).toISOString(),
  }));
}

export function unitStatus(
  state: MonthlyReportState | null,
  late: boolean | null,
): RollUpUnitStatus {
  switch (state) {
    case 'submitted':
      return late ? 'late' : 'on-time';
    case 'returned':
    case 'accepted':
      return state;
    default:
      return 'missing';
  }
}

/**
 * 需协调解决的问题 of the reports submitted or accepted, with the chains of each report's frozen
 * snapshot. A returned report's text is left out: its unit is revising it.
 */
async function problemRows(
  manager: EntityManager,
  period: string,
): Promise<RollUpProblem[]> {
  return manager.query(
    `SELECT r.unit_id AS "unitId",
            unit_name_on(u.id, (to_date($1, 'YYYY-MM') + interval '1 month' - interval '1 day')::date) AS "unitName",
            btrim(r.problems) AS text,
            coalesce((SELECT array_agg(c->>'chainCode' ORDER BY ord) FROM jsonb_array_elements(
              CASE WHEN jsonb_typeof(r.snapshot->'chains') = 'array' THEN r.snapshot->'chains' ELSE '[]' END
            ) WITH ORDINALITY AS x(c, ord)), '{}') AS "chainCodes",
            coalesce((SELECT array_agg(c->>'chainName' ORDER BY ord) FROM jsonb_array_elements(
              CASE WHEN jsonb_typeof(r.snapshot->'chains') = 'array' THEN r.snapshot->'chains' ELSE '[]' END
            ) WITH ORDINALITY AS x(c, ord)), '{}') AS "chainNames"
     FROM monthly_report r JOIN unit u ON u.id = r.unit_id
     WHERE r.period = $1 AND r.state IN ('submitted', 'accepted') AND btrim(r.problems) <> ''
     ORDER BY "unitName", u.id`,
    [period],
  );
}

function groupBy<R, V>(
  rows: R[],
  split: (row: R) => [number, V],
): Map<number, V[]> {
  const map = new Map<number, V[]>();
  for (const row of rows) {
    const [key, value] = split(row);
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }
  return map;
}
