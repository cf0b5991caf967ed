import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units over time, as reports read them (issue 14).
 *
 * - unit_name_on(unit, d): the unit's name on a date: the unit_name row (a former name) whose
 *   dates hold d, else the unit's current name. A renamed unit keeps its id, so its reports form
 *   one history; each period shows the name it had then.
 * - reporting_units_on(d): the units that owe a monthly report for the period holding d, with the
 *   chains they report on: the 责任单位 serving a chain on d (chain_units_on), and the units the
 *   year's published plan makes responsible for a key task of a chain (key_task_units_on). The
 *   reminders, the escalation, the office's board, the roll-up and the leader alerts all ask it.
 */
export class UnitNameOn1764890000000 implements MigrationInterface {
  name = 'UnitNameOn1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION unit_name_on(p_unit integer, d date) RETURNS varchar LANGUAGE sql STABLE AS $$
        SELECT coalesce(
          (SELECT n.name FROM unit_name n
           WHERE n.unit_id = p_unit
             AND (n.valid_from IS NULL OR n.valid_from <= d) AND (n.valid_to IS NULL OR n.valid_to >= d)
           ORDER BY n.valid_from DESC NULLS LAST, n.id DESC
           LIMIT 1),
          (SELECT u.name FROM unit u WHERE u.id = p_unit))
      $$`);
    await q.query(`
      CREATE FUNCTION reporting_units_on(d date) RETURNS TABLE (chain_id smallint, unit_id integer)
      LANGUAGE sql STABLE AS $$
        SELECT cu.chain_id, cu.unit_id FROM chain_units_on(d) cu WHERE cu.role = 'responsible'
        UNION
        SELECT kt.chain_id, kt.unit_id FROM key_task_units_on(d) kt
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION reporting_units_on(date)`);
    await q.query(`DROP FUNCTION unit_name_on(integer, date)`);
  }
}
