import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A year's plan imported from Excel: the upload is read and checked into a stored preview (the
 * differences from the plan as it is), and committed later in one transaction through the plan's
 * writer, as the ledgers are.
 */
export class PlanImport1764893000000 implements MigrationInterface {
  name = 'PlanImport1764893000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year smallint NOT NULL,
        file_name varchar(255) NOT NULL,
        body jsonb,
        problems jsonb NOT NULL DEFAULT '[]',
        differences jsonb NOT NULL DEFAULT '[]',
        plan_version integer,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        committed_at timestamptz,
        committed_by uuid REFERENCES app_user(id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_import`);
  }
}
