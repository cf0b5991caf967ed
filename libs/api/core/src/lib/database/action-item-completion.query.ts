import type { EntityManager } from 'typeorm';

/**
 * 交办事项完成率 (ActionItemCompletion of @crm/domain) and the open counts behind it, at a date D
 * (YYYY-MM-DD, Asia/Shanghai), for every chain or every owner unit in one query. Shared by the
 * roll-up, the cockpit's ranking and GET /api/action-items/summary, so it lives here and not in
 * any of those areas (none may import another's internals).
 *
 *   due      items due on or before D
 *   done     of those, done by D: done_at's Shanghai date ≤ D (done late still counts)
 *   rate     done / due × 100, two decimals ("66.67"); null when nothing was due
 *   open     items of meetings held on or before D, not done by D
 *   overdue  of the open ones, due before D (as isActionItemOverdue on day D)
 *   doneTotal items done by D, whatever their due date
 *
 * By chain a joint meeting's item counts for each of its chains (meeting_chain), and every chain
 * gets a row, zeros when it has no items. By unit an item counts for its owner unit once; only
 * units with items get a row. `chainIds` restricts the items to meetings of those chains (null:
 * all); by chain it also restricts the rows (the caller passes the chains the user may read).
 */
export interface ActionItemCompletionRow {
  /** chain.id or unit.id */
  id: number;
  due: number;
  done: number;
  rate: string | null;
  open: number;
  overdue: number;
  doneTotal: number;
}

const DONE_BY = `(a.status = 'done' AND a.done_at IS NOT NULL AND (a.done_at AT TIME ZONE 'Asia/Shanghai')::date <= d.d)`;

const MEASURES = `
  count(a.id) FILTER (WHERE a.due_on <= d.d)::int AS due,
  count(a.id) FILTER (WHERE a.due_on <= d.d AND ${DONE_BY})::int AS done,
  count(a.id) FILTER (WHERE m.held_on <= d.d AND NOT ${DONE_BY})::int AS open,
  count(a.id) FILTER (WHERE m.held_on <= d.d AND NOT ${DONE_BY} AND a.due_on < d.d)::int AS overdue,
  count(a.id) FILTER (WHERE ${DONE_BY})::int AS done_total`;

const BY_CHAIN = `
  WITH d AS (SELECT $1::date AS d),
  per AS (
    SELECT mc.chain_id AS id, ${MEASURES}
    FROM action_item a
    JOIN meeting m ON m.id = a.meeting_id
    JOIN meeting_chain mc ON mc.meeting_id = a.meeting_id, d
    GROUP BY mc.chain_id
  )
  SELECT c.id, coalesce(per.due, 0) AS due, coalesce(per.done, 0) AS done,
         round(per.done * 100.0 / nullif(per.due, 0), 2)::text AS rate,
         coalesce(per.open, 0) AS open, coalesce(per.overdue, 0) AS overdue, coalesce(per.done_total, 0) AS "doneTotal"
  FROM chain c LEFT JOIN per ON per.id = c.id
  WHERE $2::int[] IS NULL OR c.id = ANY ($2::int[])
  ORDER BY c.sort_order, c.id`;

const BY_UNIT = `
  WITH d AS (SELECT $1::date AS d)
  SELECT a.owner_unit_id AS id, ${MEASURES.replace('done_total', '"doneTotal"')},
         round((count(a.id) FILTER (WHERE a.due_on <= d.d AND ${DONE_BY})) * 100.0
               / nullif(count(a.id) FILTER (WHERE a.due_on <= d.d), 0), 2)::text AS rate
  FROM action_item a JOIN meeting m ON m.id = a.meeting_id, d
  WHERE $2::int[] IS NULL
     OR a.owner_unit_id = $3::int
     OR EXISTS (SELECT 1 FROM meeting_chain mc WHERE mc.meeting_id = a.meeting_id AND mc.chain_id = ANY ($2::int[]))
  GROUP BY a.owner_unit_id
  ORDER BY a.owner_unit_id`;

/** Every chain's completion at `asOf` (all chains, or those of `chainIds`), in the plan's order. */
export function actionItemCompletionByChain(
  manager: EntityManager,
  asOf: string,
  chainIds: number[] | null = null,
): Promise<ActionItemCompletionRow[]> {
  return manager.query(BY_CHAIN, [asOf, chainIds]);
}

/**
 * Every owner unit's completion at `asOf`, over the items of meetings of `scope.chainIds` (null:
 * all items) and, whatever the meeting's chains, the items `scope.ownerUnitId` owns.
 */
export function actionItemCompletionByUnit(
  manager: EntityManager,
  asOf: string,
  scope: { chainIds: number[] | null; ownerUnitId?: number | null } = { chainIds: null },
): Promise<ActionItemCompletionRow[]> {
  return manager.query(BY_UNIT, [asOf, scope.chainIds, scope.ownerUnitId ?? null]);
}

/** The completion of one row as the contract shapes it. */
export function completionOf(row: ActionItemCompletionRow | undefined): { due: number; done: number; rate: string | null } {
  return { due: row?.due ?? 0, done: row?.done ?? 0, rate: row?.rate ?? null };
}
