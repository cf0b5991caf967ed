import { planMissingView, type PlanMissingView, type PlanStatus } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** A year's plan as the figures need it: published (targets may be read), draft, or none. */
export type PlanState = PlanStatus | 'none';

/** Whether the year's plan is published; every figure measured against targets asks first. */
export async function readPlanState(manager: EntityManager, year: number): Promise<PlanState> {
  const [row] = await manager.query(`SELECT status FROM annual_plan WHERE year = $1`, [year]);
  return row ? row.status : 'none';
}

/** The states of several years at once (a roll-up's year view, the cockpit's year picker). */
export async function readPlanStates(manager: EntityManager, years: number[]): Promise<Map<number, PlanState>> {
  const rows: { year: number; status: PlanStatus }[] = await manager.query(
    `SELECT year, status FROM annual_plan WHERE year = ANY ($1::smallint[])`,
    [years],
  );
  const states = new Map<number, PlanState>(years.map((y) => [y, 'none']));
  for (const r of rows) states.set(r.year, r.status);
  return states;
}

/** What a page or export says instead of figures when the year's plan is not published. */
export function planMissing(year: number, state: Exclude<PlanState, 'published'>): PlanMissingView {
  return planMissingView(year, state);
}
