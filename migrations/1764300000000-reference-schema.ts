import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data of the "5+2" task forces: chains, people, units (with aliases), the enterprise
 * library, the chain roles, key tasks and annual targets. Money is numeric in 万元 with six
 * decimals, so a fen (0.000001 万元) is exact.
 */
export class ReferenceSchema1764300000000 implements MigrationInterface {
  name = 'ReferenceSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE TYPE chain_kind AS ENUM ('leading', 'special')`);
    await q.query(`CREATE TYPE unit_kind AS ENUM ('bureau', 'committee', 'park', 'company')`);
    await q.query(`CREATE TYPE chain_leader_role AS ENUM ('liaison', 'responsible')`);
    await q.query(`CREATE TYPE chain_unit_role AS ENUM ('responsible', 'cooperating')`);
    await q.query(
      `CREATE TYPE enterprise_ownership AS ENUM ('central-soe', 'local-soe', 'private', 'foreign', 'mixed', 'other')`,
    );

    await q.query(`
      CREATE TABLE chain (
        id smallserial PRIMARY KEY,
        code varchar(40) NOT NULL UNIQUE,
        name_zh varchar(60) NOT NULL UNIQUE,
        name_en varchar(120) NOT NULL,
        kind chain_kind NOT NULL,
        direction text NOT NULL DEFAULT '',
        sort_order smallint NOT NULL
      )`);

    await q.query(`
      CREATE TABLE person (
        id serial PRIMARY KEY,
        name varchar(40) NOT NULL UNIQUE,
        position varchar(200) NOT NULL DEFAULT ''
      )`);

    await q.query(`
      CREATE TABLE unit (
        id serial PRIMARY KEY,
        name varchar(100) NOT NULL UNIQUE,
        kind unit_kind NOT NULL
      )`);
    // An alias is unique across all units and never equal to a canonical name, so a spelling
    // found in a sheet or report resolves to exactly one unit.
    await q.query(`
      CREATE TABLE unit_alias (
        alias varchar(100) PRIMARY KEY,
        unit_id integer NOT NULL REFERENCES unit(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX unit_alias_unit_idx ON unit_alias(unit_id)`);

    await q.query(`
      CREATE TABLE enterprise (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        normalised_name varchar(200) NOT NULL,
        credit_code char(18),
        ownership enterprise_ownership,
        tags text[] NOT NULL DEFAULT '{}'
          CHECK (tags <@ ARRAY['central-soe', 'soe', 'global-500', 'china-500', 'private-500']),
        region varchar(100),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX enterprise_normalised_name_key ON enterprise(normalised_name)`);
    await q.query(
      `CREATE UNIQUE INDEX enterprise_credit_code_key ON enterprise(credit_code) WHERE credit_code IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE chain_leader (
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        person_id integer NOT NULL REFERENCES person(id),
        role chain_leader_role NOT NULL,
        sort_order smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, person_id, role)
      )`);
    // 包联领导: one per chain.
    await q.query(`CREATE UNIQUE INDEX chain_leader_one_liaison ON chain_leader(chain_id) WHERE role = 'liaison'`);
    await q.query(`CREATE INDEX chain_leader_person_idx ON chain_leader(person_id)`);

    await q.query(`
      CREATE TABLE chain_unit (
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        unit_id integer NOT NULL REFERENCES unit(id),
        role chain_unit_role NOT NULL,
        is_lead boolean NOT NULL DEFAULT false,
        sort_order smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, unit_id, role)
      )`);
    await q.query(`CREATE INDEX chain_unit_unit_idx ON chain_unit(unit_id)`);

    await q.query(`
      CREATE TABLE chain_anchor_firm (
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL REFERENCES enterprise(id),
        sort_order smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (chain_id, enterprise_id)
      )`);

    await q.query(`
      CREATE TABLE key_task (
        id serial PRIMARY KEY,
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        year smallint NOT NULL,
        seq smallint NOT NULL,
        text text NOT NULL,
        UNIQUE (chain_id, year, seq)
      )`);
    await q.query(`
      CREATE TABLE key_task_unit (
        key_task_id integer NOT NULL REFERENCES key_task(id) ON DELETE CASCADE,
        unit_id integer NOT NULL REFERENCES unit(id),
        sort_order smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (key_task_id, unit_id)
      )`);

    await q.query(`
      CREATE TABLE chain_target (
        id serial PRIMARY KEY,
        chain_id smallint NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
        year smallint NOT NULL,
        signed_amount numeric(20, 6) NOT NULL CHECK (signed_amount >= 0),
        big_project_threshold numeric(20, 6) NOT NULL CHECK (big_project_threshold >= 0),
        big_project_min_count smallint NOT NULL CHECK (big_project_min_count >= 0),
        funds_in_place numeric(20, 6) NOT NULL CHECK (funds_in_place >= 0),
        UNIQUE (chain_id, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'chain_target',
      'key_task_unit',
      'key_task',
      'chain_anchor_firm',
      'chain_unit',
      'chain_leader',
      'enterprise',
      'unit_alias',
      'unit',
      'person',
      'chain',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    for (const type of ['enterprise_ownership', 'chain_unit_role', 'chain_leader_role', 'unit_kind', 'chain_kind']) {
      await q.query(`DROP TYPE ${type}`);
    }
  }
}
