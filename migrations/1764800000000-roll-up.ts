import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly roll-up to the municipal committee (issue 5): the built report per period, the
 * month-end snapshot taken when the period is locked (what every later rebuild reads, so a locked
 * month's figures never move), and the Word/Excel exports built by the worker. Export files are
 * kept in PostgreSQL so whichever API process answers can serve them.
 */
export class RollUp1764800000000 implements MigrationInterface {
  name = 'RollUp1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roll_up_snapshot (
        period char(7) PRIMARY KEY REFERENCES reporting_period(period),
        figures jsonb NOT NULL,
        taken_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE roll_up (
        period char(7) PRIMARY KEY REFERENCES reporting_period(period),
        figures jsonb NOT NULL,
        -- The figures were read from roll_up_snapshot, not from the live tables.
        from_snapshot boolean NOT NULL DEFAULT false,
        narrative text NOT NULL,
        narrative_edited boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        built_at timestamptz NOT NULL,
        -- NULL: built by the worker's schedule.
        built_by uuid REFERENCES app_user(id)
      )`);
    await q.query(`CREATE TYPE roll_up_export_state AS ENUM ('queued', 'running', 'done', 'failed')`);
    await q.query(`
      CREATE TABLE roll_up_export (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period char(7) NOT NULL REFERENCES roll_up(period) ON DELETE CASCADE,
        format varchar(4) NOT NULL CHECK (format IN ('docx', 'xlsx')),
        state roll_up_export_state NOT NULL DEFAULT 'queued',
        file_name varchar(200) NOT NULL,
        file bytea,
        -- The roll-up's version the file was built from.
        roll_up_version integer,
        error text,
        attempts smallint NOT NULL DEFAULT 0,
        requested_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK ((state = 'done') = (file IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX roll_up_export_period_idx ON roll_up_export (period, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roll_up_export`);
    await q.query(`DROP TYPE roll_up_export_state`);
    await q.query(`DROP TABLE roll_up`);
    await q.query(`DROP TABLE roll_up_snapshot`);
  }
}
