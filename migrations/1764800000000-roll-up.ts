import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The monthly roll-up to the municipal committee (issue 5). */
export class RollUp1764800000000 implements MigrationInterface {
  name = 'RollUp1764800000000';

  async up(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }

  async down(_q: QueryRunner): Promise<void> {
    // filled in by its issue's work
  }
}
