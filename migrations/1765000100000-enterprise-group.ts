import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * enterprise_group(firm): the firm's whole group — its top parent and every firm under it, the firm
 * included — the one definition read by the firm page (企业全景) and the courting alert (撞车提醒).
 * A group is a tree (no firm is its own parent; the writer refuses a cycle); the depth bound only
 * guards against a cycle written outside the writer.
 */
export class EnterpriseGroup1765000100000 implements MigrationInterface {
  name = 'EnterpriseGroup1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION enterprise_group(firm uuid) RETURNS SETOF uuid
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE up AS (
          SELECT id, parent_enterprise_id, 0 AS depth FROM enterprise WHERE id = firm
          UNION ALL
          SELECT e.id, e.parent_enterprise_id, up.depth + 1 FROM enterprise e JOIN up ON e.id = up.parent_enterprise_id
          WHERE up.depth < 20
        ),
        root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
        down AS (
          SELECT id, 0 AS depth FROM root
          UNION ALL
          SELECT e.id, down.depth + 1 FROM enterprise e JOIN down ON e.parent_enterprise_id = down.id WHERE down.depth < 20
        )
        SELECT DISTINCT id FROM down
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION enterprise_group(uuid)`);
  }
}
