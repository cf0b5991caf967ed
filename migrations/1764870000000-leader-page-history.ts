import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain leader page at scale (issue 7).
 *
 * - chain_stage_history: per chain, the funnel's "ever reached" counts and the completed stays'
 *   medians, read from the whole stage history (~250 ms a chain at 50,000 projects). `version` is
 *   bumped by triggers in the transaction of every change that can alter them (a project created,
 *   deleted, moved to another stage or chain; a stage move written or removed); the page stores
 *   what it computed with the version it read, and uses it while the version is unchanged.
 * - the current stays' medians are read by position from a partial index on
 *   (chain, stage, stage_entered_at) instead of sorting the chain's projects;
 * - each unit's latest submitted report comes from a partial index on (unit_id, period).
 */
export class LeaderPageHistory1764870000000 implements MigrationInterface {
  name = 'LeaderPageHistory1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chain_stage_history (
        chain_id smallint PRIMARY KEY REFERENCES chain(id) ON DELETE CASCADE,
        version bigint NOT NULL DEFAULT 1,
        -- What the leader page computed, at which version (NULL: never).
        computed_version bigint,
        reached jsonb,
        completed jsonb,
        computed_at timestamptz
      )`);
    await q.query(`INSERT INTO chain_stage_history (chain_id) SELECT id FROM chain`);

    // A new chain gets its row.
    await q.query(`
      CREATE FUNCTION chain_stage_history_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO chain_stage_history (chain_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER chain_stage_history_row AFTER INSERT ON chain
      FOR EACH ROW EXECUTE FUNCTION chain_stage_history_row()`);

    // Projects: created or deleted (statement level, for bulk loads), or moved between stages or
    // chains (row level, only when stage or chain changes).
    await q.query(`
      CREATE FUNCTION chain_stage_history_bump_projects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE chain_stage_history SET version = version + 1
          WHERE chain_id IN (SELECT DISTINCT chain_id FROM new_rows);
        ELSE
          UPDATE chain_stage_history SET version = version + 1
          WHERE chain_id IN (SELECT DISTINCT chain_id FROM old_rows);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_stage_history_insert AFTER INSERT ON project REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION chain_stage_history_bump_projects()`);
    await q.query(`
      CREATE TRIGGER project_stage_history_delete AFTER DELETE ON project REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION chain_stage_history_bump_projects()`);
    await q.query(`
      CREATE FUNCTION chain_stage_history_bump_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE chain_stage_history SET version = version + 1 WHERE chain_id IN (OLD.chain_id, NEW.chain_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_stage_history_update AFTER UPDATE OF stage, chain_id ON project
      FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.chain_id IS DISTINCT FROM NEW.chain_id)
      EXECUTE FUNCTION chain_stage_history_bump_project()`);

    // Stage moves written, changed or removed (statement level: the history is loaded in bulk).
    await q.query(`
      CREATE FUNCTION chain_stage_history_bump_moves() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE chain_stage_history SET version = version + 1
          WHERE chain_id IN (SELECT DISTINCT p.chain_id FROM project p JOIN old_rows m ON m.project_id = p.id);
        ELSE
          UPDATE chain_stage_history SET version = version + 1
          WHERE chain_id IN (SELECT DISTINCT p.chain_id FROM project p JOIN new_rows m ON m.project_id = p.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_stage_move_history_insert AFTER INSERT ON project_stage_move
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_stage_history_bump_moves()`);
    await q.query(`
      CREATE TRIGGER project_stage_move_history_update AFTER UPDATE ON project_stage_move
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_stage_history_bump_moves()`);
    await q.query(`
      CREATE TRIGGER project_stage_move_history_delete AFTER DELETE ON project_stage_move
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chain_stage_history_bump_moves()`);

    await q.query(`
      CREATE INDEX project_chain_stage_entered_idx ON project (chain_id, stage, stage_entered_at)
      WHERE status IN ('active', 'paused')`);
    await q.query(`
      CREATE INDEX monthly_report_unit_submitted_idx ON monthly_report (unit_id, period DESC)
      WHERE submitted_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX monthly_report_unit_submitted_idx`);
    await q.query(`DROP INDEX project_chain_stage_entered_idx`);
    await q.query(`DROP TRIGGER project_stage_move_history_delete ON project_stage_move`);
    await q.query(`DROP TRIGGER project_stage_move_history_update ON project_stage_move`);
    await q.query(`DROP TRIGGER project_stage_move_history_insert ON project_stage_move`);
    await q.query(`DROP TRIGGER project_stage_history_update ON project`);
    await q.query(`DROP TRIGGER project_stage_history_delete ON project`);
    await q.query(`DROP TRIGGER project_stage_history_insert ON project`);
    await q.query(`DROP TRIGGER chain_stage_history_row ON chain`);
    await q.query(`DROP FUNCTION chain_stage_history_bump_moves()`);
    await q.query(`DROP FUNCTION chain_stage_history_bump_project()`);
    await q.query(`DROP FUNCTION chain_stage_history_bump_projects()`);
    await q.query(`DROP FUNCTION chain_stage_history_row()`);
    await q.query(`DROP TABLE chain_stage_history`);
  }
}
