import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Daily reminders (follow-ups due, projects without activity) and office settings (issue 5). */
export class DailyReminders1764810000000 implements MigrationInterface {
  name = 'DailyReminders1764810000000';

  async up(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }
}
