import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Investors and the people behind them (issue 20 §1–3):
 * - enterprise_contact (联系人): people at firms, with the staff who know them, linked to projects
 *   and to the activities they took part in. Personal data (个人信息保护法): a person removed on
 *   request is anonymised in place (anonymised_at), so the activities that name them stay whole.
 * - enterprise.parent_enterprise_id: a firm's group (parent and subsidiaries), for the firm page and
 *   the courting alert; merged_into_id marks a duplicate merged into another (enterprise_merge keeps
 *   what moved, so the admin can undo it).
 * - courting_conflict (撞车提醒): two active projects of one firm's group by different chains or
 *   units; once per pair of projects (the pair is stored in order and unique), the office's decision
 *   of who leads.
 */
export class ContactsAndFirmGroups1765000000000 implements MigrationInterface {
  name = 'ContactsAndFirmGroups1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprise
        ADD COLUMN parent_enterprise_id uuid REFERENCES enterprise(id),
        ADD COLUMN merged_into_id uuid REFERENCES enterprise(id),
        ADD CONSTRAINT enterprise_parent_not_self CHECK (parent_enterprise_id <> id),
        ADD CONSTRAINT enterprise_merged_not_self CHECK (merged_into_id <> id)`);
    await q.query(
      `CREATE INDEX enterprise_parent_idx ON enterprise (parent_enterprise_id) WHERE parent_enterprise_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE enterprise_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprise(id),
        name varchar(100) NOT NULL CHECK (btrim(name) <> ''),
        title varchar(100),
        mobile varchar(11) CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
        landline varchar(40),
        wechat varchar(100),
        email varchar(200),
        notes varchar(1000),
        anonymised_at timestamptz,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX enterprise_contact_enterprise_idx ON enterprise_contact (enterprise_id)`);
    await q.query(`
      CREATE TABLE enterprise_contact_staff (
        contact_id uuid NOT NULL REFERENCES enterprise_contact(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (contact_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE project_contact (
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES enterprise_contact(id) ON DELETE CASCADE,
        PRIMARY KEY (project_id, contact_id)
      )`);
    await q.query(`CREATE INDEX project_contact_contact_idx ON project_contact (contact_id)`);
    await q.query(`
      CREATE TABLE activity_contact (
        activity_id uuid NOT NULL REFERENCES project_activity(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES enterprise_contact(id),
        PRIMARY KEY (activity_id, contact_id)
      )`);
    await q.query(`CREATE INDEX activity_contact_contact_idx ON activity_contact (contact_id)`);

    await q.query(`
      CREATE TABLE enterprise_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES enterprise(id),
        target_id uuid NOT NULL REFERENCES enterprise(id),
        moved_project_ids uuid[] NOT NULL DEFAULT '{}',
        moved_contact_ids uuid[] NOT NULL DEFAULT '{}',
        moved_subsidiary_ids uuid[] NOT NULL DEFAULT '{}',
        moved_credit_code char(18),
        merged_by uuid REFERENCES app_user(id),
        merged_at timestamptz NOT NULL,
        undone_by uuid REFERENCES app_user(id),
        undone_at timestamptz,
        CHECK (source_id <> target_id)
      )`);
    await q.query(`CREATE INDEX enterprise_merge_source_idx ON enterprise_merge (source_id)`);

    await q.query(`
      CREATE TABLE courting_conflict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_a_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        project_b_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        -- The project whose opening raised the conflict, and the firm it named.
        opened_by_project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        opened_at timestamptz NOT NULL,
        lead_project_id uuid REFERENCES project(id) ON DELETE SET NULL,
        decision_note varchar(500),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        CHECK (project_a_id < project_b_id),
        CHECK (lead_project_id IS NULL OR lead_project_id IN (project_a_id, project_b_id)),
        UNIQUE (project_a_id, project_b_id)
      )`);
    await q.query(`CREATE INDEX courting_conflict_open_idx ON courting_conflict (opened_at) WHERE decided_at IS NULL`);
    await q.query(`CREATE INDEX courting_conflict_b_idx ON courting_conflict (project_b_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE courting_conflict`);
    await q.query(`DROP TABLE enterprise_merge`);
    await q.query(`DROP TABLE activity_contact`);
    await q.query(`DROP TABLE project_contact`);
    await q.query(`DROP TABLE enterprise_contact_staff`);
    await q.query(`DROP TABLE enterprise_contact`);
    await q.query(`
      ALTER TABLE enterprise DROP CONSTRAINT enterprise_merged_not_self, DROP CONSTRAINT enterprise_parent_not_self,
        DROP COLUMN merged_into_id, DROP COLUMN parent_enterprise_id`);
  }
}
