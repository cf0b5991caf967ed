import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily reminders (follow-ups due, projects without activity), office settings, and the office's
 * notice of major projects (issue 5).
 *
 * - office_setting: integer settings of the office by key (other areas add their own keys).
 * - daily_reminder_sent: its key (project, kind, date) makes each daily reminder go out once,
 *   however often the job runs and however many workers run it.
 * - project_activity.major: a follow-up the staff mark as a major event (重大事项).
 * - Triggers write the office's notifications of a project flagged major, or of a major event
 *   logged on one, in the transaction of that change, whichever code path makes it (the API,
 *   a ledger import): the notice exists exactly when the change does.
 */
export class DailyReminders1764810000000 implements MigrationInterface {
  name = 'DailyReminders1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_setting (
        key varchar(60) PRIMARY KEY CHECK (btrim(key) <> ''),
        value integer NOT NULL,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // 久未跟进: days without activity before the owner is reminded.
    await q.query(`INSERT INTO office_setting (key, value) VALUES ('project-idle-days', 30)`);

    await q.query(`
      CREATE TABLE daily_reminder_sent (
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        kind varchar(30) NOT NULL,
        -- follow-up-due: the follow-up date; project-idle: the last activity (or creation) date.
        on_date date NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        -- NULL: the key was taken but nobody could be told (no active owner or staff).
        recipient uuid REFERENCES app_user(id) ON DELETE SET NULL,
        PRIMARY KEY (project_id, kind, on_date)
      )`);

    await q.query(`ALTER TABLE project_activity ADD COLUMN major boolean NOT NULL DEFAULT false`);

    await q.query(`
      CREATE FUNCTION notify_office_of_major_project() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        p record;
        title text;
        body text;
      BEGIN
        IF TG_TABLE_NAME = 'project_activity' THEN
          SELECT x.id, x.name, c.name_zh AS chain_name, u.name AS unit_name
            INTO p FROM project x JOIN chain c ON c.id = x.chain_id JOIN unit u ON u.id = x.responsible_unit_id
            WHERE x.id = NEW.project_id;
          title := '重大事项：' || p.name || ' / Major event on ' || p.name;
          body := p.chain_name || ' · ' || p.unit_name || ' · ' || to_char(NEW.occurred_on, 'YYYY-MM-DD') || E'\\n'
            || left(NEW.summary, 500);
        ELSE
          SELECT NEW.id, NEW.name, c.name_zh AS chain_name, u.name AS unit_name
            INTO p FROM chain c, unit u WHERE c.id = NEW.chain_id AND u.id = NEW.responsible_unit_id;
          title := '重大项目：' || p.name || ' / Major project: ' || p.name;
          body := p.chain_name || ' · ' || p.unit_name || ' · ' || NEW.investor_name
            || CASE WHEN NEW.planned_investment IS NULL THEN ''
                    ELSE ' · 计划投资 ' || rtrim(rtrim(NEW.planned_investment::text, '0'), '.') || ' 万元' END
            || CASE WHEN TG_OP = 'INSERT' THEN E'\\n新建为重大项目 / Created as a major project'
                    ELSE E'\\n标记为重大项目 / Flagged major' END;
        END IF;
        INSERT INTO notification (user_id, kind, title, body, link)
        SELECT a.id, 'major-project', left(title, 200), body, '/projects/' || p.id
        FROM app_user a WHERE a.active AND 'office' = ANY (a.roles);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_major_created AFTER INSERT ON project
      FOR EACH ROW WHEN (NEW.major) EXECUTE FUNCTION notify_office_of_major_project()`);
    await q.query(`
      CREATE TRIGGER project_major_flagged AFTER UPDATE OF major ON project
      FOR EACH ROW WHEN (NEW.major AND NOT OLD.major) EXECUTE FUNCTION notify_office_of_major_project()`);
    await q.query(`
      CREATE TRIGGER project_activity_major_event AFTER INSERT ON project_activity
      FOR EACH ROW WHEN (NEW.major) EXECUTE FUNCTION notify_office_of_major_project()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER project_activity_major_event ON project_activity`);
    await q.query(`DROP TRIGGER project_major_flagged ON project`);
    await q.query(`DROP TRIGGER project_major_created ON project`);
    await q.query(`DROP FUNCTION notify_office_of_major_project()`);
    await q.query(`ALTER TABLE project_activity DROP COLUMN major`);
    await q.query(`DROP TABLE daily_reminder_sent`);
    await q.query(`DROP TABLE office_setting`);
  }
}
