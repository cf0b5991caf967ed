import { STAGES, type AnnualPlanView, type ChainCode, type PlanChainTargetInput, type PlanKeyTaskInput, type RuleProblem } from '@crm/domain';
import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalid, planNotFound } from './plan.errors';
import { readPlan } from './plan.reader';

/** The plan's table writes, shared by the service's changes, its draft copy and the Excel import. */
export async function lockedPlan(tx: EntityManager, year: number): Promise<AnnualPlanView> {
  const locked = await tx.query(`SELECT year FROM annual_plan WHERE year = $1 FOR UPDATE`, [year]);
  if (!locked.length) throw planNotFound(year);
  return (await readPlan(tx, year)) as AnnualPlanView;
}

/** Targets, sector growth, key tasks with units, milestones and goals (achieved reset). */
export async function copyPlanBody(tx: EntityManager, from: number, to: number): Promise<void> {
  await tx.query(
    `INSERT INTO chain_target (chain_id, year, signed_amount, signed_at_least, funds_in_place, funds_at_least,
                               big_project_threshold, big_project_min_count, big_project_at_least)
     SELECT chain_id, $2, signed_amount, signed_at_least, funds_in_place, funds_at_least,
            big_project_threshold, big_project_min_count, big_project_at_least
     FROM chain_target WHERE year = $1`,
    [from, to],
  );
  await tx.query(
    `INSERT INTO sector_growth_target (year, sector, growth_rate) SELECT $2, sector, growth_rate FROM sector_growth_target WHERE year = $1`,
    [from, to],
  );
  const tasks: { id: number; chain_id: number; seq: number }[] = await tx.query(
    `SELECT id, chain_id, seq FROM key_task WHERE year = $1 ORDER BY chain_id, seq`,
    [from],
  );
  for (const task of tasks) {
    const [{ id }] = await tx.query(
      `INSERT INTO key_task (chain_id, year, seq, text) SELECT chain_id, $2, seq, text FROM key_task WHERE id = $1 RETURNING id`,
      [task.id, to],
    );
    await tx.query(
      `INSERT INTO key_task_unit (key_task_id, unit_id, sort_order) SELECT $2, unit_id, sort_order FROM key_task_unit WHERE key_task_id = $1`,
      [task.id, id],
    );
    // A milestone reached last year is not next year's: only those still short of their stage carry over.
    await tx.query(
      `INSERT INTO key_task_milestone (key_task_id, seq, project_name, project_id, target_stage, wording)
       SELECT $2, row_number() OVER (ORDER BY m.seq), m.project_name, m.project_id, m.target_stage, m.wording
       FROM key_task_milestone m LEFT JOIN project p ON p.id = m.project_id
       WHERE m.key_task_id = $1
         AND (p.id IS NULL OR array_position($3::text[], p.stage::text) < array_position($3::text[], m.target_stage::text))`,
      [task.id, id, STAGES],
    );
    await tx.query(
      `INSERT INTO key_task_goal (key_task_id, seq, label, measure_unit, target)
       SELECT $2, seq, label, measure_unit, target FROM key_task_goal WHERE key_task_id = $1`,
      [task.id, id],
    );
  }
}

export async function upsertTarget(
  tx: EntityManager,
  year: number,
  chainId: number,
  input: Omit<PlanChainTargetInput, 'reason'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO chain_target (chain_id, year, signed_amount, signed_at_least, funds_in_place, funds_at_least,
                               big_project_threshold, big_project_min_count, big_project_at_least)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (chain_id, year) DO UPDATE SET
       signed_amount = EXCLUDED.signed_amount, signed_at_least = EXCLUDED.signed_at_least,
       funds_in_place = EXCLUDED.funds_in_place, funds_at_least = EXCLUDED.funds_at_least,
       big_project_threshold = EXCLUDED.big_project_threshold,
       big_project_min_count = EXCLUDED.big_project_min_count,
       big_project_at_least = EXCLUDED.big_project_at_least`,
    [
      chainId,
      year,
      input.signedAmount,
      input.signedAtLeast,
      input.fundsInPlace,
      input.fundsAtLeast,
      input.bigProjectThreshold,
      input.bigProjectMinCount,
      input.bigProjectAtLeast,
    ],
  );
}

export async function writeKeyTaskParts(tx: EntityManager, id: number, input: KeyTaskParts): Promise<void> {
  for (const [order, unitId] of [...new Set(input.unitIds)].entries()) {
    await tx.query(`INSERT INTO key_task_unit (key_task_id, unit_id, sort_order) VALUES ($1, $2, $3)`, [id, unitId, order]);
  }
  for (const [i, m] of input.milestones.entries()) {
    await tx.query(
      `INSERT INTO key_task_milestone (key_task_id, seq, project_name, project_id, target_stage, wording)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, i + 1, m.projectName, m.projectId ?? null, m.targetStage, m.wording ?? ''],
    );
  }
  for (const [i, g] of input.goals.entries()) {
    await tx.query(
      `INSERT INTO key_task_goal (key_task_id, seq, label, measure_unit, target, achieved) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, i + 1, g.label, g.measureUnit, g.target, g.achieved ?? '0'],
    );
  }
}

/**
 * Units must exist; a milestone's project must be of the task's chain and not already past the
 * stage it is to reach (a milestone behind the project's stage commits to nothing).
 */
export async function checkKeyTaskRefs(tx: EntityManager, chainId: number, input: KeyTaskParts): Promise<void> {
  const problems: RuleProblem[] = [];
  const unitIds = [...new Set(input.unitIds)];
  const known: { id: number }[] = await tx.query(`SELECT id FROM unit WHERE id = ANY ($1::int[])`, [unitIds]);
  for (const id of unitIds.filter((u) => !known.some((k) => k.id === u))) {
    problems.push({
      field: 'unitIds',
      zh: `没有编号为${id}的单位`,
      en: `No unit ${id}`,
    });
  }
  for (const [i, m] of input.milestones.entries()) {
    if (!m.projectId) continue;
    const [project] = await tx.query(`SELECT chain_id, stage::text, name FROM project WHERE id = $1`, [m.projectId]);
    if (!project || project.chain_id !== chainId) {
      problems.push({
        field: `milestones.${i}.projectId`,
        zh: '关联项目不属于该产业链',
        en: 'The project is not of this chain',
      });
    } else if (STAGES.indexOf(project.stage) > STAGES.indexOf(m.targetStage)) {
      problems.push({
        field: `milestones.${i}.targetStage`,
        zh: `目标阶段落后于项目“${project.name}”的当前阶段`,
        en: `The target stage is behind the current stage of ${project.name}`,
      });
    }
  }
  if (problems.length) throw invalid(problems, 422);
}

export async function chainIdOf(tx: EntityManager, code: ChainCode): Promise<number> {
  const [row] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
  if (!row) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
  return row.id;
}

export type KeyTaskParts = Pick<PlanKeyTaskInput, 'unitIds' | 'milestones' | 'goals'>;

