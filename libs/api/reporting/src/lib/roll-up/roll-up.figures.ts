import {
  actionItemCompletionByChain,
  completionOf,
  type ActionItemCompletionRow,
} from '@crm/api/core';
import {
  documentDate,
  dueInstant,
  periodLockableFrom,
  quarterRankingFormula,
  rankChains,
  shanghaiToday,
  type RankingWeights,
  type ChainCode,
  type MonthlyReportState,
  type RollUpActionItems,
  type RollUpBulletinFigures,
  type RollUpBulletinLine,
  type RollUpChainFigures,
  type RollUpComparison,
  type RollUpCityTotals,
  type RollUpFigures,
  type RollUpKeyTask,
  type RollUpMajorProject,
  type RollUpMonthPoint,
  type RollUpProblem,
  type RollUpUnitRow,
  type RollUpUnitStatus,
  type StatWindow,
  type TargetMeasure,
  type YearOnYearBasis,
} from '@crm/domain';
import {
  HEADLINE_ZERO,
  headlineCityTargets,
  headlineFigures,
  readStatCutoffs,
  readStatWindow,
  stageTotalsByChain,
  topSignedProjects,
  yearOnYear,
  type HeadlineAmount,
  type HeadlineFigures,
} from '@crm/api/pipeline';
import Decimal from 'decimal.js';
import {
  keyTaskProgress,
  planMissing,
  readPlanState,
  sectorFundsGrowth,
} from '@crm/api/plan';
import type { EntityManager } from 'typeorm';
import { officeSettingValue } from '../reminders/office-setting.service';
import { instructionCounts } from './roll-up.instructions';
import { blockedByNeeds } from '@crm/api/guarantees';
import { eventLinesBetween, eventPeriodTotals } from '@crm/api/events';

/*
 * The roll-up's figures. 签约额, 签约项目, 到位资金, 亿元以上项目 with their targets and
 * completion, and the projects in each stage are the headline figures of @crm/api/pipeline (the
 * one definition, also read by chain progress, the cockpit, the leader page, the meeting pack and
 * the weekly digest): the month, the quarter to the month and the year to the month, per chain
 * and for the city against the plan's city totals (big projects: the sum of the chains' counts).
 * New leads and stage moves are the roll-up's own: each counted in the period whose statistical
 * window (stat_period) holds its Asia/Shanghai date, as in the unit's report. A "month" here is the
 * period's window (统计区间, `window`), the year to date runs from 1 January to its end, as
 * chain_month_total keys them. Every sum is made by PostgreSQL.
 *
 * $1 is the period (YYYY-MM).
 */
const ACTIVITY_SQL = `
  WITH t AS (
    SELECT date_trunc('year', to_date($1, 'YYYY-MM'))::timestamp AT TIME ZONE 'Asia/Shanghai' AS year_at,
           (w.last_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS end_at
    FROM stat_period_bounds($1) w
  ), ev AS (
    SELECT p.chain_id, stat_period((p.created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS month, 'lead' AS kind
    FROM project p, t
    WHERE p.created_at >= t.year_at AND p.created_at < t.end_at
    UNION ALL
    SELECT p.chain_id, stat_period((m.moved_at AT TIME ZONE 'Asia/Shanghai')::date)::text, 'move'
    FROM project_stage_move m JOIN project p ON p.id = m.project_id, t
    WHERE m.from_stage IS NOT NULL AND m.moved_at >= t.year_at AND m.moved_at < t.end_at
  )
  SELECT CASE WHEN GROUPING(ev.chain_id) = 1 THEN NULL ELSE ev.chain_id END AS chain_id, ev.month,
         (count(*) FILTER (WHERE ev.kind = 'lead'))::int AS leads, (count(*) FILTER (WHERE ev.kind = 'move'))::int AS moves
  FROM ev GROUP BY GROUPING SETS ((ev.chain_id, ev.month), (ev.month))`;

interface ActivityRow {
  chain_id: number | null;
  month: string;
  leads: number;
  moves: number;
}

const ZERO = HEADLINE_ZERO;
const MONEY = (column: string) => `${column}::numeric(24, 6)::text`;

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
  const window = { year, month };
  // 统计区间 of the period: the month's figures count the events of these dates.
  const statWin = await readStatWindow(manager, period);
  const chains: ChainRow[] = await manager.query(
    `SELECT id, code, name_zh AS name FROM chain ORDER BY sort_order, id`,
  );
  const ids = chains.map((c) => c.id);
  // One after another: inside a transaction the queries share one connection.
  const perChain = await headlineFigures(manager, ids, window, 'per-chain');
  const cityRows = await headlineFigures(manager, ids, window, 'city');
  const activity: ActivityRow[] = await manager.query(ACTIVITY_SQL, [period]);
  const majorCounts: { chain_id: number; n: number }[] = await manager.query(
    `SELECT chain_id, count(*)::int AS n FROM project WHERE major AND status <> 'dropped' GROUP BY chain_id`,
  );
  const pipeline = await stageTotalsByChain(manager, ids, ['active', 'paused']);
  const majors = await majorProjects(manager);
  const tasks = await keyTasks(manager, year, month);
  const units = await unitRows(manager, period);
  const problems = await problemRows(manager, period);
  const completion = await actionItemCompletionByChain(
    manager,
    actionItemsAsOf(statWin, takenAt),
  );
  // Until the year's plan is published there is nothing to measure against: no ranking.
  const state = await readPlanState(manager, year);
  const plan = state === 'published' ? null : planMissing(year, state);
  const sectorGrowth = await sectorFundsGrowth(manager, { year, month });
  const marks = await headlineCityTargets(manager, year);
  // 同比 and 资金到位率 come with the headline figures (previousYear, yoy, fundsToSignedRate).
  const nextMonth = dayAfter(statWin.to);
  const topSignings = await topSignedProjects(manager, ids, `${year}-01-01`, nextMonth, 5);
  // 领导批示 by the Asia/Shanghai calendar month of the period.
  const instructions = await instructionCounts(manager, statWin, takenAt);
  // 要素制约 city-wide, as of the window's last day (or the day taken, if earlier).
  const blocked = await blockedByNeeds(manager, { chainIds: null, asOf: actionItemsAsOf(statWin, takenAt) });
  // 招商活动 held in the period, their results up to its end.
  const events = await eventLinesBetween(manager, statWin.from, statWin.to, { date: statWin.to, month: period });
  const eventTotals = await eventPeriodTotals(manager, statWin.from, statWin.to, { date: statWin.to, month: period });

  const months = Array.from(
    { length: month },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  );
  const activityOf = (chainId: number | null, m: string) =>
    activity.find((a) => a.chain_id === chainId && a.month === m);
  const seriesOf = (chainId: number | null): RollUpMonthPoint[] => {
    const rows =
      chainId === null
        ? cityRows
        : perChain.filter((r) => r.chainId === chainId);
    return months.map((m, i) => {
      const f = rows.find((r) => r.m === i + 1);
      const a = activityOf(chainId, m);
      return {
        period: m,
        signed: {
          count: f?.signedProjects.month ?? 0,
          amount: f?.signedAmount.month ?? ZERO,
        },
        fundsInPlace: f?.fundsInPlace.month ?? ZERO,
        newLeads: a?.leads ?? 0,
        stageMoves: a?.moves ?? 0,
      };
    });
  };
  const atPeriod = (chainId: number | null): HeadlineFigures => {
    const rows =
      chainId === null
        ? cityRows
        : perChain.filter((r) => r.chainId === chainId);
    return rows[rows.length - 1];
  };

  const bulletinLine = (chainId: number | null): RollUpBulletinLine => bulletinLineOf(atPeriod(chainId));
  const bulletin: RollUpBulletinFigures = {
    lastYearHasData: atPeriod(null).previousYear.basis === 'system',
    city: bulletinLine(null),
    chains: chains.map((c) => ({ chainCode: c.code, chainName: c.name, ...bulletinLine(c.id) })),
    topSignings: topSignings.map((p) => ({
      projectId: p.id,
      projectName: p.name,
      chainName: p.chainName,
      amount: p.amount,
      signedOn: p.signedOn,
    })),
  };

  const cityFigures = atPeriod(null);
  const cityActivity = activityOf(null, period);
  const city: RollUpCityTotals = {
    signedMonth: {
      count: cityFigures.signedProjects.month,
      amount: cityFigures.signedAmount.month,
    },
    signedYearToDate: {
      count: cityFigures.signedProjects.yearToDate,
      ...measure(cityFigures.signedAmount),
    },
    fundsMonth: cityFigures.fundsInPlace.month,
    fundsYearToDate: measure(cityFigures.fundsInPlace),
    bigProjects: {
      count: cityFigures.bigProjects.yearToDate,
      target: cityFigures.bigProjects.target,
      rate: cityFigures.bigProjects.rate,
    },
    newLeads: cityActivity?.leads ?? 0,
    stageMoves: cityActivity?.moves ?? 0,
    majorProjectCount: majorCounts.reduce((n, r) => n + r.n, 0),
    signedAtLeast: marks.signedAtLeast,
    fundsAtLeast: marks.fundsAtLeast,
    yearOnYear: yearOnYear(cityFigures),
  };
  const chainFigures: RollUpChainFigures[] = chains.map((c) => {
    const f = atPeriod(c.id);
    const a = activityOf(c.id, period);
    return {
      chainId: c.id,
      chainCode: c.code,
      chainName: c.name,
      signedMonth: {
        count: f.signedProjects.month,
        amount: f.signedAmount.month,
      },
      signedYearToDate: {
        count: f.signedProjects.yearToDate,
        ...measure(f.signedAmount),
      },
      fundsMonth: f.fundsInPlace.month,
      fundsYearToDate: measure(f.fundsInPlace),
      bigProjects: {
        count: f.bigProjects.yearToDate,
        threshold: f.bigProjects.threshold,
        target: f.bigProjects.target,
        rate: f.bigProjects.rate,
      },
      pipeline: pipeline.get(c.id) ?? [],
      newLeads: a?.leads ?? 0,
      stageMoves: a?.moves ?? 0,
      majorProjects: majors.get(c.id) ?? [],
      keyTasks: tasks.get(c.id) ?? [],
      actionItems: actionItems(completion.find((r) => r.id === c.id)),
      yearOnYear: yearOnYear(f),
      instructions: instructions.byChain.get(c.id) ?? { written: 0, replied: 0, open: 0 },
    };
  });

  // 季评比: the quarter's own results against a quarter of the annual target, with the office's
  // weights; the year to date, with the same weights, beside it.
  const quarter = Math.ceil(month / 3);
  const weights = await rankingWeights(manager);
  const quarterEnd = `${year}-${String(quarter * 3).padStart(2, '0')}`;
  const [endRow]: { locked: boolean }[] = await manager.query(
    `SELECT locked FROM reporting_period WHERE period = $1`,
    [quarterEnd],
  );
  const offered = period === quarterEnd && !!endRow?.locked;
  const quarterRates = (c: RollUpChainFigures) => {
    const rows = perChain.filter((r) => r.chainId === c.chainId);
    const f = atPeriod(c.chainId);
    const before = rows.find((r) => r.m === quarter * 3 - 3);
    return {
      chainCode: c.chainCode,
      signedRate: quarterRate(f.signedAmount.quarterToDate, f.signedAmount.target),
      fundsRate: quarterRate(f.fundsInPlace.quarterToDate, f.fundsInPlace.target),
      bigProjectRate: quarterRate(
        String(f.bigProjects.yearToDate - (before?.bigProjects.yearToDate ?? 0)),
        f.bigProjects.target === null ? null : String(f.bigProjects.target),
      ),
    };
  };
  const ranking = plan
    ? []
    : rankChains(chainFigures.map(quarterRates), weights);
  const yearRanking = plan
    ? []
    : rankChains(
        chainFigures.map((c) => ({
          chainCode: c.chainCode,
          signedRate: c.signedYearToDate.rate,
          fundsRate: c.fundsYearToDate.rate,
          bigProjectRate: c.bigProjects.rate,
        })),
        weights,
      );
  return {
    period,
    year,
    yearToDateLabel: month === 1 ? '1月' : `1-${month}月`,
    takenAt: takenAt.toISOString(),
    window: statWin,
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
      basis: 'quarter',
      formula: quarterRankingFormula(weights),
      weights,
      offered,
      offeredWhen: offered
        ? null
        : `第${QUARTER_NAMES[quarter - 1]}季度评比将于${year}年${quarter * 3}月报告期锁定后（${documentDate(periodLockableFrom(quarterEnd, await readStatCutoffs(manager, year)))}起）发布`,
      rows: ranking.map((r) => {
        const c = chainFigures.find(
          (x) => x.chainCode === r.chainCode,
        ) as RollUpChainFigures;
        const f = atPeriod(c.chainId);
        return {
          ...r,
          chainName: c.chainName,
          quarterSigned: {
            count: f.signedProjects.quarterToDate,
            amount: f.signedAmount.quarterToDate,
          },
          quarterFunds: f.fundsInPlace.quarterToDate,
          actionItemRate: c.actionItems?.rate ?? null,
          yearToDate: yearRanking.find((y) => y.chainCode === r.chainCode),
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
    bulletin,
    instructions: instructions.city,
    blockedByNeeds: blocked,
    events,
    eventTotals,
  };
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The office's weights of 季评比 (office settings, their defaults RANKING_WEIGHTS). */
export async function rankingWeights(manager: EntityManager): Promise<RankingWeights> {
  return {
    signed: await officeSettingValue(manager, 'ranking-weight-signed'),
    funds: await officeSettingValue(manager, 'ranking-weight-funds'),
    bigProjects: await officeSettingValue(manager, 'ranking-weight-big-projects'),
  };
}

/**
 * 本季完成率: the quarter's own result over a quarter of the annual target, in percent, two
 * decimals (half up); null without a target (or a zero one).
 */
export function quarterRate(actual: string, annualTarget: string | null): string | null {
  if (annualTarget === null || new Decimal(annualTarget).isZero()) return null;
  return new Decimal(actual)
    .times(400)
    .div(annualTarget)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

/**
 * The bulletin's figures of the city or a chain: 同比, 资金到位率, 序时进度 and its gap, verified
 * funds apart. 同比 and 资金到位率 are the headline figures' own (previousYear, yoy,
 * fundsToSignedRate: PostgreSQL numeric), only shaped here.
 */
function bulletinLineOf(f: HeadlineFigures): RollUpBulletinLine {
  const funds = new Decimal(f.fundsInPlace.yearToDate);
  const verified = new Decimal(f.fundsInPlaceVerified.yearToDate);
  const p = f.previousYear;
  const system: YearOnYearBasis | null = p.basis === 'system' ? 'system' : null;
  const comparison = (
    thisYear: string,
    lastYear: string | null,
    growthRate: string | null,
    basis: YearOnYearBasis | null = system,
  ): RollUpComparison => ({
    thisYear,
    lastYear,
    growthRate,
    basis,
  });
  return {
    signedMonth: comparison(f.signedAmount.month, p.signedAmount.month, f.yoy.signedAmount.month),
    signedYearToDate: comparison(f.signedAmount.yearToDate, p.signedAmount.yearToDate, f.yoy.signedAmount.yearToDate),
    fundsMonth: comparison(f.fundsInPlace.month, p.fundsInPlace.month, f.yoy.fundsInPlace.month),
    fundsYearToDate: comparison(f.fundsInPlace.yearToDate, p.fundsInPlace.yearToDate, f.yoy.fundsInPlace.yearToDate, p.basis),
    fundsToSignedRate: f.fundsToSignedRate,
    signedPace: f.signedAmount.pace,
    signedGap: f.signedAmount.gap,
    fundsPace: f.fundsInPlace.pace,
    fundsGap: f.fundsInPlace.gap,
    fundsVerifiedYearToDate: f.fundsInPlaceVerified.yearToDate,
    fundsUnverifiedYearToDate: funds.minus(verified).toFixed(6),
  };
}

/**
 * The date the 交办事项 are counted at: the last day of the period's window, or the Shanghai day
 * the figures are taken if that is earlier (a roll-up of the running period counts nothing not yet due).
 */
export function actionItemsAsOf(window: StatWindow, takenAt: Date): string {
  const today = shanghaiToday(takenAt);
  return today < window.to ? today : window.to;
}

/** The day after a date (YYYY-MM-DD): the end, exclusive, of a window's last day. */
function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function actionItems(
  row: ActionItemCompletionRow | undefined,
): RollUpActionItems {
  return {
    ...completionOf(row),
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
  };
}

/** The year to date against the annual target. */
function measure(a: HeadlineAmount): TargetMeasure {
  return { actual: a.yearToDate, target: a.target, rate: a.rate };
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
            u.name AS "unitName", p.land_route AS "landRoute"
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
