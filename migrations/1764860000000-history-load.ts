import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Major-project notices skip history loaded in bulk: a loader sets
 * `SET LOCAL crm.loading_history = 'on'` in its transaction, and projects and events it writes
 * notify nobody (a ten-year data set would otherwise notify every office user of every major
 * project and event ever recorded). Everything else is unchanged.
 */
export class HistoryLoad1764860000000 implements MigrationInterface {
  name = 'HistoryLoad1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_office_of_major_project() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        p record;
        title text;
        body text;
      BEGIN
        -- History loaded in bulk (the synthetic data set, a migration of old records) is not news.
        IF current_setting('crm.loading_history', true) = 'on' THEN
          RETURN NULL;
        END IF;
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_office_of_major_project() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
