import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 §4: 附件. Files attached to records (a project's 协议 and 批复, a pre-review 意见, a
 * meeting's 纪要 …) are kept in PostgreSQL, in this table, beside the records they belong to: the
 * database backup (pg_dump) is then the one backup of everything, and a file and its record are
 * written in one transaction (no orphan file on disk, no record pointing at a lost file).
 *
 * owner_type + owner_id name the record; the area that owns that type decides who may read or
 * change it (registerFileOwner of @crm/api/files), so there is no foreign key here. The checksum
 * and the size are checked against the bytes by the database itself. A deletion is soft: the row
 * stays (and with it the bytes, for the audit) and drops out of every list.
 *
 * content is stored EXTERNAL (out of line, uncompressed): PDFs, JPEGs and Office files are
 * compressed already, and a list of files never reads their bytes.
 */
export class StoredFiles1765100000000 implements MigrationInterface {
  name = 'StoredFiles1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE stored_file_kind AS ENUM ('agreement', 'approval', 'opinion', 'minutes', 'other')`);
    await q.query(`
      CREATE TABLE stored_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_type varchar(40) NOT NULL CHECK (owner_type ~ '^[a-z][a-z0-9_-]{0,39}$'),
        owner_id varchar(64) NOT NULL CHECK (btrim(owner_id) <> ''),
        -- The project the owner belongs to, when it has one: the audit's project filter finds the file.
        project_id uuid REFERENCES project(id),
        kind stored_file_kind NOT NULL,
        name varchar(255) NOT NULL CHECK (btrim(name) <> ''),
        media_type varchar(120) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL,
        deleted_by uuid REFERENCES app_user(id),
        deleted_at timestamptz,
        CHECK (size_bytes = octet_length(content)),
        CHECK (sha256 = encode(sha256(content), 'hex')),
        CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
      )`);
    await q.query(`ALTER TABLE stored_file ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX stored_file_owner_idx ON stored_file (owner_type, owner_id, uploaded_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX stored_file_project_idx ON stored_file (project_id) WHERE project_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_file`);
    await q.query(`DROP TYPE stored_file_kind`);
  }
}
