import {
  goalProgress,
  milestoneState,
  type ChainCode,
  type GoalProgressView,
  type KeyTaskProgress,
  type MilestoneProgressView,
  type MilestoneState,
  type Stage,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';

export interface KeyTaskProgressScope {
  year: number;
  /** 1–12: the month whose end the pace is read at. */
  month: number;
  /** Only the key tasks of these chains. */
  chainIds?: number[];
  /** Only the key tasks this unit is responsible for (key_task_unit). */
  unitId?: number;
}

interface TaskRow {
  id: number;
  chain_id: number;
  chain_code: ChainCode;
  seq: number;
  text: string;
  units: string[];
}

interface MilestoneRow {
  id: number;
  key_task_id: number;
  seq: number;
  project_name: string;
  target_stage: Stage;
  wording: string;
  project_id: string | null;
  stage: Stage | null;
  status: 'active' | 'paused' | 'dropped' | null;
}

interface GoalRow {
  id: number;
  key_task_id: number;
  seq: number;
  label: string;
  measure_unit: string;
  target: string;
  achieved: string;
  achieved_on: string | null;
  version: number;
}

/**
 * Key-task progress, the one definition the leader page, the units' monthly reports and the roll-up
 * share: each key task of the year with its responsible units, its milestones (the named projects
 * against the stage the plan commits them to) and its measurable goals, each done / on track /
 * behind at the month's end by the domain's rules (milestoneState, goalProgress).
 *
 * A milestone reads its linked project's current stage and status; one not yet linked is matched by
 * name to a project of the key task's chain (the furthest one not dropped, when several share the
 * name), and otherwise has no project (behind). Goals read what the office has entered as achieved.
 */
export async function keyTaskProgress(
  manager: EntityManager,
  scope: KeyTaskProgressScope,
): Promise<KeyTaskProgress[]> {
  const tasks: TaskRow[] = await manager.query(
    `SELECT k.id, k.chain_id, c.code AS chain_code, k.seq, k.text,
            ARRAY(SELECT u.name::text FROM key_task_unit ku JOIN unit u ON u.id = ku.unit_id
                  WHERE ku.key_task_id = k.id ORDER BY ku.sort_order, u.id) AS units
     FROM key_task k JOIN chain c ON c.id = k.chain_id
     WHERE k.year = $1
       AND ($2::int[] IS NULL OR k.chain_id = ANY ($2::int[]))
       AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM key_task_unit ku WHERE ku.key_task_id = k.id AND ku.unit_id = $3))
     ORDER BY c.sort_order, c.id, k.seq`,
    [scope.year, scope.chainIds ?? null, scope.unitId ?? null],
  );
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  // One after another: inside a transaction the queries share one connection.
  const milestones: MilestoneRow[] = await manager.query(
    `SELECT m.id, m.key_task_id, m.seq, m.project_name, m.target_stage, m.wording,
            coalesce(l.id, n.id) AS project_id,
            CASE WHEN l.id IS NOT NULL THEN l.stage ELSE n.stage END AS stage,
            CASE WHEN l.id IS NOT NULL THEN l.status ELSE n.status END AS status
     FROM key_task_milestone m
     JOIN key_task k ON k.id = m.key_task_id
     LEFT JOIN project l ON l.id = m.project_id
     LEFT JOIN LATERAL (
       SELECT x.id, x.stage, x.status FROM project x
       WHERE m.project_id IS NULL AND x.name = m.project_name AND x.chain_id = k.chain_id
       ORDER BY x.status = 'dropped', x.stage DESC, x.created_at, x.id
       LIMIT 1
     ) n ON true
     WHERE m.key_task_id = ANY ($1::int[])
     ORDER BY m.key_task_id, m.seq`,
    [ids],
  );
  const goals: GoalRow[] = await manager.query(
    `SELECT id, key_task_id, seq, label, measure_unit, target::text, achieved::text,
            to_char(achieved_on, 'YYYY-MM-DD') AS achieved_on, version
     FROM key_task_goal WHERE key_task_id = ANY ($1::int[]) ORDER BY key_task_id, seq`,
    [ids],
  );
  return tasks.map((t) => {
    const ms: MilestoneProgressView[] = milestones
      .filter((m) => m.key_task_id === t.id)
      .map((m) => ({
        id: m.id,
        seq: m.seq,
        projectName: m.project_name,
        projectId: m.project_id,
        targetStage: m.target_stage,
        wording: m.wording,
        currentStage: m.stage,
        state: milestoneState(
          m.stage && m.status ? { stage: m.stage, status: m.status } : null,
          m.target_stage,
          scope.month,
        ),
      }));
    const gs: GoalProgressView[] = goals
      .filter((g) => g.key_task_id === t.id)
      .map((g) => ({
        id: g.id,
        seq: g.seq,
        label: g.label,
        measureUnit: g.measure_unit,
        target: g.target,
        achieved: g.achieved,
        achievedOn: g.achieved_on,
        version: g.version,
        ...goalProgress(g.achieved, g.target, scope.month),
      }));
    const states: MilestoneState[] = [...ms.map((m) => m.state), ...gs.map((g) => g.state)];
    const count = (s: MilestoneState) => states.filter((x) => x === s).length;
    return {
      id: t.id,
      chainCode: t.chain_code,
      seq: t.seq,
      text: t.text,
      units: t.units,
      milestones: ms,
      goals: gs,
      done: count('done'),
      onTrack: count('on-track'),
      behind: count('behind'),
    };
  });
}
