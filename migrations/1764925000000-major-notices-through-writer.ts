import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications through one writer (issue 15 §7): the office's 重大项目 / 重大事项 notices are written
 * by the pipeline (ProjectWriter on create and on flagging major, the activity service on a major
 * event) through NotificationWriter, in the same transaction, with the clock's time. The triggers
 * of 1764810000000 that inserted them into notification directly go.
 */
export class MajorNoticesThroughWriter1764925000000 implements MigrationInterface {
  name = 'MajorNoticesThroughWriter1764925000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER project_activity_major_event ON project_activity`);
    await q.query(`DROP TRIGGER project_major_flagged ON project`);
    await q.query(`DROP TRIGGER project_major_created ON project`);
    await q.query(`DROP FUNCTION notify_office_of_major_project()`);
  }

  async down(q: QueryRunner): Promise<void> {
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
}
