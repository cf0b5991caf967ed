import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Placeholder (issue 9): filled in by the weekly-digest work. */
export class WeeklyDigest1764850000000 implements MigrationInterface {
  name = 'WeeklyDigest1764850000000';

  async up(_q: QueryRunner): Promise<void> {
    // filled in below
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled in below
  }
}
