import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  STAGES,
  toFieldErrors,
  type AnnualPlanSummary,
  type AnnualPlanView,
  type ChainCode,
  type Clock,
  type KeyTaskGoalView,
  type PlanDifference,
  type RuleProblem,
} from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PLAN_CLOCK } from '../plan-clock';
import { diffPlans } from './plan-diff';
import type { AnnualPlanDto, GoalAchievedDto, PlanChainTargetDto, PlanKeyTaskDto, SectorGrowthDto } from './plan.dto';
import { listPlans, publishProblems, readPlan } from './plan.reader';

/**
 * The one writer of the year's plan: every change runs in one transaction that locks the plan,
 * refuses a published plan's change without a reason, bumps the plan's version and writes the
 * audit row (before and after) beside it.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(PLAN_CLOCK) private readonly clock: Clock,
  ) {}

  list(): Promise<AnnualPlanSummary[]> {
    return listPlans(this.dataSource.manager);
  }

  async get(year: number): Promise<AnnualPlanView> {
    const plan = await readPlan(this.dataSource.manager, year);
    if (!plan) throw planNotFound(year);
    return plan;
  }

  async diff(year: number, against: number): Promise<PlanDifference[]> {
    const [plan, other] = await Promise.all([this.get(year), readPlan(this.dataSource.manager, against)]);
    return diffPlans(other, plan);
  }

  /** Drafts a year's plan: a copy of fromYear's (achieved figures reset), or blank. */
  async draft(user: AuthUser, year: number, fromYear?: number): Promise<AnnualPlanView> {
    return this.dataSource.transaction(async (tx) => {
      if (fromYear !== undefined && fromYear === year) {
        throw invalid([{ field: 'fromYear', zh: '来源年度不能与新方案年度相同', en: 'fromYear must differ from the year drafted' }]);
      }
      if (fromYear !== undefined && !(await tx.query(`SELECT 1 FROM annual_plan WHERE year = $1`, [fromYear])).length) {
        throw invalid([{ field: 'fromYear', zh: `${fromYear}年度尚无工作方案，无法据此起草`, en: `There is no ${fromYear} plan to draft from` }]);
      }
      const now = this.clock.now();
      const inserted = await tx.query(
        `INSERT INTO annual_plan (year, status, city_signed_amount, city_signed_at_least, city_funds_in_place,
                                  city_funds_at_least, drafted_from, created_at, updated_at)
         SELECT $1, 'draft', f.city_signed_amount, coalesce(f.city_signed_at_least, true), f.city_funds_in_place,
                coalesce(f.city_funds_at_least, false), $2, $3, $3
         FROM (SELECT 1) one LEFT JOIN annual_plan f ON f.year = $2
         ON CONFLICT (year) DO NOTHING RETURNING year`,
        [year, fromYear ?? null, now],
      );
      if (!inserted.length) {
        throw new ConflictException({
          statusCode: 409,
          message: `${year}年度工作方案已存在，请直接修改 / The ${year} plan already exists; edit it instead`,
        });
      }
      if (fromYear !== undefined) await copyPlanBody(tx, fromYear, year);
      const after = (await readPlan(tx, year)) as AnnualPlanView;
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'annual_plan',
        entityId: String(year),
        after: { draftedFrom: fromYear ?? null, plan: after },
      });
      return after;
    });
  }

  async updateHead(user: AuthUser, year: number, input: AnnualPlanDto): Promise<AnnualPlanView> {
    return this.change(user, year, input.reason, 'annual_plan', async (tx, plan) => {
      if (plan.version !== input.version) throw stalePlan(plan);
      await tx.query(
        `UPDATE annual_plan SET city_signed_amount = $2, city_signed_at_least = $3, city_funds_in_place = $4,
                                city_funds_at_least = $5
         WHERE year = $1`,
        [year, input.citySignedAmount, input.citySignedAtLeast, input.cityFundsInPlace, input.cityFundsAtLeast],
      );
      return {
        before: pick(plan, ['citySignedAmount', 'citySignedAtLeast', 'cityFundsInPlace', 'cityFundsAtLeast']),
        after: pick(input, ['citySignedAmount', 'citySignedAtLeast', 'cityFundsInPlace', 'cityFundsAtLeast']),
      };
    });
  }

  async putTarget(user: AuthUser, year: number, chainCode: ChainCode, input: PlanChainTargetDto): Promise<AnnualPlanView> {
    if ((Number(input.bigProjectThreshold) > 0) !== input.bigProjectMinCount > 0) {
      throw invalid([
        input.bigProjectMinCount > 0
          ? { field: 'bigProjectThreshold', zh: '填写了大项目个数，请同时填写大项目金额门槛', en: 'A big-project count needs a threshold' }
          : { field: 'bigProjectMinCount', zh: '填写了大项目金额门槛，请同时填写不少于几个', en: 'A big-project threshold needs a count' },
      ]);
    }
    return this.change(user, year, input.reason, 'chain_target', async (tx, plan) => {
      const chainId = await chainIdOf(tx, chainCode);
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
      const after = withoutReason(input);
      return { entityId: `${year}/${chainCode}`, before: plan.targets.find((t) => t.chainCode === chainCode) ?? null, after };
    });
  }

  async putSectorGrowth(user: AuthUser, year: number, input: SectorGrowthDto): Promise<AnnualPlanView> {
    const sectors = input.targets.map((t) => t.sector);
    if (new Set(sectors).size !== sectors.length) {
      throw invalid([{ field: 'targets', zh: '同一行业只能填写一个增长目标', en: 'Each sector appears once' }]);
    }
    return this.change(user, year, input.reason, 'sector_growth_target', async (tx, plan) => {
      await tx.query(`DELETE FROM sector_growth_target WHERE year = $1`, [year]);
      for (const t of input.targets) {
        await tx.query(`INSERT INTO sector_growth_target (year, sector, growth_rate) VALUES ($1, $2, $3)`, [
          year,
          t.sector,
          t.growthRate,
        ]);
      }
      return { before: plan.sectorGrowth, after: input.targets };
    });
  }

  async addKeyTask(user: AuthUser, year: number, input: PlanKeyTaskDto): Promise<AnnualPlanView> {
    return this.change(user, year, input.reason, 'key_task', async (tx) => {
      const chainId = await chainIdOf(tx, input.chainCode);
      await checkKeyTaskRefs(tx, chainId, input);
      const [{ id }] = await tx.query(
        `INSERT INTO key_task (chain_id, year, seq, text)
         VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM key_task WHERE chain_id = $1 AND year = $2), $3)
         RETURNING id`,
        [chainId, year, input.text],
      );
      await writeKeyTaskParts(tx, id, input);
      const after = withoutReason(input);
      return { entityId: String(id), before: null, after };
    });
  }

  async updateKeyTask(user: AuthUser, year: number, id: number, input: PlanKeyTaskDto): Promise<AnnualPlanView> {
    return this.change(user, year, input.reason, 'key_task', async (tx, plan) => {
      const before = plan.keyTasks.find((k) => k.id === id);
      if (!before) throw keyTaskNotFound(year, id);
      const chainId = await chainIdOf(tx, input.chainCode);
      await checkKeyTaskRefs(tx, chainId, input);
      if (before.chainCode !== input.chainCode) {
        await tx.query(
          `UPDATE key_task SET chain_id = $2, seq = (SELECT coalesce(max(seq), 0) + 1 FROM key_task WHERE chain_id = $2 AND year = $3)
           WHERE id = $1`,
          [id, chainId, year],
        );
      }
      await tx.query(`UPDATE key_task SET text = $2 WHERE id = $1`, [id, input.text]);
      await tx.query(`DELETE FROM key_task_unit WHERE key_task_id = $1`, [id]);
      await tx.query(`DELETE FROM key_task_milestone WHERE key_task_id = $1`, [id]);
      // Goals keep their achieved figures when the label stays: progress entered is not lost.
      const kept = new Map(before.goals.map((g) => [g.label, g]));
      await tx.query(`DELETE FROM key_task_goal WHERE key_task_id = $1`, [id]);
      await writeKeyTaskParts(tx, id, {
        ...input,
        goals: input.goals.map((g) => ({ ...g, achieved: g.achieved ?? kept.get(g.label)?.achieved ?? '0' })),
      });
      const after = withoutReason(input);
      return { entityId: String(id), before, after };
    });
  }

  async removeKeyTask(user: AuthUser, year: number, id: number, reason?: string): Promise<AnnualPlanView> {
    return this.change(user, year, reason, 'key_task', async (tx, plan) => {
      const before = plan.keyTasks.find((k) => k.id === id);
      if (!before) throw keyTaskNotFound(year, id);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM project WHERE key_task_id = $1`, [id]);
      if (n > 0) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `该重点任务已关联${n}个项目，请先调整这些项目的重点任务 / ${n} projects are linked to this key task; relink them first`,
          errors: { keyTask: [`已关联${n}个项目 / ${n} linked projects`] },
        });
      }
      await tx.query(`DELETE FROM key_task WHERE id = $1`, [id]);
      return { entityId: String(id), before, after: null, action: 'delete' as const };
    });
  }

  /** A goal's achieved figure: the office, or staff of one of the key task's units. */
  async putGoalAchieved(user: AuthUser, year: number, keyTaskId: number, goalId: number, input: GoalAchievedDto): Promise<KeyTaskGoalView> {
    return this.dataSource.transaction(async (tx) => {
      const [goal] = await tx.query(
        `SELECT g.id, g.achieved::text, to_char(g.achieved_on, 'YYYY-MM-DD') AS achieved_on, k.year,
                EXISTS (SELECT 1 FROM key_task_unit ku WHERE ku.key_task_id = k.id AND ku.unit_id = $4) AS own_unit
         FROM key_task_goal g JOIN key_task k ON k.id = g.key_task_id
         WHERE g.id = $1 AND k.id = $2 AND k.year = $3 FOR UPDATE OF g`,
        [goalId, keyTaskId, year, user.unitId ?? null],
      );
      if (!goal) throw new NotFoundException(`没有找到该量化目标 / No goal ${goalId} in key task ${keyTaskId} of ${year}`);
      const office = user.roles.includes('office');
      if (!office && !(user.roles.includes('staff') && goal.own_unit)) {
        throw new NotFoundException(`没有找到该量化目标 / No goal ${goalId} in key task ${keyTaskId} of ${year}`);
      }
      if (!input.achievedOn.startsWith(`${year}-`)) {
        throw invalid([{ field: 'achievedOn', zh: `统计日期应在${year}年内`, en: `achievedOn must be within ${year}` }]);
      }
      await tx.query(`UPDATE key_task_goal SET achieved = $2, achieved_on = $3 WHERE id = $1`, [
        goalId,
        input.achieved,
        input.achievedOn,
      ]);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'key_task_goal',
        entityId: String(goalId),
        before: { achieved: goal.achieved, achievedOn: goal.achieved_on },
        after: { achieved: input.achieved, achievedOn: input.achievedOn },
      });
      const plan = (await readPlan(tx, year)) as AnnualPlanView;
      return plan.keyTasks.flatMap((k) => k.goals).find((g) => g.id === goalId) as KeyTaskGoalView;
    });
  }

  async publish(user: AuthUser, year: number, version: number): Promise<AnnualPlanView> {
    return this.dataSource.transaction(async (tx) => {
      const plan = await lockedPlan(tx, year);
      if (plan.version !== version) throw stalePlan(plan);
      if (plan.status === 'published') {
        throw new ConflictException({ statusCode: 409, message: `${year}年度工作方案已发布 / The ${year} plan is already published`, current: plan });
      }
      const chains = await tx.query(`SELECT code, name_zh FROM chain ORDER BY sort_order, id`);
      const problems = publishProblems(plan, chains);
      if (problems.length) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `${year}年度工作方案尚不完整，暂不能发布：${problems.map((p) => p.zh).join('；')} / The plan is incomplete and cannot be published yet`,
          errors: toFieldErrors(problems),
        });
      }
      await tx.query(
        `UPDATE annual_plan SET status = 'published', published_at = $2, published_by = $3, version = version + 1,
                                updated_at = $2
         WHERE year = $1`,
        [year, this.clock.now(), user.id],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'annual_plan',
        entityId: String(year),
        before: { status: 'draft' },
        after: { status: 'published' },
      });
      return (await readPlan(tx, year)) as AnnualPlanView;
    });
  }

  /**
   * One change to a plan: lock it, refuse a published plan's change without a reason, run the
   * write, bump the version, audit what changed (with the reason), answer the plan as it is now.
   */
  private change(
    user: AuthUser,
    year: number,
    reason: string | undefined,
    entityType: string,
    write: (
      tx: EntityManager,
      plan: AnnualPlanView,
    ) => Promise<{ entityId?: string; before: unknown; after: unknown; action?: 'create' | 'update' | 'delete' }>,
  ): Promise<AnnualPlanView> {
    return this.dataSource.transaction(async (tx) => {
      const plan = await lockedPlan(tx, year);
      const why = reason?.trim() || null;
      if (plan.status === 'published' && !why) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `${year}年度工作方案已发布，修改须填写修改原因 / The ${year} plan is published: give a reason for the change`,
          errors: { reason: ['请填写修改原因 / A reason is required'] },
        });
      }
      const change = await write(tx, plan);
      await tx.query(`UPDATE annual_plan SET version = version + 1, updated_at = $2 WHERE year = $1`, [year, this.clock.now()]);
      await this.audit.record(tx, user, {
        action: change.action ?? (change.before === null ? 'create' : 'update'),
        entityType,
        entityId: change.entityId ?? String(year),
        before: change.before === null ? null : { year, value: change.before },
        after: { year, value: change.after, reason: why, planStatus: plan.status },
      });
      return (await readPlan(tx, year)) as AnnualPlanView;
    });
  }
}

async function lockedPlan(tx: EntityManager, year: number): Promise<AnnualPlanView> {
  const locked = await tx.query(`SELECT year FROM annual_plan WHERE year = $1 FOR UPDATE`, [year]);
  if (!locked.length) throw planNotFound(year);
  return (await readPlan(tx, year)) as AnnualPlanView;
}

/** Targets, sector growth, key tasks with units, milestones and goals (achieved reset). */
async function copyPlanBody(tx: EntityManager, from: number, to: number): Promise<void> {
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

async function writeKeyTaskParts(tx: EntityManager, id: number, input: PlanKeyTaskDto): Promise<void> {
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
async function checkKeyTaskRefs(tx: EntityManager, chainId: number, input: PlanKeyTaskDto): Promise<void> {
  const problems: RuleProblem[] = [];
  const unitIds = [...new Set(input.unitIds)];
  const known: { id: number }[] = await tx.query(`SELECT id FROM unit WHERE id = ANY ($1::int[])`, [unitIds]);
  for (const id of unitIds.filter((u) => !known.some((k) => k.id === u))) {
    problems.push({ field: 'unitIds', zh: `没有编号为${id}的单位`, en: `No unit ${id}` });
  }
  for (const [i, m] of input.milestones.entries()) {
    if (!m.projectId) continue;
    const [project] = await tx.query(`SELECT chain_id, stage::text, name FROM project WHERE id = $1`, [m.projectId]);
    if (!project || project.chain_id !== chainId) {
      problems.push({ field: `milestones.${i}.projectId`, zh: '关联项目不属于该产业链', en: 'The project is not of this chain' });
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

async function chainIdOf(tx: EntityManager, code: ChainCode): Promise<number> {
  const [row] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
  if (!row) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
  return row.id;
}

function invalid(problems: RuleProblem[], status: 400 | 422 = 400) {
  const body = {
    statusCode: status,
    message: `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`,
    errors: toFieldErrors(problems),
  };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
}

function planNotFound(year: number): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    message: `${year}年度工作方案尚未录入 / There is no plan for ${year}`,
  });
}

function keyTaskNotFound(year: number, id: number): NotFoundException {
  return new NotFoundException(`${year}年度方案中没有该重点任务 / No key task ${id} in the ${year} plan`);
}

function stalePlan(current: AnnualPlanView): ConflictException {
  return new ConflictException({
    statusCode: 409,
    message: '工作方案已被他人修改，请查看最新内容后再保存 / Someone else changed the plan first; review it and save again',
    current,
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

function withoutReason<T extends { reason?: string }>(input: T): Omit<T, 'reason'> {
  const copy: T = { ...input };
  delete copy.reason;
  return copy;
}
