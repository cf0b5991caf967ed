import { missingForStage, STAGE_LABELS, type ProjectFacts } from '@crm/domain';
import type { EntityManager } from 'typeorm';
import { INVESTOR_NOT_NAMED, SAMPLE_PIPELINE_2025, SAMPLE_STAGE, type SampleProject } from './sample-pipeline.data';

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
 * seed:sample`) at the stage their known facts support (SAMPLE_STAGE, see sample-pipeline.data.ts),
 * each checked against that stage's gate (missingForStage, as the pipeline checks a move) before
 * anything is written, and links each to its key task's milestone of the same name. Idempotent: a
 * project already there (same chain and name) is left as it is, and only an unlinked milestone is
 * linked. The responsible unit is the key task's first; the stage history's first entry says why
 * the project is at its stage. No amounts: the text gives none.
 */
export async function loadSamplePipeline(
  manager: EntityManager,
  projects: SampleProject[] = SAMPLE_PIPELINE_2025,
  year = 2025,
): Promise<{ inserted: number; skipped: number; linked: number }> {
  return manager.transaction(async (tx) => {
    const ownerId = await ensureSampleUser(tx);
    let inserted = 0;
    let linked = 0;
    for (const p of projects) {
      const [ctx] = await tx.query(
        `SELECT c.id AS chain_id, k.id AS key_task_id,
                (SELECT ku.unit_id FROM key_task_unit ku WHERE ku.key_task_id = k.id ORDER BY ku.sort_order LIMIT 1) AS unit_id,
                (SELECT e.id FROM enterprise e WHERE e.name = $4) AS enterprise_id,
                (SELECT x.id FROM project x WHERE x.chain_id = c.id AND x.name = $3 ORDER BY x.created_at, x.id LIMIT 1) AS present_id,
                (SELECT m.id FROM key_task_milestone m WHERE m.key_task_id = k.id AND m.project_name = $3
                 ORDER BY m.seq LIMIT 1) AS milestone_id
         FROM chain c LEFT JOIN key_task k ON k.chain_id = c.id AND k.year = $5 AND k.seq = $2
         WHERE c.code = $1`,
        [p.chain, p.keyTaskSeq, p.name, p.enterprise ?? null, year],
      );
      if (!ctx?.key_task_id || !ctx.unit_id) {
        throw new Error(
          `sample pipeline: no key task ${p.keyTaskSeq} of ${p.chain} in ${year} (load the reference data first)`,
        );
      }
      let projectId: string = ctx.present_id;
      if (!projectId) {
        const stage = p.stage ?? SAMPLE_STAGE;
        const investor = p.investor ?? INVESTOR_NOT_NAMED;
        const missing = missingForStage(sampleFacts(p, investor, ctx.unit_id, ownerId), stage);
        if (missing.length > 0) {
          throw new Error(
            `sample pipeline: ${p.name} cannot be at ${stage}: ${missing.map((m) => `${m.field} (${m.zh})`).join(', ')}`,
          );
        }
        [{ id: projectId }] = await tx.query(
          `INSERT INTO project (name, chain_id, enterprise_id, investor_name, source_channel, responsible_unit_id, owner_id,
             key_task_id, stage, created_by)
           VALUES ($1, $2, $3, $4, 'other', $5, $6, $7, $8, $6) RETURNING id`,
          [p.name, ctx.chain_id, ctx.enterprise_id, investor, ctx.unit_id, ownerId, ctx.key_task_id, stage],
        );
        await tx.query(
          `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by) VALUES ($1, NULL, $2, $3, $4)`,
          [
            projectId,
            stage,
            `示例数据：原文“${p.wording}”是年内目标（重点任务节点），不是现状；原文未给出更多事实，按阶段门槛置于“${STAGE_LABELS[stage]}” / ` +
              `Sample data: the plan's words are the year's milestone, not today's state; the text gives no facts for a later stage`,
            ownerId,
          ],
        );
        inserted++;
      }
      if (ctx.milestone_id) {
        const [{ n }] = await tx.query(
          `WITH u AS (UPDATE key_task_milestone SET project_id = $2 WHERE id = $1 AND project_id IS NULL RETURNING id)
           SELECT count(*)::int AS n FROM u`,
          [ctx.milestone_id, projectId],
        );
        linked += n;
      }
    }
    return { inserted, skipped: projects.length - inserted, linked };
  });
}

/** What the gates see of a sample project: what the text gives, nothing more. */
function sampleFacts(p: SampleProject, investor: string, unitId: number, ownerId: string): ProjectFacts {
  return {
    name: p.name,
    chain: p.chain,
    hasInvestor: investor.trim().length > 0,
    sourceChannel: 'other',
    responsibleUnitId: unitId,
    ownerId,
    plannedInvestment: null,
    contactCount: 0,
    evaluationOpened: false,
    latestConclusion: null,
    eliminatedCategory: false,
    status: 'active',
    signedAmount: null,
    signedOn: null,
    agreementRef: null,
    landParcel: null,
    landAreaMu: null,
    landApprovalRef: null,
    landApprovedOn: null,
    constructionStartedOn: null,
    constructionPermitRef: null,
    completedOn: null,
  };
}
