import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leaders' cockpit (issue 6): instructions (批示), the alert settings, and chain_month_total,
 * the per chain × month figures the cockpit reads instead of summing the ledgers per request.
 *
 * chain_month_total holds, per chain and month (YYYY-MM), the same figures as a chain's progress:
 * agreements dated in the month of projects now at 项目签约 or later (amount; count of initial
 * agreements = projects first signed), fund entries of the month (all and verified), and
 * 亿元以上项目 counted in the month their signed amount to date first reached the chain's
 * threshold for the year of their first signing. Year to date = the sum of January to the month.
 *
 * It is kept by statement-level triggers in the same transaction as the change, whoever writes.
 * Rather than deltas per kind of change (which would have to know which trigger runs first),
 * each project's contribution is stored in project_month_share and recomputed from the records
 * for the projects a statement touched; the difference to what was stored is applied to the
 * totals, one upsert per key in key order. The result does not depend on trigger order or on
 * which of the project's records changed.
 */
export class Cockpit1764820000000 implements MigrationInterface {
  name = 'Cockpit1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_instruction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES app_user(id),
        person_id integer REFERENCES person(id),
        text varchar(2000) NOT NULL CHECK (btrim(text) <> ''),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX project_instruction_project_idx ON project_instruction (project_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX project_instruction_created_idx ON project_instruction (created_at DESC, id DESC)`);

    // The Ns of the alerts, in the office's settings (office_setting: migration 1764810000000).
    // "No activity for N days" is the office's one idle setting, shared with the daily reminders.
    await q.query(`
      INSERT INTO office_setting (key, value) VALUES
        ('alert-signed-no-land-months', 6),
        ('alert-land-not-started-months', 6),
        ('alert-construction-months', 24),
        ('project-idle-days', 30)
      ON CONFLICT (key) DO NOTHING`);

    await q.query(`
      CREATE TABLE chain_month_total (
        chain_id smallint NOT NULL REFERENCES chain(id),
        month char(7) NOT NULL,
        signed_amount numeric(24, 6) NOT NULL DEFAULT 0,
        signed_count integer NOT NULL DEFAULT 0,
        funds_in_place numeric(24, 6) NOT NULL DEFAULT 0,
        funds_in_place_verified numeric(24, 6) NOT NULL DEFAULT 0,
        big_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, month)
      )`);
    // No foreign key to project: a deleted project's share stays until its trigger subtracts it.
    // No unique key either: one statement replaces a project's rows (delete + insert together).
    await q.query(`
      CREATE TABLE project_month_share (
        project_id uuid NOT NULL,
        chain_id smallint NOT NULL,
        month char(7) NOT NULL,
        signed_amount numeric(24, 6) NOT NULL,
        signed_count integer NOT NULL,
        funds_in_place numeric(24, 6) NOT NULL,
        funds_in_place_verified numeric(24, 6) NOT NULL,
        big_count integer NOT NULL
      )`);
    await q.query(`CREATE INDEX project_month_share_project_idx ON project_month_share (project_id)`);
    // The cockpit's "latest instructions on the chain" and the alerts read projects by these.
    await q.query(
      `CREATE INDEX project_chain_follow_up_idx ON project (chain_id, next_follow_up_on) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX project_key_task_idx ON project (key_task_id) WHERE key_task_id IS NOT NULL`);

    await this.createShareFunctions(q);
    await this.createTriggers(q);
    await q.query(`SELECT chain_month_refresh(ARRAY(SELECT id FROM project))`);
  }

  private async createShareFunctions(q: QueryRunner): Promise<void> {
    // What each project contributes now, per month, from its records.
    await q.query(`
      CREATE FUNCTION project_month_share_of(ids uuid[])
      RETURNS TABLE (project_id uuid, chain_id smallint, month char(7), signed_amount numeric, signed_count integer,
                     funds_in_place numeric, funds_in_place_verified numeric, big_count integer)
      LANGUAGE sql STABLE AS $$
        WITH p AS (
          SELECT id, chain_id, stage >= 'signed' AS counts_signed FROM project WHERE id = ANY (ids)
        ), signed AS (
          SELECT p.id, p.chain_id, to_char(a.signed_on, 'YYYY-MM') AS month, sum(a.amount) AS amount,
                 count(*) FILTER (WHERE a.kind = 'initial')::integer AS n
          FROM p JOIN project_agreement a ON a.project_id = p.id
          WHERE p.counts_signed
          GROUP BY p.id, p.chain_id, 3
        ), funds AS (
          SELECT p.id, p.chain_id, f.month, sum(f.amount) AS amount,
                 coalesce(sum(f.amount) FILTER (WHERE f.verified), 0) AS verified
          FROM p JOIN fund_arrival f ON f.project_id = p.id
          GROUP BY p.id, p.chain_id, f.month
        ), big AS (
          -- The first month, from the first signing to the end of its year, whose signed amount to
          -- date reaches the threshold. The amount only grows at an agreement's month, so those
          -- months (and the first signing's) are the only candidates.
          SELECT p.id, p.chain_id, min(c.month) AS month
          FROM p
          JOIN project_agreement i ON i.project_id = p.id AND i.kind = 'initial'
          JOIN chain_target t ON t.chain_id = p.chain_id AND t.year = extract(year FROM i.signed_on)
          CROSS JOIN LATERAL (
            SELECT to_char(i.signed_on, 'YYYY-MM') AS month
            UNION
            SELECT to_char(a.signed_on, 'YYYY-MM') FROM project_agreement a
            WHERE a.project_id = p.id AND a.signed_on > i.signed_on AND a.signed_on < make_date(t.year + 1, 1, 1)
          ) c
          WHERE p.counts_signed
            AND (SELECT sum(a.amount) FROM project_agreement a
                 WHERE a.project_id = p.id AND a.signed_on < to_date(c.month, 'YYYY-MM') + interval '1 month')
                >= t.big_project_threshold
          GROUP BY p.id, p.chain_id
        )
        SELECT id, chain_id, month::char(7), sum(s_amount), sum(s_n)::integer, sum(f_amount), sum(f_verified),
               sum(b_n)::integer
        FROM (
          SELECT id, chain_id, month, amount AS s_amount, n AS s_n, 0 AS f_amount, 0 AS f_verified, 0 AS b_n FROM signed
          UNION ALL SELECT id, chain_id, month, 0, 0, amount, verified, 0 FROM funds
          UNION ALL SELECT id, chain_id, month, 0, 0, 0, 0, 1 FROM big
        ) x
        GROUP BY id, chain_id, month
      $$`);

    // Brings the stored shares of these projects (and the totals) to what the records say now.
    await q.query(`
      CREATE FUNCTION chain_month_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        WITH fresh AS (
          SELECT * FROM project_month_share_of(ids)
        ), old AS (
          DELETE FROM project_month_share WHERE project_id = ANY (ids) RETURNING *
        ), kept AS (
          INSERT INTO project_month_share
            SELECT * FROM fresh
            WHERE signed_amount <> 0 OR signed_count <> 0 OR funds_in_place <> 0 OR big_count <> 0
        ), delta AS (
          SELECT chain_id, month, sum(signed_amount) AS signed_amount, sum(signed_count) AS signed_count,
                 sum(funds_in_place) AS funds_in_place, sum(funds_in_place_verified) AS funds_in_place_verified,
                 sum(big_count) AS big_count
          FROM (
            SELECT chain_id, month, signed_amount, signed_count, funds_in_place, funds_in_place_verified, big_count
            FROM fresh
            UNION ALL
            SELECT chain_id, month, -signed_amount, -signed_count, -funds_in_place, -funds_in_place_verified, -big_count
            FROM old
          ) d
          GROUP BY chain_id, month
        )
        INSERT INTO chain_month_total AS t
          (chain_id, month, signed_amount, signed_count, funds_in_place, funds_in_place_verified, big_count)
          SELECT * FROM delta
          WHERE signed_amount <> 0 OR signed_count <> 0 OR funds_in_place <> 0 OR funds_in_place_verified <> 0
             OR big_count <> 0
          ORDER BY chain_id, month
        ON CONFLICT (chain_id, month) DO UPDATE SET
          signed_amount = t.signed_amount + excluded.signed_amount,
          signed_count = t.signed_count + excluded.signed_count,
          funds_in_place = t.funds_in_place + excluded.funds_in_place,
          funds_in_place_verified = t.funds_in_place_verified + excluded.funds_in_place_verified,
          big_count = t.big_count + excluded.big_count
      $$`);
  }

  private async createTriggers(q: QueryRunner): Promise<void> {
    // A project counts by its chain and by whether it is at 项目签约 or later; other edits (and a
    // new project, which has no records yet) change nothing here.
    await q.query(`
      CREATE FUNCTION project_month_share_project_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          PERFORM chain_month_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.chain_id <> o.chain_id OR (n.stage >= 'signed') <> (o.stage >= 'signed')));
        ELSE
          PERFORM chain_month_refresh(ARRAY(SELECT id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_month_share_update AFTER UPDATE ON project
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_month_share_project_changed()`);
    await q.query(`
      CREATE TRIGGER project_month_share_delete AFTER DELETE ON project REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION project_month_share_project_changed()`);

    // A child record changed: lock its projects first (in id order), so two transactions editing
    // one project's records refresh its share one after the other, each seeing the other's rows.
    for (const table of ['project_agreement', 'fund_arrival']) {
      await q.query(`
        CREATE FUNCTION ${table}_month_share_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids uuid[];
        BEGIN
          IF TG_OP = 'INSERT' THEN
            ids := ARRAY(SELECT DISTINCT project_id FROM new_rows ORDER BY 1);
          ELSIF TG_OP = 'UPDATE' THEN
            ids := ARRAY(SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows ORDER BY 1);
          ELSE
            ids := ARRAY(SELECT DISTINCT project_id FROM old_rows ORDER BY 1);
          END IF;
          PERFORM 1 FROM project WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
          PERFORM chain_month_refresh(ids);
          RETURN NULL;
        END $$`);
      for (const [event, transition] of [
        ['INSERT', 'NEW TABLE AS new_rows'],
        ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
        ['DELETE', 'OLD TABLE AS old_rows'],
      ]) {
        await q.query(`
          CREATE TRIGGER ${table}_month_share_${event.toLowerCase()} AFTER ${event} ON ${table}
          REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_month_share_changed()`);
      }
    }

    // A target's threshold decides which projects first signed in its year are big.
    await q.query(`
      CREATE FUNCTION chain_target_month_share_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM chain_month_refresh(ARRAY(
          SELECT p.id FROM project p
          JOIN (SELECT chain_id, year FROM new_rows UNION SELECT chain_id, year FROM old_rows) t
            ON p.chain_id = t.chain_id
           AND p.signed_on >= make_date(t.year, 1, 1) AND p.signed_on < make_date(t.year + 1, 1, 1)));
        RETURN NULL;
      END $$`);
    // Transition tables of the other events stand empty: one function serves all three.
    await q.query(`
      CREATE FUNCTION chain_target_month_share_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM chain_month_refresh(ARRAY(
          SELECT p.id FROM project p JOIN new_rows t ON p.chain_id = t.chain_id
           AND p.signed_on >= make_date(t.year, 1, 1) AND p.signed_on < make_date(t.year + 1, 1, 1)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION chain_target_month_share_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM chain_month_refresh(ARRAY(
          SELECT p.id FROM project p JOIN old_rows t ON p.chain_id = t.chain_id
           AND p.signed_on >= make_date(t.year, 1, 1) AND p.signed_on < make_date(t.year + 1, 1, 1)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER chain_target_month_share_insert AFTER INSERT ON chain_target REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION chain_target_month_share_inserted()`);
    await q.query(`
      CREATE TRIGGER chain_target_month_share_update AFTER UPDATE ON chain_target
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION chain_target_month_share_changed()`);
    await q.query(`
      CREATE TRIGGER chain_target_month_share_delete AFTER DELETE ON chain_target REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION chain_target_month_share_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, triggers] of [
      ['chain_target', ['insert', 'update', 'delete']],
      ['fund_arrival', ['insert', 'update', 'delete']],
      ['project_agreement', ['insert', 'update', 'delete']],
      ['project', ['update', 'delete']],
    ] as const) {
      for (const event of triggers) await q.query(`DROP TRIGGER ${table}_month_share_${event} ON ${table}`);
    }
    for (const fn of [
      'chain_target_month_share_inserted()',
      'chain_target_month_share_deleted()',
      'chain_target_month_share_changed()',
      'fund_arrival_month_share_changed()',
      'project_agreement_month_share_changed()',
      'project_month_share_project_changed()',
      'chain_month_refresh(uuid[])',
      'project_month_share_of(uuid[])',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP INDEX project_key_task_idx`);
    await q.query(`DROP INDEX project_chain_follow_up_idx`);
    await q.query(`DROP TABLE project_month_share`);
    await q.query(`DROP TABLE chain_month_total`);
    await q.query(
      `DELETE FROM office_setting WHERE key IN ('alert-signed-no-land-months', 'alert-land-not-started-months', 'alert-construction-months')`,
    );
    await q.query(`DROP TABLE project_instruction`);
  }
}
