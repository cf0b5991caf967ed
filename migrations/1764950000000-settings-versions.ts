import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optimistic versions (issue 15 §6) on the last editable records without one: the office settings
 * (the reminder and alert thresholds, the ranking weights), the funds baselines of past years, a
 * chain's leaders and units (their dates) and a key task's goals (the achieved figure). An edit names
 * the version it read; a stale one answers 409 with the record as it is now.
 */
export class SettingsVersions1764950000000 implements MigrationInterface {
  name = 'SettingsVersions1764950000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['office_setting', 'funds_baseline', 'chain_leader', 'chain_unit', 'key_task_goal']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['key_task_goal', 'chain_unit', 'chain_leader', 'funds_baseline', 'office_setting']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN version`);
    }
  }
}
