import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 各部门预审 (issue 21 §1, plan §(二十七)): a project's evaluation asks named units for an opinion
 * on a topic by a due date (pre_review_request); the unit's staff answer once (同意 / 附条件同意 /
 * 不同意, a text required for the last two); the task force may withdraw a request not yet answered.
 * The office may let the conclusion through without the missing opinions, with a reason kept on the
 * evaluation. The third-party evaluation's own findings (可行性, 产出效益, 平衡周期 in years) are
 * columns of the evaluation.
 */
export class PreReview1765110000000 implements MigrationInterface {
  name = 'PreReview1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE pre_review_answer AS ENUM ('agree', 'conditional', 'disagree')`);
    await q.query(`
      CREATE TABLE pre_review_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id uuid NOT NULL REFERENCES project_evaluation(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        unit_id integer NOT NULL REFERENCES unit(id),
        topic varchar(200) NOT NULL CHECK (btrim(topic) <> ''),
        due_on date NOT NULL,
        requested_by uuid REFERENCES app_user(id),
        requested_at timestamptz NOT NULL,
        answer pre_review_answer,
        answer_text varchar(2000),
        answered_by uuid REFERENCES app_user(id),
        answered_at timestamptz,
        withdrawn_by uuid REFERENCES app_user(id),
        withdrawn_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK ((answer IS NULL) = (answered_at IS NULL)),
        CHECK (answer IS NULL OR withdrawn_at IS NULL),
        CHECK (answer IS NULL OR answer = 'agree' OR btrim(coalesce(answer_text, '')) <> '')
      )`);
    // One live request per unit and topic of an evaluation: asking twice is a mistake, not a second opinion.
    await q.query(`
      CREATE UNIQUE INDEX pre_review_request_one_live ON pre_review_request (evaluation_id, unit_id, lower(btrim(topic)))
      WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX pre_review_request_evaluation_idx ON pre_review_request (evaluation_id, requested_at)`);
    // The unit's queue: what it has not answered yet.
    await q.query(`
      CREATE INDEX pre_review_request_unit_pending_idx ON pre_review_request (unit_id, due_on)
      WHERE answer IS NULL AND withdrawn_at IS NULL`);

    await q.query(`
      ALTER TABLE project_evaluation
        ADD COLUMN feasibility varchar(2000),
        ADD COLUMN output_benefit varchar(2000),
        ADD COLUMN balance_period_years numeric(3, 1) CHECK (balance_period_years > 0),
        ADD COLUMN pre_review_override_reason varchar(500),
        ADD COLUMN pre_review_override_by uuid REFERENCES app_user(id),
        ADD COLUMN pre_review_override_at timestamptz,
        ADD COLUMN pre_review_override_missing integer[],
        ADD CONSTRAINT project_evaluation_pre_review_override_whole CHECK (
          (pre_review_override_reason IS NULL) = (pre_review_override_at IS NULL)
          AND (pre_review_override_reason IS NULL OR btrim(pre_review_override_reason) <> ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project_evaluation
        DROP CONSTRAINT project_evaluation_pre_review_override_whole,
        DROP COLUMN pre_review_override_missing,
        DROP COLUMN pre_review_override_at,
        DROP COLUMN pre_review_override_by,
        DROP COLUMN pre_review_override_reason,
        DROP COLUMN balance_period_years,
        DROP COLUMN output_benefit,
        DROP COLUMN feasibility`);
    await q.query(`DROP TABLE pre_review_request`);
    await q.query(`DROP TYPE pre_review_answer`);
  }
}
