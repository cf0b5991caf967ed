import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The leaders' cockpit: alert settings and instructions (issue 6). */
export class Cockpit1764820000000 implements MigrationInterface {
  name = 'Cockpit1764820000000';

  async up(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }
}
