import type { EntityManager } from 'typeorm';
import { INVESTOR_NOT_NAMED, SAMPLE_PIPELINE_2025, type SampleProject } from './sample-pipeline.data';

/** The owner of sample and synthetic projects: a staff account nobody can sign in to. */
export const SAMPLE_OWNER_USERNAME = 'sample-pipeline';

/**
 * A staff user that owns generated projects. Its password hash is not a hash, so no password ever
 * matches it; it stays active so the projects it owns can be edited and handed to a real owner.
 */
export async function ensureSampleUser(
  manager: EntityManager,
  username = SAMPLE_OWNER_USERNAME,
  displayName = '示例数据',
  unitId: number | null = null,
): Promise<string> {
  await manager.query(
    `INSERT INTO app_user (username, display_name, password_hash, roles, unit_id)
     VALUES ($1, $2, '!', ARRAY['staff'], $3) ON CONFLICT ((lower(username))) DO NOTHING`,
    [username, displayName, unitId],
  );
  const [{ id }] = await manager.query(`SELECT id FROM app_user WHERE lower(username) = lower($1)`, [username]);
  return id;
}

/**
 * Loads the named intended projects of the 2025 key tasks (not on normal start: `npm run
 * seed:sample`). Idempotent: a project already there (same chain and name) is left as it is. The
 * responsible unit is the key task's first; the stage history's first entry says which words of the
 * text the stage was read from. No amounts: the text gives none.
 */
export async function loadSamplePipeline(
  manager: EntityManager,
  projects: SampleProject[] = SAMPLE_PIPELINE_2025,
  year = 2025,
): Promise<{ inserted: number; skipped: number }> {
  return manager.transaction(async (tx) => {
    const ownerId = await ensureSampleUser(tx);
    let inserted = 0;
    for (const p of projects) {
      const [ctx] = await tx.query(
        `SELECT c.id AS chain_id, k.id AS key_task_id,
                (SELECT ku.unit_id FROM key_task_unit ku WHERE ku.key_task_id = k.id ORDER BY ku.sort_order LIMIT 1) AS unit_id,
                (SELECT e.id FROM enterprise e WHERE e.name = $4) AS enterprise_id,
                EXISTS (SELECT 1 FROM project x WHERE x.chain_id = c.id AND x.name = $3) AS present
         FROM chain c LEFT JOIN key_task k ON k.chain_id = c.id AND k.year = $5 AND k.seq = $2
         WHERE c.code = $1`,
        [p.chain, p.keyTaskSeq, p.name, p.enterprise ?? null, year],
      );
      if (!ctx?.key_task_id || !ctx.unit_id) {
        throw new Error(
          `sample pipeline: no key task ${p.keyTaskSeq} of ${p.chain} in ${year} (load the reference data first)`,
        );
      }
      if (ctx.present) continue;
      const [{ id }] = await tx.query(
        `INSERT INTO project (name, chain_id, enterprise_id, investor_name, source_channel, responsible_unit_id, owner_id,
           key_task_id, stage, created_by)
         VALUES ($1, $2, $3, $4, 'other', $5, $6, $7, $8, $6) RETURNING id`,
        [
          p.name,
          ctx.chain_id,
          ctx.enterprise_id,
          p.investor ?? INVESTOR_NOT_NAMED,
          ctx.unit_id,
          ownerId,
          ctx.key_task_id,
          p.stage,
        ],
      );
      await tx.query(
        `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by) VALUES ($1, NULL, $2, $3, $4)`,
        [
          id,
          p.stage,
          `示例数据：阶段依原文“${p.wording}”设定 / Sample data: stage read from the plan's wording`,
          ownerId,
        ],
      );
      inserted++;
    }
    return { inserted, skipped: projects.length - inserted };
  });
}
