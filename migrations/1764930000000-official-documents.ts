import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roll-up as an official document (公文, GB/T 9704-2012): the office's document settings
 * (issuing body, its abbreviation for document numbers, the signature) and each month's document
 * number, given once at its first export and kept (〔year〕sequence, counted per year).
 */
export class OfficialDocuments1764930000000 implements MigrationInterface {
  name = 'OfficialDocuments1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_setting (
        key varchar(40) PRIMARY KEY,
        value varchar(200) NOT NULL,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE roll_up_number (
        period char(7) PRIMARY KEY,
        year smallint NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        assigned_at timestamptz NOT NULL,
        UNIQUE (year, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roll_up_number`);
    await q.query(`DROP TABLE document_setting`);
  }
}
