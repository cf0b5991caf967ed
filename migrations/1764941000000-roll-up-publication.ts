import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 月通报: a month's roll-up as the office published it, frozen: the figures, the narrative, the
 * draft (roll-up version) it came from, its document number and its Word and Excel files. A period
 * may be published again after a correction (seq 2, …); each publication stays as it was.
 */
export class RollUpPublication1764941000000 implements MigrationInterface {
  name = 'RollUpPublication1764941000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roll_up_publication (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period char(7) NOT NULL REFERENCES roll_up(period) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq > 0),
        roll_up_version integer NOT NULL,
        figures jsonb NOT NULL,
        narrative text NOT NULL,
        document_number varchar(60) NOT NULL,
        docx bytea NOT NULL,
        xlsx bytea NOT NULL,
        published_by uuid REFERENCES app_user(id),
        published_at timestamptz NOT NULL,
        UNIQUE (period, seq)
      )`);
    await q.query(`CREATE INDEX roll_up_publication_published_at ON roll_up_publication (published_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roll_up_publication`);
  }
}
