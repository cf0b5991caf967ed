import { statWindow, type StatCutoffs, type StatWindow } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * The office's cut-offs of a year (stat_period_cutoff, migration 1764960000000): period →
 * YYYY-MM-DD; periods without one keep the default (the 25th; 31 December). With statWindow,
 * statPeriodOf and periodLockableFrom of @crm/domain they give the same windows as the SQL
 * function stat_period, which keys chain_month_total and so the headline figures.
 */
export async function readStatCutoffs(manager: EntityManager, year: number | string): Promise<StatCutoffs> {
  const rows: { period: string; cutoff: string }[] = await manager.query(
    `SELECT period, to_char(cutoff, 'YYYY-MM-DD') AS cutoff FROM stat_period_cutoff WHERE left(period, 4) = $1`,
    [String(year)],
  );
  return Object.fromEntries(rows.map((r) => [r.period, r.cutoff]));
}

/** 统计区间 of a period, with the office's cut-offs. */
export async function readStatWindow(manager: EntityManager, period: string): Promise<StatWindow> {
  return statWindow(period, await readStatCutoffs(manager, period.slice(0, 4)));
}
