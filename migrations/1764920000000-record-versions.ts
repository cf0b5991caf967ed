import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optimistic versions (issue 15 §6) on the editable records that had none: a meeting, an action
 * item (its status) and a reporting period (its extensions and lock). An update names the version
 * it read; a stale one answers 409 with the current record, so two people saving one meeting no
 * longer lose a change silently.
 */
export class RecordVersions1764920000000 implements MigrationInterface {
  name = 'RecordVersions1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    await q.query(`ALTER TABLE action_item ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    await q.query(`ALTER TABLE reporting_period ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting_period DROP COLUMN version`);
    await q.query(`ALTER TABLE action_item DROP COLUMN version`);
    await q.query(`ALTER TABLE meeting DROP COLUMN version`);
  }
}
