import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Document settings are edited with the version read, like every other editable record (409 when stale). */
export class DocumentSettingVersion1764931000000 implements MigrationInterface {
  name = 'DocumentSettingVersion1764931000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_setting ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_setting DROP COLUMN version`);
  }
}
