import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 批示 as a conversation (issue 19 §4) and remembered devices (issue 19 §5).
 *
 * An instruction records when its project's owner first opened it (read), when the owner or the
 * chain's staff acknowledged it (已阅) and first replied; its replies form the thread. Acknowledging
 * and replying name the instruction's version. A remembered session (记住此设备) carries a public id
 * (the session's own id is the token's hash and never leaves the server) and the browser it was made
 * in, so its user can list and remove it.
 */
export class InstructionThread1764980000000 implements MigrationInterface {
  name = 'InstructionThread1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project_instruction
        ADD COLUMN read_at timestamptz,
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN acknowledged_by uuid REFERENCES app_user(id),
        ADD COLUMN replied_at timestamptz,
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    // The open ones (not yet replied) of a chain's projects, oldest first, for the leader page and the roll-up.
    await q.query(
      `CREATE INDEX project_instruction_open_idx ON project_instruction (created_at) WHERE replied_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE project_instruction_reply (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instruction_id uuid NOT NULL REFERENCES project_instruction(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES app_user(id),
        text varchar(2000) NOT NULL CHECK (btrim(text) <> ''),
        -- A leader's follow-up, not an answer from the project's side (which marks the instruction replied).
        by_leader boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX project_instruction_reply_idx ON project_instruction_reply (instruction_id, created_at, id)`,
    );

    await q.query(`
      ALTER TABLE user_session
        ADD COLUMN remembered boolean NOT NULL DEFAULT false,
        ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN user_agent varchar(300)`);
    await q.query(`CREATE UNIQUE INDEX user_session_public_id_idx ON user_session (public_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_session_public_id_idx`);
    await q.query(`ALTER TABLE user_session DROP COLUMN user_agent, DROP COLUMN public_id, DROP COLUMN remembered`);
    await q.query(`DROP TABLE project_instruction_reply`);
    await q.query(`DROP INDEX project_instruction_open_idx`);
    await q.query(`
      ALTER TABLE project_instruction
        DROP COLUMN version, DROP COLUMN replied_at, DROP COLUMN acknowledged_by,
        DROP COLUMN acknowledged_at, DROP COLUMN read_at`);
  }
}
