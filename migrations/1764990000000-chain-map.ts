import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 招商图谱 (issue 22): each chain's map per year — its links (环节) from upstream to downstream with
 * sub-links, the local firms on each (from the enterprise library), a status with its reason, the
 * target firms for a weak or missing link — and the link and kind (强链/补链/延链) a project serves.
 *
 * A link keeps its lineage from year to year (a map drafted from last year's copies it), so a project
 * tagged with last year's link still counts on this year's. A name appears once per map (a link in
 * two places of one chain is refused by the unique index too), a target once per link.
 */
export class ChainMap1764990000000 implements MigrationInterface {
  name = 'ChainMap1764990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE chain_link_status AS ENUM ('strong', 'weak', 'missing')`);
    await q.query(`CREATE TYPE chain_link_kind AS ENUM ('strengthen', 'fill', 'extend')`);
    await q.query(`CREATE TYPE chain_link_tier AS ENUM ('upstream', 'midstream', 'downstream')`);
    await q.query(`
      CREATE TABLE chain_map (
        id serial PRIMARY KEY,
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        drafted_from smallint,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (chain_id, year)
      )`);
    await q.query(`
      CREATE TABLE chain_map_link (
        id serial PRIMARY KEY,
        map_id integer NOT NULL REFERENCES chain_map(id) ON DELETE CASCADE,
        lineage uuid NOT NULL DEFAULT gen_random_uuid(),
        parent_id integer REFERENCES chain_map_link(id) ON DELETE CASCADE,
        tier chain_link_tier NOT NULL,
        sort_order smallint NOT NULL,
        name varchar(60) NOT NULL CHECK (btrim(name) <> ''),
        normalised_name varchar(60) NOT NULL,
        status chain_link_status NOT NULL,
        status_reason varchar(500),
        kind chain_link_kind,
        draft boolean NOT NULL DEFAULT false,
        source_quote text,
        UNIQUE (map_id, normalised_name),
        UNIQUE (map_id, lineage),
        -- A strong link needs no 强链/补链/延链; a weak or missing one says which.
        CHECK ((status = 'strong') = (kind IS NULL))
      )`);
    await q.query(`CREATE INDEX chain_map_link_lineage_idx ON chain_map_link(lineage)`);
    await q.query(`
      CREATE TABLE chain_map_link_firm (
        link_id integer NOT NULL REFERENCES chain_map_link(id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL REFERENCES enterprise(id),
        sort_order smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (link_id, enterprise_id)
      )`);
    await q.query(`
      CREATE TABLE chain_map_target (
        id serial PRIMARY KEY,
        link_id integer NOT NULL REFERENCES chain_map_link(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        normalised_name varchar(200) NOT NULL,
        tags text[] NOT NULL DEFAULT '{}' CHECK (tags <@ ARRAY['central-soe', 'fortune-500', 'listed', 'private-500']),
        note varchar(500),
        sort_order smallint NOT NULL DEFAULT 0,
        UNIQUE (link_id, normalised_name)
      )`);
    await q.query(`ALTER TABLE project ADD COLUMN chain_link_id integer REFERENCES chain_map_link(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE project ADD COLUMN chain_link_kind chain_link_kind`);
    await q.query(`CREATE INDEX project_chain_link_idx ON project(chain_link_id) WHERE chain_link_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project DROP COLUMN chain_link_kind`);
    await q.query(`ALTER TABLE project DROP COLUMN chain_link_id`);
    await q.query(`DROP TABLE chain_map_target`);
    await q.query(`DROP TABLE chain_map_link_firm`);
    await q.query(`DROP TABLE chain_map_link`);
    await q.query(`DROP TABLE chain_map`);
    await q.query(`DROP TYPE chain_link_tier`);
    await q.query(`DROP TYPE chain_link_kind`);
    await q.query(`DROP TYPE chain_link_status`);
  }
}
