import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One data version for the answers the API caches (issue 23 §2: the cockpit, the leader page).
 *
 * - answer_version: one row; `version` grows at the commit of every transaction that wrote any
 *   watched table (every table of the schema but the few in ANSWER_VERSION_UNWATCHED), to the
 *   commit's instant in milliseconds or one more than before, so that a restored backup's older
 *   version is followed by a value never used before (no answer cached before the restore is
 *   served after it).
 * - A statement-level trigger `answer_version_mark` on each watched table (INSERT, UPDATE, DELETE,
 *   TRUNCATE) notes the transaction once in answer_version_pending (a transaction-local setting
 *   keeps later statements from repeating it); a deferred constraint trigger on that row bumps the
 *   version at commit and removes the row, so the row of answer_version is locked only while the
 *   transaction commits (never across its statements: no lock-order deadlocks, writers are not
 *   serialised on it) and the new version becomes visible at the same instant as the data.
 * - answer_version_watch(table) installs the trigger: a migration that creates a table calls it
 *   (the API checks at start that every table is watched, and caches nothing otherwise).
 */
const ANSWER_VERSION_UNWATCHED = [
  'migrations',
  'answer_version',
  'answer_version_pending',
  // Written on every request (last_seen_at) and read by no cached answer.
  'user_session',
  // The leader page's own memo of a function of the watched tables, written while it is read.
  'chain_stage_history',
];

export class AnswerVersion1765160000000 implements MigrationInterface {
  name = 'AnswerVersion1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE answer_version (
        id smallint PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO answer_version (id, version) VALUES (1, 1)`);
    await q.query(
      `CREATE TABLE answer_version_pending (txid bigint PRIMARY KEY)`,
    );
    await q.query(`
      CREATE FUNCTION answer_version_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('crm.answer_version_marked', true) IS DISTINCT FROM txid_current()::text THEN
          PERFORM set_config('crm.answer_version_marked', txid_current()::text, true);
          INSERT INTO answer_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION answer_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Never a number used before, even after a backup is restored: the instant in ms (the
        -- version is not a business date), or one more when two commits share a millisecond.
        UPDATE answer_version
        SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
        WHERE id = 1;
        DELETE FROM answer_version_pending WHERE txid = NEW.txid;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER answer_version_bump AFTER INSERT ON answer_version_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION answer_version_bump()`);
    await q.query(`
      CREATE FUNCTION answer_version_watch(t regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'CREATE TRIGGER answer_version_mark AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
           FOR EACH STATEMENT EXECUTE FUNCTION answer_version_mark()', t);
      END $$`);
    await q.query(
      `SELECT answer_version_watch(c.oid::regclass)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND c.relname <> ALL ($1::text[])`,
      [ANSWER_VERSION_UNWATCHED],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const watched: { relname: string }[] = await q.query(
      `SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'answer_version_mark'`,
    );
    for (const { relname } of watched)
      await q.query(`DROP TRIGGER answer_version_mark ON "${relname}"`);
    await q.query(`DROP FUNCTION answer_version_watch(regclass)`);
    await q.query(`DROP TABLE answer_version_pending`);
    await q.query(`DROP FUNCTION answer_version_bump()`);
    await q.query(`DROP FUNCTION answer_version_mark()`);
    await q.query(`DROP TABLE answer_version`);
  }
}
