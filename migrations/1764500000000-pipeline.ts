import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seven-stage pipeline: projects, their stage and status history, follow-up activities,
 * evaluations, the signing ledger (initial + supplementary agreements) and funds in place.
 *
 * Totals are kept by triggers in the same transaction as the change, whoever writes (the API, the
 * sample loader, a bulk import): a project's signed amount, funds in place, contact count and
 * follow-up dates come from its child rows, and pipeline_stage_total holds count and amounts per
 * chain × stage × status for the boards and chain progress. The triggers are statement-level with
 * transition tables, so a multi-row insert of 50,000 projects updates each total once.
 */
export class Pipeline1764500000000 implements MigrationInterface {
  name = 'Pipeline1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE TYPE project_stage AS ENUM ('lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production')`,
    );
    await q.query(`CREATE TYPE project_status AS ENUM ('active', 'paused', 'dropped')`);
    await q.query(
      `CREATE TYPE source_channel AS ENUM ('through-firms', 'resident', 'platform-expo', 'scenario', 'enclave-aid', 'third-party', 'other')`,
    );
    await q.query(
      `CREATE TYPE activity_kind AS ENUM ('visit', 'negotiation', 'call', 'meeting', 'site-inspection', 'promotion-event')`,
    );
    await q.query(
      `CREATE TYPE evaluation_dimension AS ENUM ('ecology', 'safety', 'energy', 'technology', 'investment-intensity', 'benefit')`,
    );
    await q.query(`CREATE TYPE evaluation_rating AS ENUM ('favourable', 'acceptable', 'concern', 'unacceptable')`);
    await q.query(`CREATE TYPE evaluation_conclusion AS ENUM ('pass', 'conditional', 'fail')`);
    await q.query(`CREATE TYPE agreement_kind AS ENUM ('initial', 'supplementary')`);

    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        chain_id smallint NOT NULL REFERENCES chain(id),
        related_chain_ids smallint[] NOT NULL DEFAULT '{}',
        enterprise_id uuid REFERENCES enterprise(id),
        -- The enterprise's name when linked (kept in step by a trigger), else the named investor.
        investor_name varchar(200) NOT NULL CHECK (btrim(investor_name) <> ''),
        source_channel source_channel NOT NULL,
        responsible_unit_id integer NOT NULL REFERENCES unit(id),
        owner_id uuid NOT NULL REFERENCES app_user(id),
        planned_investment numeric(20, 6) CHECK (planned_investment > 0),
        location varchar(200),
        industry varchar(100),
        key_task_id integer REFERENCES key_task(id),
        major boolean NOT NULL DEFAULT false,
        status project_status NOT NULL DEFAULT 'active',
        status_reason varchar(500),
        stage project_stage NOT NULL DEFAULT 'lead',
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        land_parcel varchar(200),
        land_area_mu numeric(20, 6) CHECK (land_area_mu > 0),
        land_approval_ref varchar(100),
        land_approved_on date,
        construction_started_on date,
        construction_permit_ref varchar(100),
        completed_on date,
        -- Kept by triggers from the child tables; never written by the API.
        eliminated_category boolean NOT NULL DEFAULT false,
        signed_amount numeric(20, 6) NOT NULL DEFAULT 0,
        signed_on date,
        agreement_ref varchar(100),
        funds_in_place numeric(20, 6) NOT NULL DEFAULT 0,
        funds_in_place_verified numeric(20, 6) NOT NULL DEFAULT 0,
        contact_count integer NOT NULL DEFAULT 0,
        last_activity_on date,
        next_follow_up_on date,
        -- The amount a project is judged by: signed once signed, else planned.
        amount numeric(20, 6) GENERATED ALWAYS AS (
          CASE WHEN stage >= 'signed' AND signed_amount > 0 THEN signed_amount ELSE planned_investment END
        ) STORED,
        search_text text GENERATED ALWAYS AS (lower(name || ' ' || investor_name)) STORED,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'dropped' OR btrim(coalesce(status_reason, '')) <> ''),
        CHECK (completed_on IS NULL OR construction_started_on IS NULL OR completed_on >= construction_started_on),
        CHECK (NOT (chain_id = ANY (related_chain_ids)))
      )`);
    await q.query(`CREATE INDEX project_chain_stage_idx ON project (chain_id, stage, status)`);
    // The board's cards: the first of each stage, major first, read in index order without sorting.
    await q.query(
      `CREATE INDEX project_board_idx ON project (chain_id, stage, major DESC, updated_at DESC, id DESC) WHERE status <> 'dropped'`,
    );
    // One index per list sort, on the very expression the keyset compares: (expr, id).
    await q.query(`CREATE INDEX project_updated_idx ON project (updated_at, id)`);
    await q.query(`CREATE INDEX project_created_idx ON project (created_at, id)`);
    await q.query(`CREATE INDEX project_name_idx ON project ((name::text), id)`);
    await q.query(`CREATE INDEX project_amount_idx ON project ((coalesce(amount, 0)), id)`);
    await q.query(`CREATE INDEX project_planned_idx ON project ((coalesce(planned_investment, 0)), id)`);
    await q.query(`CREATE INDEX project_signed_idx ON project (signed_amount, id)`);
    await q.query(`CREATE INDEX project_stage_entered_idx ON project (stage_entered_at, id)`);
    await q.query(
      `CREATE INDEX project_last_activity_idx ON project ((coalesce(last_activity_on, '-infinity'::date)), id)`,
    );
    await q.query(
      `CREATE INDEX project_follow_up_idx ON project ((coalesce(next_follow_up_on, 'infinity'::date)), id)`,
    );
    await q.query(`CREATE INDEX project_chain_updated_idx ON project (chain_id, updated_at, id)`);
    await q.query(`CREATE INDEX project_owner_idx ON project (owner_id)`);
    await q.query(`CREATE INDEX project_unit_idx ON project (responsible_unit_id)`);
    await q.query(
      `CREATE INDEX project_chain_signed_on_idx ON project (chain_id, signed_on) WHERE signed_on IS NOT NULL`,
    );
    await q.query(`CREATE INDEX project_enterprise_idx ON project (enterprise_id) WHERE enterprise_id IS NOT NULL`);
    await q.query(`CREATE INDEX project_related_chains_idx ON project USING gin (related_chain_ids)`);
    await q.query(`CREATE INDEX project_search_idx ON project USING gin (search_text gin_trgm_ops)`);

    // Every move is history: from, to, who, when, why. The first row is the project's creation.
    await q.query(`
      CREATE TABLE project_stage_move (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        from_stage project_stage,
        to_stage project_stage NOT NULL,
        reason varchar(500),
        moved_by uuid REFERENCES app_user(id),
        moved_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_stage IS DISTINCT FROM to_stage),
        CHECK (from_stage IS NULL OR to_stage > from_stage OR btrim(coalesce(reason, '')) <> '')
      )`);
    await q.query(`CREATE INDEX project_stage_move_project_idx ON project_stage_move (project_id, moved_at, id)`);

    await q.query(`
      CREATE TABLE project_status_change (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        from_status project_status NOT NULL,
        to_status project_status NOT NULL,
        reason varchar(500),
        changed_by uuid REFERENCES app_user(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_status <> to_status)
      )`);
    await q.query(
      `CREATE INDEX project_status_change_project_idx ON project_status_change (project_id, changed_at, id)`,
    );

    await q.query(`
      CREATE TABLE project_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        kind activity_kind NOT NULL,
        occurred_on date NOT NULL,
        our_participants text[] NOT NULL DEFAULT '{}',
        their_participants text[] NOT NULL DEFAULT '{}',
        summary varchar(2000) NOT NULL CHECK (btrim(summary) <> ''),
        next_step varchar(500),
        next_follow_up_on date CHECK (next_follow_up_on >= occurred_on),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX project_activity_project_idx ON project_activity (project_id, occurred_on DESC, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE project_evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        third_party boolean NOT NULL DEFAULT false,
        institution varchar(200),
        eliminated_category boolean,
        conclusion evaluation_conclusion,
        conditions varchar(1000),
        concluded_by uuid REFERENCES app_user(id),
        concluded_on date,
        concluded_at timestamptz,
        opened_by uuid REFERENCES app_user(id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((conclusion IS NULL) = (concluded_on IS NULL) AND (conclusion IS NULL) = (concluded_at IS NULL)),
        CHECK (conclusion IS NULL OR eliminated_category IS NOT NULL),
        CHECK (NOT (eliminated_category AND conclusion IN ('pass', 'conditional'))),
        CHECK (NOT third_party OR conclusion IS NULL OR btrim(coalesce(institution, '')) <> '')
      )`);
    // One evaluation open at a time; a concluded one is kept as it was.
    await q.query(
      `CREATE UNIQUE INDEX project_evaluation_one_open ON project_evaluation (project_id) WHERE conclusion IS NULL`,
    );
    await q.query(`CREATE INDEX project_evaluation_project_idx ON project_evaluation (project_id, opened_at)`);
    await q.query(`
      CREATE TABLE project_evaluation_dimension (
        evaluation_id uuid NOT NULL REFERENCES project_evaluation(id) ON DELETE CASCADE,
        dimension evaluation_dimension NOT NULL,
        rating evaluation_rating,
        note varchar(1000),
        PRIMARY KEY (evaluation_id, dimension)
      )`);

    // The signing ledger: one initial agreement, then supplementary increments; an agreement
    // reference is recorded once per project, so nothing is counted twice.
    await q.query(`
      CREATE TABLE project_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        kind agreement_kind NOT NULL,
        amount numeric(20, 6) NOT NULL CHECK (amount > 0),
        signed_on date NOT NULL,
        agreement_ref varchar(100) NOT NULL CHECK (btrim(agreement_ref) <> ''),
        note varchar(500),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, agreement_ref)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX project_agreement_one_initial ON project_agreement (project_id) WHERE kind = 'initial'`,
    );
    await q.query(`CREATE INDEX project_agreement_signed_on_idx ON project_agreement (signed_on, project_id)`);

    await q.query(`
      CREATE TABLE fund_arrival (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount numeric(20, 6) NOT NULL CHECK (amount > 0),
        evidence_note varchar(500),
        verified boolean NOT NULL DEFAULT false,
        verified_by uuid REFERENCES app_user(id),
        verified_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (verified = (verified_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX fund_arrival_project_idx ON fund_arrival (project_id, month)`);
    await q.query(`CREATE INDEX fund_arrival_month_idx ON fund_arrival (month, project_id)`);

    await q.query(`
      CREATE TABLE pipeline_stage_total (
        chain_id smallint NOT NULL REFERENCES chain(id),
        stage project_stage NOT NULL,
        status project_status NOT NULL,
        project_count integer NOT NULL DEFAULT 0,
        planned_investment numeric(24, 6) NOT NULL DEFAULT 0,
        signed_amount numeric(24, 6) NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, stage, status)
      )`);

    await this.createTriggers(q);
  }

  private async createTriggers(q: QueryRunner): Promise<void> {
    // pipeline_stage_total: add the new rows, subtract the old, one upsert per touched key in key
    // order (so two transactions take the row locks in the same order). A signed amount counts
    // only at 项目签约 or later: a move back below signing withdraws it from the totals.
    const plus = `SELECT chain_id, stage, status, 1 AS n, coalesce(planned_investment, 0) AS planned,
        CASE WHEN stage >= 'signed' THEN signed_amount ELSE 0 END AS signed FROM new_rows`;
    const minus = `SELECT chain_id, stage, status, -1 AS n, -coalesce(planned_investment, 0) AS planned,
        CASE WHEN stage >= 'signed' THEN -signed_amount ELSE 0 END AS signed FROM old_rows`;
    const apply = (delta: string) => `
        INSERT INTO pipeline_stage_total AS t (chain_id, stage, status, project_count, planned_investment, signed_amount)
          SELECT chain_id, stage, status, sum(n), sum(planned), sum(signed) FROM (${delta}) d
          GROUP BY chain_id, stage, status
          HAVING sum(n) <> 0 OR sum(planned) <> 0 OR sum(signed) <> 0
          ORDER BY chain_id, stage, status
        ON CONFLICT (chain_id, stage, status) DO UPDATE SET
          project_count = t.project_count + excluded.project_count,
          planned_investment = t.planned_investment + excluded.planned_investment,
          signed_amount = t.signed_amount + excluded.signed_amount;`;
    await q.query(`
      CREATE FUNCTION pipeline_stage_total_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${apply(plus)}
        ELSIF TG_OP = 'UPDATE' THEN ${apply(`${plus} UNION ALL ${minus}`)}
        ELSE ${apply(minus)}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_totals_insert AFTER INSERT ON project REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pipeline_stage_total_apply()`);
    await q.query(`
      CREATE TRIGGER project_totals_update AFTER UPDATE ON project REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pipeline_stage_total_apply()`);
    await q.query(`
      CREATE TRIGGER project_totals_delete AFTER DELETE ON project REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pipeline_stage_total_apply()`);

    // Per-project figures recomputed from the child rows of the projects a statement touched.
    await q.query(`
      CREATE FUNCTION project_refresh_signing(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE project p SET
          signed_amount = coalesce(s.total, 0),
          signed_on = s.initial_on,
          agreement_ref = s.initial_ref
        FROM (
          SELECT x.id,
            (SELECT sum(a.amount) FROM project_agreement a WHERE a.project_id = x.id) AS total,
            (SELECT a.signed_on FROM project_agreement a WHERE a.project_id = x.id AND a.kind = 'initial') AS initial_on,
            (SELECT a.agreement_ref FROM project_agreement a WHERE a.project_id = x.id AND a.kind = 'initial') AS initial_ref
          FROM unnest(ids) AS x(id)
        ) s
        WHERE p.id = s.id
          AND (p.signed_amount, p.signed_on, p.agreement_ref) IS DISTINCT FROM (coalesce(s.total, 0), s.initial_on, s.initial_ref)
      $$`);
    await q.query(`
      CREATE FUNCTION project_refresh_funds(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE project p SET funds_in_place = s.total, funds_in_place_verified = s.verified
        FROM (
          SELECT x.id,
            coalesce((SELECT sum(f.amount) FROM fund_arrival f WHERE f.project_id = x.id), 0) AS total,
            coalesce((SELECT sum(f.amount) FROM fund_arrival f WHERE f.project_id = x.id AND f.verified), 0) AS verified
          FROM unnest(ids) AS x(id)
        ) s
        WHERE p.id = s.id AND (p.funds_in_place, p.funds_in_place_verified) IS DISTINCT FROM (s.total, s.verified)
      $$`);
    // The next follow-up is the one set by the latest activity: a newer contact supersedes it.
    await q.query(`
      CREATE FUNCTION project_refresh_activity(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE project p SET contact_count = s.contacts, last_activity_on = s.last_on, next_follow_up_on = s.follow_up
        FROM (
          SELECT x.id,
            (SELECT count(*) FROM project_activity a WHERE a.project_id = x.id
               AND a.kind IN ('visit', 'negotiation', 'call', 'meeting', 'site-inspection'))::integer AS contacts,
            (SELECT max(a.occurred_on) FROM project_activity a WHERE a.project_id = x.id) AS last_on,
            (SELECT a.next_follow_up_on FROM project_activity a WHERE a.project_id = x.id
               ORDER BY a.occurred_on DESC, a.created_at DESC, a.id DESC LIMIT 1) AS follow_up
          FROM unnest(ids) AS x(id)
        ) s
        WHERE p.id = s.id
          AND (p.contact_count, p.last_activity_on, p.next_follow_up_on) IS DISTINCT FROM (s.contacts, s.last_on, s.follow_up)
      $$`);
    // 淘汰类 sticks: any concluded evaluation that found it marks the project for good.
    await q.query(`
      CREATE FUNCTION project_refresh_eliminated(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE project p SET eliminated_category = true
        WHERE p.id = ANY (ids) AND NOT p.eliminated_category
          AND EXISTS (SELECT 1 FROM project_evaluation e WHERE e.project_id = p.id
                      AND e.conclusion IS NOT NULL AND e.eliminated_category)
      $$`);

    const children: [table: string, refresh: string][] = [
      ['project_agreement', 'project_refresh_signing'],
      ['fund_arrival', 'project_refresh_funds'],
      ['project_activity', 'project_refresh_activity'],
      ['project_evaluation', 'project_refresh_eliminated'],
    ];
    for (const [table, refresh] of children) {
      await q.query(`
        CREATE FUNCTION ${table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM ${refresh}(ARRAY(SELECT DISTINCT project_id FROM new_rows));
          ELSIF TG_OP = 'UPDATE' THEN
            PERFORM ${refresh}(ARRAY(SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows));
          ELSE
            PERFORM ${refresh}(ARRAY(SELECT DISTINCT project_id FROM old_rows));
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER ${table}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      await q.query(`
        CREATE TRIGGER ${table}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      await q.query(`
        CREATE TRIGGER ${table}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
    }

    // A project linked to the enterprise library shows (and is searched by) the firm's current name.
    await q.query(`
      CREATE FUNCTION project_follow_enterprise_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE project SET investor_name = NEW.name WHERE enterprise_id = NEW.id AND investor_name <> NEW.name;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER enterprise_name_to_projects AFTER UPDATE OF name ON enterprise
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION project_follow_enterprise_name()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER enterprise_name_to_projects ON enterprise`);
    await q.query(`DROP FUNCTION project_follow_enterprise_name()`);
    for (const table of [
      'pipeline_stage_total',
      'fund_arrival',
      'project_agreement',
      'project_evaluation_dimension',
      'project_evaluation',
      'project_activity',
      'project_status_change',
      'project_stage_move',
      'project',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    for (const fn of [
      'project_agreement_changed',
      'fund_arrival_changed',
      'project_activity_changed',
      'project_evaluation_changed',
      'project_refresh_signing',
      'project_refresh_funds',
      'project_refresh_activity',
      'project_refresh_eliminated',
      'pipeline_stage_total_apply',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    for (const type of [
      'agreement_kind',
      'evaluation_conclusion',
      'evaluation_rating',
      'evaluation_dimension',
      'activity_kind',
      'source_channel',
      'project_status',
      'project_stage',
    ]) {
      await q.query(`DROP TYPE ${type}`);
    }
  }
}
