import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The year's plan as data the office keeps (issue 14).
 *
 * - annual_plan: one row a year, draft → published, with the city's totals as the plan writes them
 *   ("220亿元以上" = at least; "100亿元" = exact). Figures read a year's targets only once its plan
 *   is published. The years already in chain_target become published plans.
 * - chain_target gains "at least" marks for each figure.
 * - Sectors (特色农牧 / 制造业 / 现代服务业): every project has one (defaulting to its chain's), each
 *   year's plan sets a growth target per sector for funds in place, and funds_baseline holds the
 *   actual figures of years before the product was used, per chain and sector, so 同比 can be
 *   computed from the first year.
 * - Key tasks commit to milestones: a target stage per named project (年内建成 → 竣工投产, …) and
 *   measurable goals with their unit (4000 标准机架).
 * - People and units over time: chain roles carry the dates they hold (NULL: open-ended), a
 *   person's posts and a unit's names have a history, a unit may be merged into another. The SQL
 *   functions chain_units_on(d) / chain_leaders_on(d) / chain_access(user, d) are the one place
 *   that says who serves which chain on a date.
 */
export class AnnualPlan1764880000000 implements MigrationInterface {
  name = 'AnnualPlan1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE plan_status AS ENUM ('draft', 'published')`);
    await q.query(`CREATE TYPE project_sector AS ENUM ('agri-pastoral', 'manufacturing', 'modern-services')`);

    await q.query(`
      CREATE TABLE annual_plan (
        year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        status plan_status NOT NULL DEFAULT 'draft',
        city_signed_amount numeric(20, 6) CHECK (city_signed_amount >= 0),
        city_signed_at_least boolean NOT NULL DEFAULT true,
        city_funds_in_place numeric(20, 6) CHECK (city_funds_in_place >= 0),
        city_funds_at_least boolean NOT NULL DEFAULT false,
        drafted_from smallint,
        published_at timestamptz,
        published_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);

    await q.query(`
      ALTER TABLE chain_target
        ADD COLUMN signed_at_least boolean NOT NULL DEFAULT true,
        ADD COLUMN funds_at_least boolean NOT NULL DEFAULT true,
        ADD COLUMN big_project_at_least boolean NOT NULL DEFAULT true`);
    // A threshold needs a count and a count needs a threshold.
    await q.query(`
      ALTER TABLE chain_target ADD CONSTRAINT chain_target_big_project_pair
        CHECK ((big_project_threshold > 0) = (big_project_min_count > 0))`);
    await q.query(`
      INSERT INTO annual_plan (year, status, city_signed_amount, city_funds_in_place, published_at)
      SELECT year, 'published', sum(signed_amount), sum(funds_in_place), now() FROM chain_target GROUP BY year`);

    // Sectors: a chain's default, a project's own.
    await q.query(`ALTER TABLE chain ADD COLUMN sector project_sector NOT NULL DEFAULT 'manufacturing'`);
    await q.query(`UPDATE chain SET sector = 'agri-pastoral' WHERE code = 'agri-pastoral'`);
    await q.query(`UPDATE chain SET sector = 'modern-services' WHERE code IN ('culture-tourism', 'land-port-logistics')`);
    await q.query(`ALTER TABLE project ADD COLUMN sector project_sector`);
    await q.query(`UPDATE project p SET sector = c.sector FROM chain c WHERE c.id = p.chain_id`);
    await q.query(`ALTER TABLE project ALTER COLUMN sector SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION project_sector_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.sector IS NULL THEN
          SELECT sector INTO NEW.sector FROM chain WHERE id = NEW.chain_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_sector_default BEFORE INSERT ON project
      FOR EACH ROW EXECUTE FUNCTION project_sector_default()`);

    await q.query(`
      CREATE TABLE sector_growth_target (
        year smallint NOT NULL REFERENCES annual_plan(year) ON DELETE CASCADE,
        sector project_sector NOT NULL,
        growth_rate numeric(7, 2) NOT NULL CHECK (growth_rate > -100),
        PRIMARY KEY (year, sector)
      )`);
    await q.query(`
      CREATE TABLE funds_baseline (
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        sector project_sector NOT NULL,
        amount numeric(20, 6) NOT NULL CHECK (amount >= 0),
        note varchar(200) NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, chain_id, sector)
      )`);

    // Key tasks: milestones and goals.
    await q.query(`
      CREATE TABLE key_task_milestone (
        id serial PRIMARY KEY,
        key_task_id integer NOT NULL REFERENCES key_task(id) ON DELETE CASCADE,
        seq smallint NOT NULL,
        project_name varchar(200) NOT NULL,
        project_id uuid REFERENCES project(id) ON DELETE SET NULL,
        target_stage project_stage NOT NULL,
        wording varchar(40) NOT NULL DEFAULT '',
        UNIQUE (key_task_id, seq)
      )`);
    await q.query(`CREATE INDEX key_task_milestone_project_idx ON key_task_milestone(project_id) WHERE project_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE key_task_goal (
        id serial PRIMARY KEY,
        key_task_id integer NOT NULL REFERENCES key_task(id) ON DELETE CASCADE,
        seq smallint NOT NULL,
        label varchar(200) NOT NULL,
        measure_unit varchar(20) NOT NULL,
        target numeric(20, 4) NOT NULL CHECK (target > 0),
        achieved numeric(20, 4) NOT NULL DEFAULT 0 CHECK (achieved >= 0),
        achieved_on date,
        UNIQUE (key_task_id, seq)
      )`);

    // People and units over time.
    for (const [table, who] of [
      ['chain_leader', 'person_id'],
      ['chain_unit', 'unit_id'],
    ] as const) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN id serial PRIMARY KEY,
          ADD COLUMN valid_from date,
          ADD COLUMN valid_to date,
          ADD CONSTRAINT ${table}_dates CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)`);
      await q.query(
        `CREATE UNIQUE INDEX ${table}_holding_key ON ${table} (chain_id, ${who}, role, coalesce(valid_from, '-infinity'::date))`,
      );
      await q.query(`CREATE INDEX ${table}_chain_idx ON ${table} (chain_id)`);
    }
    await q.query(`DROP INDEX chain_leader_one_liaison`);
    // One holder of a post at a time: the same person or unit in the same role of a chain, and
    // one 包联领导 per chain, never over overlapping dates.
    await q.query(`
      CREATE FUNCTION chain_role_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE clash integer;
      BEGIN
        IF TG_TABLE_NAME = 'chain_leader' THEN
          SELECT id INTO clash FROM chain_leader o
          WHERE o.id <> NEW.id AND o.chain_id = NEW.chain_id AND o.role = NEW.role
            AND (o.person_id = NEW.person_id OR NEW.role = 'liaison')
            AND daterange(o.valid_from, o.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
          LIMIT 1;
        ELSE
          SELECT id INTO clash FROM chain_unit o
          WHERE o.id <> NEW.id AND o.chain_id = NEW.chain_id AND o.unit_id = NEW.unit_id
            AND daterange(o.valid_from, o.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
          LIMIT 1;
        END IF;
        IF clash IS NOT NULL THEN
          RAISE EXCEPTION 'overlapping dates with % row %', TG_TABLE_NAME, clash USING ERRCODE = '23P01';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['chain_leader', 'chain_unit']) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_no_overlap AFTER INSERT OR UPDATE ON ${table}
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION chain_role_no_overlap()`);
    }

    await q.query(`
      CREATE TABLE person_post (
        id serial PRIMARY KEY,
        person_id integer NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        position varchar(200) NOT NULL,
        valid_from date,
        valid_to date,
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      )`);
    await q.query(`CREATE INDEX person_post_person_idx ON person_post(person_id)`);
    await q.query(`
      CREATE TABLE unit_name (
        id serial PRIMARY KEY,
        unit_id integer NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        valid_from date,
        valid_to date,
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      )`);
    await q.query(`CREATE INDEX unit_name_unit_idx ON unit_name(unit_id)`);
    await q.query(`
      ALTER TABLE unit
        ADD COLUMN merged_into_id integer REFERENCES unit(id),
        ADD COLUMN merged_on date,
        ADD CONSTRAINT unit_merge_pair CHECK ((merged_into_id IS NULL) = (merged_on IS NULL))`);

    // Who serves which chain on a date: the one definition.
    await q.query(`
      CREATE FUNCTION chain_units_on(d date) RETURNS SETOF chain_unit LANGUAGE sql STABLE AS $$
        SELECT * FROM chain_unit
        WHERE (valid_from IS NULL OR valid_from <= d) AND (valid_to IS NULL OR valid_to >= d)
      $$`);
    await q.query(`
      CREATE FUNCTION chain_leaders_on(d date) RETURNS SETOF chain_leader LANGUAGE sql STABLE AS $$
        SELECT * FROM chain_leader
        WHERE (valid_from IS NULL OR valid_from <= d) AND (valid_to IS NULL OR valid_to >= d)
      $$`);
    // Key-task duty: the units the year's published plan makes responsible for a key task of a
    // chain may read that chain (they report on the task), even when they do not serve it.
    await q.query(`
      CREATE FUNCTION key_task_units_on(d date) RETURNS TABLE (chain_id smallint, unit_id integer, key_task_id integer)
      LANGUAGE sql STABLE AS $$
        SELECT k.chain_id, ku.unit_id, k.id
        FROM key_task k
        JOIN annual_plan ap ON ap.year = k.year AND ap.status = 'published'
        JOIN key_task_unit ku ON ku.key_task_id = k.id
        WHERE k.year = extract(year FROM d)::smallint
      $$`);
    await q.query(`
      CREATE FUNCTION chain_access(p_user uuid, d date) RETURNS TABLE (chain_id smallint, editable boolean)
      LANGUAGE sql STABLE AS $$
        WITH u AS (SELECT * FROM app_user WHERE id = p_user),
        reach AS (
          SELECT cu.chain_id, true AS editable FROM u JOIN chain_units_on(d) cu ON cu.unit_id = u.unit_id
          WHERE 'staff' = ANY (u.roles)
          UNION ALL
          SELECT kt.chain_id, false FROM u JOIN key_task_units_on(d) kt ON kt.unit_id = u.unit_id
          WHERE 'staff' = ANY (u.roles)
          UNION ALL
          SELECT cl.chain_id, false FROM u JOIN chain_leaders_on(d) cl ON cl.person_id = u.person_id
          WHERE 'leader' = ANY (u.roles)
          UNION ALL
          SELECT c.id, false FROM u CROSS JOIN chain c WHERE u.roles && ARRAY['office', 'admin']
        )
        SELECT chain_id, bool_or(editable) FROM reach GROUP BY chain_id
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION chain_access(uuid, date)`);
    await q.query(`DROP FUNCTION key_task_units_on(date)`);
    await q.query(`DROP FUNCTION chain_leaders_on(date)`);
    await q.query(`DROP FUNCTION chain_units_on(date)`);
    await q.query(`ALTER TABLE unit DROP CONSTRAINT unit_merge_pair, DROP COLUMN merged_on, DROP COLUMN merged_into_id`);
    await q.query(`DROP TABLE unit_name`);
    await q.query(`DROP TABLE person_post`);
    for (const table of ['chain_leader', 'chain_unit']) {
      await q.query(`DROP TRIGGER ${table}_no_overlap ON ${table}`);
    }
    await q.query(`DROP FUNCTION chain_role_no_overlap()`);
    // Rows with dates collapse back to one per (chain, who, role): the open-ended or latest one.
    for (const [table, who] of [
      ['chain_leader', 'person_id'],
      ['chain_unit', 'unit_id'],
    ] as const) {
      await q.query(`
        DELETE FROM ${table} a USING ${table} b
        WHERE a.chain_id = b.chain_id AND a.${who} = b.${who} AND a.role = b.role
          AND coalesce(a.valid_from, '-infinity') < coalesce(b.valid_from, '-infinity')`);
      await q.query(`DROP INDEX ${table}_holding_key`);
      await q.query(`DROP INDEX ${table}_chain_idx`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_dates, DROP COLUMN valid_to, DROP COLUMN valid_from`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, DROP COLUMN id`);
      await q.query(`ALTER TABLE ${table} ADD PRIMARY KEY (chain_id, ${who}, role)`);
    }
    await q.query(`
      DELETE FROM chain_leader a USING chain_leader b
      WHERE a.role = 'liaison' AND b.role = 'liaison' AND a.chain_id = b.chain_id AND a.person_id > b.person_id`);
    await q.query(`CREATE UNIQUE INDEX chain_leader_one_liaison ON chain_leader(chain_id) WHERE role = 'liaison'`);
    await q.query(`DROP TABLE key_task_goal`);
    await q.query(`DROP TABLE key_task_milestone`);
    await q.query(`DROP TABLE funds_baseline`);
    await q.query(`DROP TABLE sector_growth_target`);
    await q.query(`DROP TRIGGER project_sector_default ON project`);
    await q.query(`DROP FUNCTION project_sector_default()`);
    await q.query(`ALTER TABLE project DROP COLUMN sector`);
    await q.query(`ALTER TABLE chain DROP COLUMN sector`);
    await q.query(`ALTER TABLE chain_target DROP CONSTRAINT chain_target_big_project_pair`);
    await q.query(
      `ALTER TABLE chain_target DROP COLUMN signed_at_least, DROP COLUMN funds_at_least, DROP COLUMN big_project_at_least`,
    );
    await q.query(`DROP TABLE annual_plan`);
    await q.query(`DROP TYPE project_sector`);
    await q.query(`DROP TYPE plan_status`);
  }
}
