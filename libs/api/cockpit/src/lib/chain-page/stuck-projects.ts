import type { CockpitProjectRef } from '@crm/domain';
import type { EntityManager } from 'typeorm';
import { toProjectRef, type ProjectRefRow } from '../common/project-ref.rows';
import { STUCK } from './chain-page.queries';

/** A project of the 停滞最久的项目 list: in its stage since its business date, `days` to `day`. */
export interface StuckProject {
  project: CockpitProjectRef;
  since: string;
  days: number;
}

/**
 * 停滞最久的项目 of a chain as the leader page lists them (the ten active projects longest in their
 * stage, from the stage's business date), counted to `day` (YYYY-MM-DD, Shanghai). Read by the
 * meeting pack so both show the same list.
 */
export async function chainStuckProjects(manager: EntityManager, chainId: number, day: string): Promise<StuckProject[]> {
  const rows: (ProjectRefRow & { since: string; days: number })[] = await manager.query(STUCK, [chainId, day]);
  return rows.map((r) => ({ project: toProjectRef(r), since: r.since, days: r.days }));
}
