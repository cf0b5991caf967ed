import {
  periodBounds,
  type ActivityKind,
  type MonthlyReportChainSection,
  type MonthlyReportFigures,
} from '@crm/domain';
import { keyTaskProgress } from '@crm/api/plan';
import type { EntityManager } from 'typeorm';

/*
 * The month's figures of a unit, per chain it reports on, read from the pipeline tables. Month bounds
 * are taken in Asia/Shanghai by PostgreSQL: instants (created_at, moved_at) against the local
 * month's start and end, dates (occurred_on, signed_on) and fund months as written.
 */
const BOUNDS = `
  WITH b AS (
    SELECT (to_date($2, 'YYYY-MM')::timestamp AT TIME ZONE 'Asia/Shanghai') AS start_at,
           ((to_date($2, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai') AS end_at,
           to_date($2, 'YYYY-MM') AS first_day,
           (to_date($2, 'YYYY-MM') + interval '1 month' - interval '1 day')::date AS last_day
  )`;

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
  const params = [unitId, period];
  // One after another: inside a transaction the queries share one connection.
  const activities = await manager.query(
    `${BOUNDS} SELECT p.chain_id, a.kind, count(*)::int AS n FROM project_activity a
       JOIN project p ON p.id = a.project_id, b
       WHERE p.responsible_unit_id = $1 AND a.occurred_on BETWEEN b.first_day AND b.last_day
       GROUP BY p.chain_id, a.kind`,
    params,
  );
  const leads = await manager.query(
    `${BOUNDS} SELECT p.chain_id, count(*)::int AS n FROM project p, b
       WHERE p.responsible_unit_id = $1 AND p.created_at >= b.start_at AND p.created_at < b.end_at
       GROUP BY p.chain_id`,
    params,
  );
  const moves = await manager.query(
    `${BOUNDS} SELECT p.chain_id, count(*)::int AS n FROM project_stage_move m
       JOIN project p ON p.id = m.project_id, b
       WHERE p.responsible_unit_id = $1 AND m.from_stage IS NOT NULL AND m.moved_at >= b.start_at AND m.moved_at < b.end_at
       GROUP BY p.chain_id`,
    params,
  );
  const signings = await manager.query(
    `${BOUNDS} SELECT p.chain_id, count(*)::int AS n, sum(g.amount)::numeric(24, 6)::text AS amount
       FROM project_agreement g JOIN project p ON p.id = g.project_id, b
       WHERE p.responsible_unit_id = $1 AND g.signed_on BETWEEN b.first_day AND b.last_day
       GROUP BY p.chain_id`,
    params,
  );
  const funds = await manager.query(
    `SELECT p.chain_id, sum(f.amount)::numeric(24, 6)::text AS amount FROM fund_arrival f
       JOIN project p ON p.id = f.project_id
       WHERE p.responsible_unit_id = $1 AND f.month = $2 GROUP BY p.chain_id`,
    params,
  );
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
  const zero = '0.000000';
  const sections: MonthlyReportChainSection[] = chains.map((c) => {
    const activitiesByKind: Partial<Record<ActivityKind, number>> = {};
    for (const a of activities.filter(
      (r: { chain_id: number }) => r.chain_id === c.id,
    ))
      activitiesByKind[a.kind as ActivityKind] = a.n;
    const of = <T extends { chain_id: number }>(rows: T[]) =>
      rows.find((r) => r.chain_id === c.id);
    const signing = of<{ chain_id: number; n: number; amount: string }>(
      signings,
    );
    return {
      chainId: c.id,
      chainCode: c.code,
      chainName: c.name,
      activitiesByKind,
      newLeads: of<{ chain_id: number; n: number }>(leads)?.n ?? 0,
      stageMoves: of<{ chain_id: number; n: number }>(moves)?.n ?? 0,
      signings: { count: signing?.n ?? 0, amount: signing?.amount ?? zero },
      fundsInPlace:
        of<{ chain_id: number; amount: string }>(funds)?.amount ?? zero,
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
  return { takenAt: takenAt.toISOString(), chains: sections };
}
