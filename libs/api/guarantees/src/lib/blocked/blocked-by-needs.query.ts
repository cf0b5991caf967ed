import { guaranteeNeedText, type BlockedByNeedView } from '@crm/domain';
import type { EntityManager } from 'typeorm';
import {
  REQUEST_COLUMNS,
  REQUEST_FROM,
  requestAmounts,
  requestProject,
  type GuaranteeRequestRow,
} from '../requests/guarantee-request.rows';

export interface BlockedByNeedsScope {
  /** The chains whose projects are listed (by the project's own chain); null: the whole city. */
  chainIds: number[] | null;
  /** The Shanghai business date the list is as of (due dates before it have passed). */
  asOf: string;
  /** At most this many rows (longest overdue first); default all. */
  limit?: number;
}

/**
 * 要素制约: the projects held up by a need, one row per need. A need blocks its project when the
 * project is not dropped and the need is neither secured nor otherwise closed in its favour — its due
 * date has passed (Asia/Shanghai) without 已保障 or 无法满足, or the bureau answered 无法满足. The one
 * definition: the chain leader page, the meeting pack and the roll-up all read this function.
 * Longest overdue first (a 无法满足 before its due date counts from its answer), then by sending.
 */
export async function blockedByNeeds(manager: EntityManager, scope: BlockedByNeedsScope): Promise<BlockedByNeedView[]> {
  const rows: (GuaranteeRequestRow & { chain_name: string; days_since_sent: number; days_overdue: number | null })[] =
    await manager.query(
      `SELECT ${REQUEST_COLUMNS}, c.name_zh AS chain_name,
              ($1::date - (g.sent_at AT TIME ZONE 'Asia/Shanghai')::date) AS days_since_sent,
              CASE WHEN g.due_on < $1::date THEN $1::date - g.due_on END AS days_overdue
       FROM ${REQUEST_FROM}
       WHERE p.status <> 'dropped'
         AND (g.status = 'cannot-meet' OR (g.status <> 'secured' AND g.due_on < $1::date))
         AND (g.sent_at AT TIME ZONE 'Asia/Shanghai')::date <= $1::date
         AND ($2::int[] IS NULL OR p.chain_id = ANY ($2::int[]))
       ORDER BY greatest($1::date - g.due_on, 0) DESC, g.sent_at, g.id
       ${scope.limit ? `LIMIT ${Math.max(1, Math.floor(scope.limit))}` : ''}`,
      [scope.asOf, scope.chainIds],
    );
  return rows.map((r) => ({
    project: requestProject(r),
    chain: { code: r.chain_code, nameZh: r.chain_name },
    requestId: r.id,
    kind: r.kind,
    need: guaranteeNeedText(r.kind, requestAmounts(r)),
    unit: { id: r.unit_id, name: r.unit_name },
    status: r.status,
    sentOn: r.sent_on,
    dueOn: r.due_on,
    daysSinceSent: Number(r.days_since_sent),
    daysOverdue: r.days_overdue === null ? null : Number(r.days_overdue),
  }));
}
