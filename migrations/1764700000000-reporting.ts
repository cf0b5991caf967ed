import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly reporting (issue 5): 报告期, per-unit extensions, 月报 with the figures frozen at
 * submission, in-app notifications, and reminder_sent, whose unique key (unit, period, kind) is
 * what makes a reminder go out once however often the job runs.
 */
export class Reporting1764700000000 implements MigrationInterface {
  name = 'Reporting1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE monthly_report_state AS ENUM ('draft', 'submitted', 'returned', 'accepted')`,
    );
    await q.query(`
      CREATE TABLE reporting_period (
        period char(7) PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        opens_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        locked boolean NOT NULL DEFAULT false,
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (opens_at < due_at),
        CHECK (locked = (locked_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE unit_deadline_extension (
        period char(7) NOT NULL REFERENCES reporting_period(period),
        unit_id integer NOT NULL REFERENCES unit(id),
        extended_to date NOT NULL,
        reason varchar(500) NOT NULL CHECK (btrim(reason) <> ''),
        granted_by uuid REFERENCES app_user(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (period, unit_id)
      )`);
    await q.query(`
      CREATE TABLE monthly_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id integer NOT NULL REFERENCES unit(id),
        period char(7) NOT NULL REFERENCES reporting_period(period),
        state monthly_report_state NOT NULL DEFAULT 'draft',
        work_done text NOT NULL DEFAULT '',
        problems text NOT NULL DEFAULT '',
        next_month_plan text NOT NULL DEFAULT '',
        submitted_at timestamptz,
        submitted_by uuid REFERENCES app_user(id),
        late boolean,
        snapshot jsonb,
        return_comment varchar(2000),
        reviewed_by uuid REFERENCES app_user(id),
        reviewed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_id, period),
        CHECK ((submitted_at IS NULL) = (late IS NULL)),
        CHECK (state = 'draft' OR (submitted_at IS NOT NULL AND snapshot IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX monthly_report_period_idx ON monthly_report (period, state)`,
    );
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        link varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        -- The e-mail copy (when SMTP is configured and the user has an address): sent once.
        emailed_at timestamptz,
        email_attempts smallint NOT NULL DEFAULT 0
      )`);
    await q.query(
      `CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE reminder_sent (
        unit_id integer NOT NULL REFERENCES unit(id),
        period char(7) NOT NULL,
        kind varchar(30) NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        -- NULL: the key was taken but nothing went out (the unit submitted meanwhile).
        recipients integer,
        -- The group-robot message (when a webhook is configured): sent once.
        webhook_sent_at timestamptz,
        webhook_attempts smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, period, kind)
      )`);
    await q.query(`CREATE INDEX reminder_sent_webhook_idx ON reminder_sent (sent_at) WHERE webhook_sent_at IS NULL`);
    await q.query(`CREATE INDEX notification_email_idx ON notification (created_at) WHERE emailed_at IS NULL`);
    // Where a user's notifications are e-mailed; optional.
    await q.query(`ALTER TABLE app_user ADD COLUMN email varchar(254) CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN email`);
    for (const table of [
      'reminder_sent',
      'notification',
      'monthly_report',
      'unit_deadline_extension',
      'reporting_period',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP TYPE monthly_report_state`);
  }
}
