import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 §2: 要素保障 requests (plan 四、强化要素保障供给支撑 and §(二十四) 要素保障部门配合).
 *
 * A project's needs — 用地 (亩), 用电 (千瓦, 兆瓦时/年), 用水 and 用气 (立方米/年), 矿产资源 and 排放指标
 * (description, quantity and its unit), 融资 (万元) — each sent to one bureau (a unit) with a due
 * date (a Shanghai business date). Amounts are numeric, never floats, and never negative (CHECK as
 * well as the API's 400). The bureau's answers are kept in order (guarantee_answer); the request
 * carries the latest. guarantee_reminder_sent's key (request, due date) is taken in the
 * transaction that writes the overdue notice, so a request is reminded once per due date however
 * many times, and on however many workers, the job runs.
 */
export class GuaranteeRequests1765120000000 implements MigrationInterface {
  name = 'GuaranteeRequests1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE guarantee_kind AS ENUM ('land', 'power', 'water', 'gas', 'minerals', 'emissions', 'finance')`);
    await q.query(`CREATE TYPE guarantee_status AS ENUM ('sent', 'received', 'in-progress', 'secured', 'cannot-meet')`);
    await q.query(`
      CREATE TABLE guarantee_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        kind guarantee_kind NOT NULL,
        description varchar(500),
        area_mu numeric(18, 4) CHECK (area_mu > 0),
        power_kw numeric(18, 4) CHECK (power_kw > 0),
        power_mwh_per_year numeric(18, 4) CHECK (power_mwh_per_year > 0),
        water_m3_per_year numeric(18, 4) CHECK (water_m3_per_year > 0),
        gas_m3_per_year numeric(18, 4) CHECK (gas_m3_per_year > 0),
        quantity numeric(18, 4) CHECK (quantity > 0),
        quantity_unit varchar(20),
        finance_wan numeric(20, 6) CHECK (finance_wan > 0),
        unit_id integer NOT NULL REFERENCES unit(id),
        due_on date NOT NULL,
        status guarantee_status NOT NULL DEFAULT 'sent',
        status_on date,
        expected_on date,
        note varchar(1000),
        sent_at timestamptz NOT NULL,
        sent_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at timestamptz NOT NULL,
        CHECK (kind <> 'land' OR area_mu IS NOT NULL),
        CHECK (kind <> 'power' OR power_kw IS NOT NULL OR power_mwh_per_year IS NOT NULL),
        CHECK (kind <> 'water' OR water_m3_per_year IS NOT NULL),
        CHECK (kind <> 'gas' OR gas_m3_per_year IS NOT NULL),
        CHECK (kind NOT IN ('minerals', 'emissions') OR btrim(coalesce(description, '')) <> ''),
        CHECK (kind <> 'finance' OR finance_wan IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX guarantee_request_project_idx ON guarantee_request (project_id, sent_at)`);
    await q.query(`CREATE INDEX guarantee_request_unit_idx ON guarantee_request (unit_id, due_on)`);
    // The open ones, by due date: what the reminder job and the blocked-project lists read.
    await q.query(`
      CREATE INDEX guarantee_request_open_idx ON guarantee_request (due_on)
      WHERE status NOT IN ('secured', 'cannot-meet')`);
    await q.query(`
      CREATE TABLE guarantee_answer (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES guarantee_request(id) ON DELETE CASCADE,
        status guarantee_status NOT NULL CHECK (status <> 'sent'),
        status_on date NOT NULL,
        expected_on date,
        note varchar(1000),
        answered_by uuid REFERENCES app_user(id),
        answered_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX guarantee_answer_request_idx ON guarantee_answer (request_id, id)`);
    await q.query(`
      CREATE TABLE guarantee_reminder_sent (
        request_id uuid NOT NULL REFERENCES guarantee_request(id) ON DELETE CASCADE,
        due_on date NOT NULL,
        sent_at timestamptz NOT NULL,
        recipients integer NOT NULL DEFAULT 0,
        PRIMARY KEY (request_id, due_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guarantee_reminder_sent`);
    await q.query(`DROP TABLE guarantee_answer`);
    await q.query(`DROP TABLE guarantee_request`);
    await q.query(`DROP TYPE guarantee_status`);
    await q.query(`DROP TYPE guarantee_kind`);
  }
}
