import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An optimistic version on a chain's 月调度会 schedule (issue 15 §6): a save names the version read
 * (0 for a chain without a schedule yet); a stale one answers 409 with the row as it is now.
 */
export class MeetingScheduleVersion1764920100000 implements MigrationInterface {
  name = 'MeetingScheduleVersion1764920100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_schedule ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_schedule DROP COLUMN version`);
  }
}
