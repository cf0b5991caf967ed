import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerts, computed once per day and data version (issue 23 §2): alert_memo keeps, for one
 * `as_of` day, one data version (answer_version.version) and one set of the alerts' Ns
 * (settings_key), every chain's counts per alert kind and its longest-standing alerts per kind
 * (AlertService). Counts add up over chains and the top N of a set of chains is the top N of the
 * union of its chains' top Ns, so any set of chains is answered from one row. Written by the worker
 * (alerts-refresh, every minute) and by a reader that finds none.
 *
 * Deliberately not watched by answer_version_mark (ANSWER_VERSION_UNWATCHED): it is a memo of a
 * function of the watched tables, written while it is read; a write to it must not bump the version.
 */
export class AlertMemo1765170000000 implements MigrationInterface {
  name = 'AlertMemo1765170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_memo (
        as_of date NOT NULL,
        version bigint NOT NULL,
        settings_key text NOT NULL,
        -- { "<chain id>": { counts: { kind: n }, projects: [alert rows], reports: [late-report rows] } }
        chains jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (as_of, version, settings_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_memo`);
  }
}
