import { addPeriods, periodOf } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * The periods whose deadlines a scheduled run (reminders, the roll-up's build) may still have to
 * act on at `now`, oldest first: this month's; last month's (its deadline, the 25th, may have
 * passed during an outage that ran into this month); and the month before that when a unit's
 * deadline was extended: an extension may run to the end of the following month, so its
 * escalation falls as the month after that begins (December's report extended to 31 January is
 * late on 1 February).
 */
export async function recentPeriods(manager: EntityManager, now: Date): Promise<string[]> {
  const current = periodOf(now);
  const older = addPeriods(current, -2);
  const [extended] = await manager.query(`SELECT 1 FROM unit_deadline_extension WHERE period = $1 LIMIT 1`, [older]);
  return [...(extended ? [older] : []), addPeriods(current, -1), current];
}
