import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Placeholder (issue 9): filled in by the meeting-schedule work. */
export class MeetingSchedule1764840000000 implements MigrationInterface {
  name = 'MeetingSchedule1764840000000';

  async up(_q: QueryRunner): Promise<void> {
    // filled in below
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled in below
  }
}
