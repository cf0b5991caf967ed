import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A built roll-up goes out of date when a report of its period is submitted late, returned or
 * resubmitted after it was built: stale_since says since when (null: current). The rebuild clears it.
 */
export class RollUpStale1764940000000 implements MigrationInterface {
  name = 'RollUpStale1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roll_up ADD COLUMN stale_since timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roll_up DROP COLUMN stale_since`);
  }
}
