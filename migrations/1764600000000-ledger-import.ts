import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 台账导入 (issue 8): an uploaded sheet becomes a batch with one row per sheet row, each saying what
 * it will do (create, update which record, skip) and what is wrong with it, in Chinese, by row and
 * column. Nothing reaches the business tables until the batch is committed.
 */
export class LedgerImport1764600000000 implements MigrationInterface {
  name = 'LedgerImport1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE import_kind AS ENUM ('enterprises', 'projects')`);
    await q.query(`CREATE TYPE import_status AS ENUM ('queued', 'previewed', 'committed', 'failed')`);
    await q.query(`CREATE TYPE import_action AS ENUM ('create', 'update', 'skip', 'error')`);
    await q.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind import_kind NOT NULL,
        status import_status NOT NULL,
        file_name varchar(255) NOT NULL,
        file_sha256 char(64) NOT NULL,
        file_size integer NOT NULL CHECK (file_size >= 0),
        sheet_name varchar(100),
        header_row integer,
        -- The sheet's headers and the field each maps to (null: skipped).
        columns jsonb NOT NULL DEFAULT '[]',
        -- Notes on the whole file, e.g. formula cells read by their cached result.
        notices jsonb NOT NULL DEFAULT '[]',
        -- A large file waits here for the worker (cleared once read), with what the preview needs.
        file_content bytea,
        column_overrides jsonb NOT NULL DEFAULT '{}',
        -- Chains the uploader may import into; NULL: every chain (office, admin).
        editable_chain_ids integer[],
        failure text,
        total_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        create_count integer NOT NULL DEFAULT 0,
        update_count integer NOT NULL DEFAULT 0,
        skip_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        committed_by uuid REFERENCES app_user(id),
        committed_at timestamptz,
        CHECK ((status = 'committed') = (committed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX import_batch_created_by_idx ON import_batch (created_by, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_row (
        batch_id uuid NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        action import_action NOT NULL,
        -- The record a create made, or the one an update or skip matched.
        target_id uuid,
        -- The row's values as read (fields in 万元, YYYY-MM-DD, codes).
        data jsonb NOT NULL,
        -- For an update: the fields that change, before and after.
        changes jsonb,
        errors jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (batch_id, row_number),
        CHECK ((action = 'error') = (jsonb_array_length(errors) > 0))
      )`);
    await q.query(`CREATE INDEX import_row_errors_idx ON import_row (batch_id, row_number) WHERE action = 'error'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_row`);
    await q.query(`DROP TABLE import_batch`);
    await q.query(`DROP TYPE import_action`);
    await q.query(`DROP TYPE import_status`);
    await q.query(`DROP TYPE import_kind`);
  }
}
