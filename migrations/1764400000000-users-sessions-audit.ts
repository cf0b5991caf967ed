import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users (linked to a unit and, for leaders, a person), their sessions, and the audit trail.
 * Sessions live in PostgreSQL so any API process can serve any user. Audit rows can be written,
 * never changed: a trigger refuses UPDATE and DELETE.
 */
export class UsersSessionsAudit1764400000000 implements MigrationInterface {
  name = 'UsersSessionsAudit1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(60) NOT NULL,
        display_name varchar(60) NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['staff', 'leader', 'office', 'admin']),
        unit_id integer REFERENCES unit(id),
        person_id integer REFERENCES person(id),
        active boolean NOT NULL DEFAULT true,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username))`);

    await q.query(`
      CREATE TABLE user_session (
        id char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        csrf_token char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);
    await q.query(`CREATE INDEX user_session_expires_idx ON user_session (expires_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        username varchar(60),
        action varchar(20) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id varchar(64) NOT NULL,
        project_id uuid,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_project_idx ON audit_log (project_id, at DESC) WHERE project_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log rows cannot be changed or deleted';
      END $$`);
    // user_id SET NULL on a user's deletion is the one change allowed (users are deactivated,
    // not deleted, but the foreign key must not block it).
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
      WHEN (OLD.* IS DISTINCT FROM NEW.* AND NOT (NEW.user_id IS NULL AND OLD.user_id IS NOT NULL
            AND (OLD.id, OLD.at, OLD.action, OLD.entity_type, OLD.entity_id) = (NEW.id, NEW.at, NEW.action, NEW.entity_type, NEW.entity_id)))
      EXECUTE FUNCTION audit_log_immutable()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
      EXECUTE FUNCTION audit_log_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_immutable()`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE app_user`);
  }
}
