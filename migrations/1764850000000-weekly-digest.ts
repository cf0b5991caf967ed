import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 周跟踪 (issue 9): weekly_digest_sent's key (user, Monday) makes each person's weekly digest go out
 * once, however often the worker fires; it is taken in the transaction that writes the
 * notification, whose id it keeps.
 */
export class WeeklyDigest1764850000000 implements MigrationInterface {
  name = 'WeeklyDigest1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE weekly_digest_sent (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        -- The Monday the digest is for; it covers the seven days before.
        week date NOT NULL CHECK (extract(isodow FROM week) = 1),
        sent_at timestamptz NOT NULL DEFAULT now(),
        notification_id uuid REFERENCES notification(id) ON DELETE SET NULL,
        PRIMARY KEY (user_id, week)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE weekly_digest_sent`);
  }
}
