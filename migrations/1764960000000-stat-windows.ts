import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 统计区间 (issue 16 §1): every monthly period counts the events of its statistical window, not of
 * its calendar month. Period YYYY-MM covers the day after the previous period's cut-off to its own
 * cut-off (default the 25th); January starts on 1 January and December runs to 31 December, so the
 * twelve windows tile the year and never cross it. The office may move a period's cut-off within
 * its own month (stat_period_cutoff; December's stays the 31st): a cut-off anywhere else would
 * overlap a neighbour or leave a gap, so the table refuses it as the API does (cutoffProblem of
 * @crm/domain, the same rule in TypeScript).
 *
 *   stat_period_cutoff(period)  the period's last date: the office's, else the 25th / 31 December
 *   stat_period(d)              the period whose window holds the date d (a Shanghai date)
 *   stat_period_bounds(period)  its first and last dates
 *
 * chain_month_total and project_month_share are re-keyed by the statistical period: a signing
 * counts in the period of its date, a big project in the first period whose signed amount to the
 * period's cut-off reaches the threshold. A fund entry is recorded by month (no day), so an entry of
 * month M counts in period M. Every project's share is refreshed, and a trigger on the cut-offs
 * refreshes the projects a moved cut-off touches in the same transaction.
 */
export class StatWindows1764960000000 implements MigrationInterface {
  name = 'StatWindows1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stat_period_cutoff (
        period char(7) PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        cutoff date NOT NULL,
        set_by uuid REFERENCES app_user(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_char(cutoff, 'YYYY-MM') = period),
        CHECK (right(period, 2) <> '12' OR to_char(cutoff, 'MM-DD') = '12-31')
      )`);
    await q.query(`
      CREATE FUNCTION stat_period_cutoff(p text) RETURNS date LANGUAGE sql STABLE AS $$
        SELECT coalesce(
          (SELECT c.cutoff FROM stat_period_cutoff c WHERE c.period = p),
          CASE WHEN right(p, 2) = '12' THEN make_date(left(p, 4)::int, 12, 31)
               ELSE to_date(p || '-25', 'YYYY-MM-DD') END)
      $$`);
    await q.query(`
      CREATE FUNCTION stat_period(d date) RETURNS char(7) LANGUAGE sql STABLE AS $$
        SELECT (CASE WHEN d <= stat_period_cutoff(to_char(d, 'YYYY-MM')) THEN to_char(d, 'YYYY-MM')
                     ELSE to_char(date_trunc('month', d) + interval '1 month', 'YYYY-MM') END)::char(7)
      $$`);
    await q.query(`
      CREATE FUNCTION stat_period_bounds(p text) RETURNS TABLE (first_day date, last_day date)
      LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN right(p, 2) = '01' THEN to_date(p || '-01', 'YYYY-MM-DD')
                    ELSE stat_period_cutoff(to_char(to_date(p, 'YYYY-MM') - interval '1 month', 'YYYY-MM')) + 1 END,
               stat_period_cutoff(p)
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION project_month_share_of(ids uuid[])
      RETURNS TABLE (project_id uuid, chain_id smallint, month char(7), signed_amount numeric, signed_count integer,
                     funds_in_place numeric, funds_in_place_verified numeric, big_count integer)
      LANGUAGE sql STABLE AS $$
        WITH p AS (
          SELECT id, chain_id, stage >= 'signed' AS counts_signed FROM project WHERE id = ANY (ids)
        ), signed AS (
          SELECT p.id, p.chain_id, stat_period(a.signed_on) AS month, sum(a.amount) AS amount,
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
          -- The first period, from the first signing's to the end of its year, whose signed amount to
          -- the period's cut-off reaches the threshold. The amount only grows at an agreement's
          -- period, so those periods (and the first signing's) are the only candidates.
          SELECT p.id, p.chain_id, min(c.month) AS month
          FROM p
          JOIN project_agreement i ON i.project_id = p.id AND i.kind = 'initial'
          JOIN chain_target t ON t.chain_id = p.chain_id AND t.year = extract(year FROM i.signed_on)
          CROSS JOIN LATERAL (
            SELECT stat_period(i.signed_on) AS month
            UNION
            SELECT stat_period(a.signed_on) FROM project_agreement a
            WHERE a.project_id = p.id AND a.signed_on > i.signed_on AND a.signed_on < make_date(t.year + 1, 1, 1)
          ) c
          WHERE p.counts_signed
            AND (SELECT sum(a.amount) FROM project_agreement a
                 WHERE a.project_id = p.id AND a.signed_on <= stat_period_cutoff(c.month))
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
    // A moved cut-off moves the dates of its month between two windows: the projects with an
    // agreement in that month are refreshed in the same transaction, whoever writes the cut-off.
    await q.query(`
      CREATE FUNCTION stat_period_cutoff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE months text[];
      DECLARE ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          months := ARRAY(SELECT period FROM new_rows);
        ELSIF TG_OP = 'UPDATE' THEN
          months := ARRAY(SELECT period FROM new_rows UNION SELECT period FROM old_rows);
        ELSE
          months := ARRAY(SELECT period FROM old_rows);
        END IF;
        ids := ARRAY(SELECT DISTINCT project_id FROM project_agreement
                     WHERE to_char(signed_on, 'YYYY-MM') = ANY (months) ORDER BY 1);
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
        CREATE TRIGGER stat_period_cutoff_${event.toLowerCase()} AFTER ${event} ON stat_period_cutoff
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION stat_period_cutoff_changed()`);
    }
    await q.query(`SELECT chain_month_refresh(ARRAY(SELECT id FROM project))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION project_month_share_of(ids uuid[])
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
    await q.query(`SELECT chain_month_refresh(ARRAY(SELECT id FROM project))`);
    for (const event of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER stat_period_cutoff_${event} ON stat_period_cutoff`);
    }
    await q.query(`DROP FUNCTION stat_period_cutoff_changed()`);
    await q.query(`DROP FUNCTION stat_period_bounds(text)`);
    await q.query(`DROP FUNCTION stat_period(date)`);
    await q.query(`DROP FUNCTION stat_period_cutoff(text)`);
    await q.query(`DROP TABLE stat_period_cutoff`);
  }
}
