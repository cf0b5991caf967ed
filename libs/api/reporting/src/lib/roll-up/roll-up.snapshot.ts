import type { RollUpFigures } from '@crm/domain';
import type { EntityManager } from 'typeorm';
import { rollUpFigures } from './roll-up.figures';

/**
 * The month-end snapshot: the roll-up's figures as they stand when the period is locked, taken in
 * the lock's transaction. Every later build of the period reads it, so later edits to projects
 * never move a locked month. Taken once: a second call keeps the first.
 */
export async function takeRollUpSnapshot(
  manager: EntityManager,
  period: string,
  now: Date,
): Promise<void> {
  const [exists] = await manager.query(
    `SELECT 1 FROM roll_up_snapshot WHERE period = $1`,
    [period],
  );
  if (exists) return;
  const figures = await rollUpFigures(manager, period, now);
  await manager.query(
    `INSERT INTO roll_up_snapshot (period, figures, taken_at) VALUES ($1, $2, $3) ON CONFLICT (period) DO NOTHING`,
    [period, JSON.stringify(figures), now],
  );
}

/** The period's snapshot, if it was locked. */
export async function readRollUpSnapshot(
  manager: EntityManager,
  period: string,
): Promise<{ figures: RollUpFigures; takenAt: Date } | null> {
  const [row] = await manager.query(
    `SELECT figures, taken_at FROM roll_up_snapshot WHERE period = $1`,
    [period],
  );
  return row
    ? { figures: withActionItemDefaults(row.figures), takenAt: row.taken_at }
    : null;
}

/**
 * Figures stored (in a snapshot or a built roll-up) before the 交办事项 figures existed lack
 * them: read as null (not counted), never as an error. Anything else is left as stored.
 */
export function withActionItemDefaults(figures: RollUpFigures): RollUpFigures {
  if (!figures || typeof figures !== 'object') return figures;
  const f = figures as Partial<RollUpFigures>;
  return {
    ...figures,
    ...(Array.isArray(f.chains)
      ? { chains: f.chains.map((c) => ({ ...c, actionItems: c.actionItems ?? null })) }
      : {}),
    ...(f.quarter && Array.isArray(f.quarter.rows)
      ? {
          quarter: {
            ...f.quarter,
            rows: f.quarter.rows.map((r) => ({ ...r, actionItemRate: r.actionItemRate ?? null })),
          },
        }
      : {}),
  };
}
