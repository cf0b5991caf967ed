import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business dates for time in stage (issue 15 §4). `stage_since` is the day the project's current
 * stage began as the business knows it: the stage's own fact (签约日期, 供地批复日期, 开工日期,
 * 竣工投产日期), else the day the user gave for reaching it (`stage_reached_on`), else the Shanghai
 * day it was entered (`stage_entered_at`, the entry time kept for the audit). A stored generated
 * column, so every writer and every back-filled row agrees, and the leader page, its alerts and the
 * list's ?stageSinceTo= read the one value. A stage change that does not name its own day clears
 * the day given for the stage before.
 *
 * Also: the default owners an import's commit was given (kept with the batch for the worker).
 */
export class StageSince1764910000000 implements MigrationInterface {
  name = 'StageSince1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project ADD COLUMN stage_reached_on date`);
    await q.query(`
      ALTER TABLE project ADD COLUMN stage_since date NOT NULL GENERATED ALWAYS AS (
        coalesce(
          CASE stage WHEN 'signed' THEN signed_on WHEN 'land' THEN land_approved_on
                     WHEN 'construction' THEN construction_started_on WHEN 'production' THEN completed_on END,
          stage_reached_on,
          (stage_entered_at AT TIME ZONE 'Asia/Shanghai')::date)
      ) STORED`);
    await q.query(`
      CREATE FUNCTION project_stage_reached_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stage IS DISTINCT FROM OLD.stage AND NEW.stage_reached_on IS NOT DISTINCT FROM OLD.stage_reached_on THEN
          NEW.stage_reached_on := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_stage_reached_reset BEFORE UPDATE OF stage ON project
      FOR EACH ROW EXECUTE FUNCTION project_stage_reached_reset()`);
    await q.query(`
      CREATE INDEX project_chain_stage_since_idx ON project (chain_id, stage, stage_since)
      WHERE status IN ('active', 'paused')`);
    await q.query(`ALTER TABLE import_batch ADD COLUMN default_owners jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_batch DROP COLUMN default_owners`);
    await q.query(`DROP INDEX project_chain_stage_since_idx`);
    await q.query(`DROP TRIGGER project_stage_reached_reset ON project`);
    await q.query(`DROP FUNCTION project_stage_reached_reset()`);
    await q.query(`ALTER TABLE project DROP COLUMN stage_since, DROP COLUMN stage_reached_on`);
  }
}
