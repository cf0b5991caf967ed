import type { EntityManager } from 'typeorm';
import { updatedRows } from '../common/errors';

/**
 * Marks the period's roll-up out of date, in the caller's transaction: a report of the period was
 * submitted (late, or again after a return), returned or accepted after the roll-up was built, so
 * its 报送情况 (and the figures read at that time) no longer hold. A roll-up read from the locked
 * month's snapshot is left alone (nothing of the period changes after the lock). The first mark is
 * kept until the rebuild clears it. Answers whether a roll-up was marked.
 */
export async function markRollUpStale(
  manager: EntityManager,
  period: string,
  now: Date,
): Promise<boolean> {
  const rows = updatedRows<{ period: string }>(
    await manager.query(
      `UPDATE roll_up SET stale_since = coalesce(stale_since, $2)
       WHERE period = $1 AND NOT from_snapshot RETURNING period`,
      [period, now],
    ),
  );
  return rows.length > 0;
}

/** The periods whose roll-up is out of date, oldest first. */
export async function staleRollUps(manager: EntityManager): Promise<string[]> {
  const rows: { period: string }[] = await manager.query(
    `SELECT period FROM roll_up WHERE stale_since IS NOT NULL ORDER BY period`,
  );
  return rows.map((r) => r.period);
}
