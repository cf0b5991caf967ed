import type { RollUpInstructionCounts } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** A period's window: its first and last Asia/Shanghai dates, inclusive (YYYY-MM-DD). */
export interface InstructionWindow {
  from: string;
  to: string;
}

/** The calendar month of a period (YYYY-MM) in Asia/Shanghai: the window the roll-up counts 批示 by. */
export function calendarMonthWindow(period: string): InstructionWindow {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/**
 * 领导批示 of a period, per chain (by the project's chain) and for the city: written within the
 * window, of those replied by the window's end (and by `takenAt`, for a period not over yet), and
 * the rest, open. Counted by PostgreSQL; a chain without any has zeros.
 */
export async function instructionCounts(
  manager: EntityManager,
  window: InstructionWindow,
  takenAt: Date,
): Promise<{ city: RollUpInstructionCounts; byChain: Map<number, RollUpInstructionCounts> }> {
  const rows: { chain_id: number | null; written: number; replied: number }[] = await manager.query(
    `WITH t AS (
       SELECT $1::date::timestamp AT TIME ZONE 'Asia/Shanghai' AS from_at,
              LEAST(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', $3::timestamptz) AS end_at
     )
     SELECT CASE WHEN GROUPING(p.chain_id) = 1 THEN NULL ELSE p.chain_id END AS chain_id,
            count(*)::int AS written,
            (count(*) FILTER (WHERE i.replied_at < t.end_at))::int AS replied
     FROM project_instruction i JOIN project p ON p.id = i.project_id, t
     WHERE i.created_at >= t.from_at AND i.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND i.created_at <= $3::timestamptz
     GROUP BY GROUPING SETS ((p.chain_id), ())`,
    [window.from, window.to, takenAt],
  );
  const counts = (r?: { written: number; replied: number }): RollUpInstructionCounts => ({
    written: r?.written ?? 0,
    replied: r?.replied ?? 0,
    open: (r?.written ?? 0) - (r?.replied ?? 0),
  });
  return {
    city: counts(rows.find((r) => r.chain_id === null)),
    byChain: new Map(rows.filter((r) => r.chain_id !== null).map((r) => [Number(r.chain_id), counts(r)])),
  };
}
