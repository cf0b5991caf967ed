import {
  addPeriods,
  periodBounds,
  type ActivityKind,
  type MonthlyReportAfterSubmission,
  type MonthlyReportChainSection,
  type MonthlyReportFigures,
} from '@crm/domain';
import { keyTaskProgress } from '@crm/api/plan';
import type { EntityManager } from 'typeorm';
import { readStatWindow } from '@crm/api/pipeline';

/*
 * The period's figures of a unit, per chain it reports on, read from the pipeline tables over the
 * period's statistical window (统计区间, stat_period_bounds: the office's cut-offs, else the day after
 * the previous 25th to the 25th). Instants (created_at, moved_at) are taken against the window's
 * Asia/Shanghai bounds, dates (occurred_on, signed_on) as written; a fund entry is recorded by month,
 * so an entry of month M counts in period M. $3, when set, keeps only what was recorded after that
 * instant (报送后新增: what reached an earlier window after its report was submitted).
 */
const BOUNDS = `
  WITH b AS (
    SELECT (w.first_day::timestamp AT TIME ZONE 'Asia/Shanghai') AS start_at,
           ((w.last_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS end_at,
           w.first_day, w.last_day
    FROM stat_period_bounds($2) w
  )`;

const LEADS = `${BOUNDS} SELECT p.chain_id, count(*)::int AS n FROM project p, b
  WHERE p.responsible_unit_id = $1 AND p.created_at >= b.start_at AND p.created_at < b.end_at
    AND ($3::timestamptz IS NULL OR p.created_at > $3)
  GROUP BY p.chain_id`;
const MOVES = `${BOUNDS} SELECT p.chain_id, count(*)::int AS n FROM project_stage_move m
  JOIN project p ON p.id = m.project_id, b
  WHERE p.responsible_unit_id = $1 AND m.from_stage IS NOT NULL AND m.moved_at >= b.start_at AND m.moved_at < b.end_at
    AND ($3::timestamptz IS NULL OR m.moved_at > $3)
  GROUP BY p.chain_id`;
const SIGNINGS = `${BOUNDS} SELECT p.chain_id, count(*)::int AS n, sum(g.amount)::numeric(24, 6)::text AS amount
  FROM project_agreement g JOIN project p ON p.id = g.project_id, b
  WHERE p.responsible_unit_id = $1 AND g.signed_on BETWEEN b.first_day AND b.last_day
    AND ($3::timestamptz IS NULL OR g.created_at > $3)
  GROUP BY p.chain_id`;
const FUNDS = `SELECT p.chain_id, sum(f.amount)::numeric(24, 6)::text AS amount FROM fund_arrival f
  JOIN project p ON p.id = f.project_id
  WHERE p.responsible_unit_id = $1 AND f.month = $2 AND ($3::timestamptz IS NULL OR f.created_at > $3)
  GROUP BY p.chain_id`;

interface ChainCount {
  chain_id: number;
  n: number;
}
interface ChainAmount {
  chain_id: number;
  n?: number;
  amount: string;
}

/** New leads, stage moves, signings and funds of the unit in the period's window, per chain. */
async function windowCounts(manager: EntityManager, unitId: number, period: string, recordedAfter: Date | null) {
  const params = [unitId, period, recordedAfter];
  // One after another: inside a transaction the queries share one connection.
  const leads: ChainCount[] = await manager.query(LEADS, params);
  const moves: ChainCount[] = await manager.query(MOVES, params);
  const signings: ChainAmount[] = await manager.query(SIGNINGS, params);
  const funds: ChainAmount[] = await manager.query(FUNDS, params);
  const zero = '0.000000';
  return (chainId: number) => {
    const signing = signings.find((r) => r.chain_id === chainId);
    return {
      newLeads: leads.find((r) => r.chain_id === chainId)?.n ?? 0,
      stageMoves: moves.find((r) => r.chain_id === chainId)?.n ?? 0,
      signings: { count: signing?.n ?? 0, amount: signing?.amount ?? zero },
      fundsInPlace: funds.find((r) => r.chain_id === chainId)?.amount ?? zero,
    };
  };
}

/**
 * 报送后新增: what reached the previous period's window after the unit submitted that period's
 * report (its snapshot could not hold it); null when that report was never submitted or nothing came.
 */
async function afterSubmission(
  manager: EntityManager,
  unitId: number,
  period: string,
): Promise<MonthlyReportAfterSubmission | null> {
  const previous = addPeriods(period, -1);
  const [report]: { submitted_at: Date | null }[] = await manager.query(
    `SELECT submitted_at FROM monthly_report WHERE unit_id = $1 AND period = $2 AND submitted_at IS NOT NULL`,
    [unitId, previous],
  );
  if (!report?.submitted_at) return null;
  const of = await windowCounts(manager, unitId, previous, report.submitted_at);
  const chains: { id: number; code: string; name: string }[] = await manager.query(
    `SELECT id, code, name_zh AS name FROM chain ORDER BY sort_order, id`,
  );
  const rows = chains
    .map((c) => ({ chainId: c.id, chainCode: c.code, chainName: c.name, ...of(c.id) }))
    .filter(
      (r) =>
        r.newLeads > 0 || r.stageMoves > 0 || r.signings.count > 0 || Number(r.fundsInPlace) !== 0,
    );
  if (!rows.length) return null;
  return {
    period: previous,
    window: await readStatWindow(manager, previous),
    submittedAt: report.submitted_at.toISOString(),
    chains: rows,
  };
}

export async function monthlyFigures(
  manager: EntityManager,
  unitId: number,
  period: string,
  takenAt: Date,
): Promise<MonthlyReportFigures> {
  // The chains the unit reports on, on the period's last day: those it serves (chain_units_on),
  // and those whose key tasks the year's published plan makes it responsible for.
  const chains: { id: number; code: string; name: string }[] =
    await manager.query(
      `SELECT c.id, c.code, c.name_zh AS name FROM chain c
     WHERE c.id IN (SELECT cu.chain_id FROM chain_units_on($2::date) cu WHERE cu.unit_id = $1
                    UNION
                    SELECT kt.chain_id FROM key_task_units_on($2::date) kt WHERE kt.unit_id = $1)
     ORDER BY c.sort_order, c.id`,
      [unitId, periodBounds(period).lastDay],
    );
  // One after another: inside a transaction the queries share one connection.
  const activities = await manager.query(
    `${BOUNDS} SELECT p.chain_id, a.kind, count(*)::int AS n FROM project_activity a
       JOIN project p ON p.id = a.project_id, b
       WHERE p.responsible_unit_id = $1 AND a.occurred_on BETWEEN b.first_day AND b.last_day
       GROUP BY p.chain_id, a.kind`,
    [unitId, period],
  );
  const counts = await windowCounts(manager, unitId, period, null);
  const tasks = await manager.query(
    `SELECT k.chain_id, k.id, k.seq, k.text,
              count(p.id)::int AS "projectCount", (count(p.id) FILTER (WHERE p.status = 'active'))::int AS "activeProjectCount"
       FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id AND ku.unit_id = $1
       LEFT JOIN project p ON p.key_task_id = k.id AND p.responsible_unit_id = $1
       WHERE k.year = $2::int GROUP BY k.id ORDER BY k.chain_id, k.seq`,
    [unitId, period.slice(0, 4)],
  );
  // Each key task's milestones and goals at the month's end: the one definition (keyTaskProgress).
  const progress = await keyTaskProgress(manager, {
    year: Number(period.slice(0, 4)),
    month: Number(period.slice(5, 7)),
    unitId,
  });
  const sections: MonthlyReportChainSection[] = chains.map((c) => {
    const activitiesByKind: Partial<Record<ActivityKind, number>> = {};
    for (const a of activities.filter(
      (r: { chain_id: number }) => r.chain_id === c.id,
    ))
      activitiesByKind[a.kind as ActivityKind] = a.n;
    return {
      chainId: c.id,
      chainCode: c.code,
      chainName: c.name,
      activitiesByKind,
      ...counts(c.id),
      keyTasks: tasks
        .filter((t: { chain_id: number }) => t.chain_id === c.id)
        .map(
          ({
            id,
            seq,
            text,
            projectCount,
            activeProjectCount,
          }: MonthlyReportChainSection['keyTasks'][number]) => {
            const p = progress.find((k) => k.id === id);
            return {
              id,
              seq,
              text,
              projectCount,
              activeProjectCount,
              units: p?.units ?? [],
              milestones: p?.milestones ?? [],
              goals: p?.goals ?? [],
              done: p?.done ?? 0,
              onTrack: p?.onTrack ?? 0,
              behind: p?.behind ?? 0,
            };
          },
        ),
    };
  });
  return {
    takenAt: takenAt.toISOString(),
    window: await readStatWindow(manager, period),
    chains: sections,
    afterSubmission: await afterSubmission(manager, unitId, period),
  };
}
