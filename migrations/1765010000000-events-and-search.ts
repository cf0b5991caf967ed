import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 §4–5.
 *
 * 招商活动 (promotion events): fairs (展会, e.g. 青洽会), trips out of the city (外出招商), forums,
 * 以商招商 visits and online events, with their dates, place, leading official, units and the firms
 * met. A project (lead, agreement, signing) names the event it came from (project.event_id, written
 * by the ProjectWriter); an event's totals are summed in SQL over its projects' ledgers.
 *
 * Search that finds: project.search_doc is name, investor, location, 备注 and the names of the
 * project's contacts (those linked to it and those of its firm), lower-cased; search_grams holds the
 * doc's CJK bigrams. A query term matches as a substring (trigram index) or, for a CJK run, by most
 * of its bigrams (GIN array index), so "储能 电站" and "东出口储能" both find
 * "格尔木东出口200MW/800MWh共享储能电站项目". Bigrams rather than a segmenter: no dictionary to keep,
 * no native module in the API (a jieba instance holds its dictionary, ~60 MB, per process), and a
 * name a dictionary does not know (东出口) is still found.
 */
export class EventsAndSearch1765010000000 implements MigrationInterface {
  name = 'EventsAndSearch1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE promotion_event_kind AS ENUM ('fair', 'trip', 'forum', 'business-visit', 'online')`);
    await q.query(`
      CREATE TABLE promotion_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        normalised_name varchar(200) NOT NULL,
        kind promotion_event_kind NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        place varchar(200),
        lead_person_id integer REFERENCES person(id),
        -- The chains the event serves; empty: the whole city (every signed-in user reads it).
        chain_ids smallint[] NOT NULL DEFAULT '{}',
        notes varchar(2000),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_on >= starts_on),
        UNIQUE (normalised_name)
      )`);
    await q.query(`CREATE INDEX promotion_event_starts_idx ON promotion_event (starts_on DESC, id)`);
    await q.query(`CREATE INDEX promotion_event_chains_idx ON promotion_event USING gin (chain_ids)`);
    await q.query(`CREATE INDEX promotion_event_name_idx ON promotion_event USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE promotion_event_unit (
        event_id uuid NOT NULL REFERENCES promotion_event(id) ON DELETE CASCADE,
        unit_id integer NOT NULL REFERENCES unit(id),
        PRIMARY KEY (event_id, unit_id)
      )`);
    await q.query(`
      CREATE TABLE promotion_event_enterprise (
        event_id uuid NOT NULL REFERENCES promotion_event(id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL REFERENCES enterprise(id),
        PRIMARY KEY (event_id, enterprise_id)
      )`);
    await q.query(`CREATE INDEX promotion_event_enterprise_idx ON promotion_event_enterprise (enterprise_id)`);
    await q.query(`
      CREATE TABLE promotion_event_contact (
        event_id uuid NOT NULL REFERENCES promotion_event(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES enterprise_contact(id),
        PRIMARY KEY (event_id, contact_id)
      )`);
    await q.query(`CREATE INDEX promotion_event_contact_idx ON promotion_event_contact (contact_id)`);

    await q.query(`ALTER TABLE project ADD COLUMN event_id uuid REFERENCES promotion_event(id)`);
    await q.query(`CREATE INDEX project_event_idx ON project (event_id) WHERE event_id IS NOT NULL`);
    await q.query(`ALTER TABLE project ADD COLUMN notes varchar(2000)`);

    // The CJK bigrams of a text (runs of two or more CJK characters), distinct.
    await q.query(`
      CREATE FUNCTION cjk_bigrams(doc text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT coalesce(array_agg(DISTINCT substr(m[1], i, 2)), '{}')
        FROM regexp_matches(doc, '([\\u3400-\\u9fff\\uf900-\\ufaff]{2,})', 'g') AS m,
             generate_series(1, char_length(m[1]) - 1) AS i
      $$`);
    // Contact names of a project: linked to it, or at its firm; a person anonymised on request is left out.
    await q.query(`
      CREATE FUNCTION project_contact_names(pid uuid, eid uuid) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(string_agg(DISTINCT c.name, ' '), '')
        FROM enterprise_contact c
        WHERE c.anonymised_at IS NULL
          AND (c.enterprise_id = eid OR c.id IN (SELECT pc.contact_id FROM project_contact pc WHERE pc.project_id = pid))
      $$`);
    await q.query(`ALTER TABLE project ADD COLUMN search_contacts text NOT NULL DEFAULT ''`);
    const doc = `lower(name || ' ' || investor_name || ' ' || coalesce(location, '') || ' ' || coalesce(notes, '') || ' ' || search_contacts)`;
    await q.query(`ALTER TABLE project ADD COLUMN search_doc text GENERATED ALWAYS AS (${doc}) STORED`);
    await q.query(`ALTER TABLE project ADD COLUMN search_grams text[] GENERATED ALWAYS AS (cjk_bigrams(${doc})) STORED`);
    await q.query(`CREATE INDEX project_search_doc_idx ON project USING gin (search_doc gin_trgm_ops)`);
    await q.query(`CREATE INDEX project_search_grams_idx ON project USING gin (search_grams)`);

    // Kept in step: the project's firm changes; a contact is added, renamed, moved or anonymised; a link is made or removed.
    await q.query(`
      CREATE FUNCTION project_search_contacts_own() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_contacts := project_contact_names(NEW.id, NEW.enterprise_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER project_search_contacts_own BEFORE INSERT OR UPDATE OF enterprise_id ON project
      FOR EACH ROW EXECUTE FUNCTION project_search_contacts_own()`);
    await q.query(`
      CREATE FUNCTION project_search_contacts_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        firms uuid[];
        projects uuid[];
      BEGIN
        IF TG_TABLE_NAME = 'enterprise_contact' THEN
          IF TG_OP <> 'DELETE' AND TG_OP <> 'INSERT' AND NEW.name IS NOT DISTINCT FROM OLD.name
             AND NEW.enterprise_id IS NOT DISTINCT FROM OLD.enterprise_id
             AND NEW.anonymised_at IS NOT DISTINCT FROM OLD.anonymised_at THEN
            RETURN NULL;
          END IF;
          firms := ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.enterprise_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.enterprise_id END];
          projects := ARRAY(SELECT pc.project_id FROM project_contact pc
                            WHERE pc.contact_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        ELSE
          projects := ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END];
        END IF;
        UPDATE project p SET search_contacts = project_contact_names(p.id, p.enterprise_id)
        WHERE (p.enterprise_id = ANY (coalesce(firms, '{}')) OR p.id = ANY (projects))
          AND p.search_contacts IS DISTINCT FROM project_contact_names(p.id, p.enterprise_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER enterprise_contact_search AFTER INSERT OR UPDATE OR DELETE ON enterprise_contact
      FOR EACH ROW EXECUTE FUNCTION project_search_contacts_refresh()`);
    await q.query(`
      CREATE TRIGGER project_contact_search AFTER INSERT OR DELETE ON project_contact
      FOR EACH ROW EXECUTE FUNCTION project_search_contacts_refresh()`);
    await q.query(`UPDATE project SET search_contacts = project_contact_names(id, enterprise_id)`);
    // The global search box also finds firms and contacts by part of their name.
    await q.query(`CREATE INDEX enterprise_name_trgm_idx ON enterprise USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX enterprise_contact_name_trgm_idx ON enterprise_contact USING gin (lower(name) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX enterprise_contact_name_trgm_idx`);
    await q.query(`DROP INDEX enterprise_name_trgm_idx`);
    await q.query(`DROP TRIGGER project_contact_search ON project_contact`);
    await q.query(`DROP TRIGGER enterprise_contact_search ON enterprise_contact`);
    await q.query(`DROP TRIGGER project_search_contacts_own ON project`);
    await q.query(`DROP FUNCTION project_search_contacts_refresh()`);
    await q.query(`DROP FUNCTION project_search_contacts_own()`);
    await q.query(`ALTER TABLE project DROP COLUMN search_grams, DROP COLUMN search_doc, DROP COLUMN search_contacts`);
    await q.query(`DROP FUNCTION project_contact_names(uuid, uuid)`);
    await q.query(`DROP FUNCTION cjk_bigrams(text)`);
    await q.query(`ALTER TABLE project DROP COLUMN notes, DROP COLUMN event_id`);
    await q.query(`DROP TABLE promotion_event_contact`);
    await q.query(`DROP TABLE promotion_event_enterprise`);
    await q.query(`DROP TABLE promotion_event_unit`);
    await q.query(`DROP TABLE promotion_event`);
    await q.query(`DROP TYPE promotion_event_kind`);
  }
}
