import { CLOCK, staleRecord } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  toFieldErrors,
  type AnnualPlanSummary,
  type AnnualPlanView,
  type ChainCode,
  type Clock,
  type KeyTaskGoalView,
  type PlanBodyInput,
  type PlanDifference,
} from '@crm/domain';
import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { diffPlans } from './plan-diff';
import type { AnnualPlanDto, GoalAchievedDto, PlanChainTargetDto, PlanKeyTaskDto, SectorGrowthDto } from './plan.dto';
import { invalid, keyTaskNotFound, planNotFound, stalePlan } from './plan.errors';
import { listPlans, publishProblems, readPlan } from './plan.reader';
import { chainIdOf, checkKeyTaskRefs, copyPlanBody, lockedPlan, upsertTarget, writeKeyTaskParts } from './plan.writes';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(): Promise<AnnualPlanSummary[]> {
    return listPlans(this.dataSource.manager);
  }

  /** The chains' names, for sheets that name chains as people read them. */
  async chainNames(): Promise<{ code: ChainCode; nameZh: string }[]> {
    return this.dataSource.query(`SELECT code, name_zh AS "nameZh" FROM chain ORDER BY sort_order, id`);
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
        throw invalid([
          {
            field: 'fromYear',
            zh: '来源年度不能与新方案年度相同',
            en: 'fromYear must differ from the year drafted',
          },
        ]);
      }
      if (fromYear !== undefined && !(await tx.query(`SELECT 1 FROM annual_plan WHERE year = $1`, [fromYear])).length) {
        throw invalid([
          {
            field: 'fromYear',
            zh: `${fromYear}年度尚无工作方案，无法据此起草`,
            en: `There is no ${fromYear} plan to draft from`,
          },
        ]);
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
    if (Number(input.bigProjectThreshold) > 0 !== input.bigProjectMinCount > 0) {
      throw invalid([
        input.bigProjectMinCount > 0
          ? {
              field: 'bigProjectThreshold',
              zh: '填写了大项目个数，请同时填写大项目金额门槛',
              en: 'A big-project count needs a threshold',
            }
          : {
              field: 'bigProjectMinCount',
              zh: '填写了大项目金额门槛，请同时填写不少于几个',
              en: 'A big-project threshold needs a count',
            },
      ]);
    }
    return this.change(user, year, input.reason, 'chain_target', async (tx, plan) => {
      const chainId = await chainIdOf(tx, chainCode);
      await upsertTarget(tx, year, chainId, input);
      const after = withoutReason(input);
      return {
        entityId: `${year}/${chainCode}`,
        before: plan.targets.find((t) => t.chainCode === chainCode) ?? null,
        after,
      };
    });
  }

  async putSectorGrowth(user: AuthUser, year: number, input: SectorGrowthDto): Promise<AnnualPlanView> {
    const sectors = input.targets.map((t) => t.sector);
    if (new Set(sectors).size !== sectors.length) {
      throw invalid([
        {
          field: 'targets',
          zh: '同一行业只能填写一个增长目标',
          en: 'Each sector appears once',
        },
      ]);
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
        goals: input.goals.map((g) => ({
          ...g,
          achieved: g.achieved ?? kept.get(g.label)?.achieved ?? '0',
        })),
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
      return {
        entityId: String(id),
        before,
        after: null,
        action: 'delete' as const,
      };
    });
  }

  /** A goal's achieved figure: the office, or staff of one of the key task's units. */
  async putGoalAchieved(
    user: AuthUser,
    year: number,
    keyTaskId: number,
    goalId: number,
    input: GoalAchievedDto,
  ): Promise<KeyTaskGoalView> {
    return this.dataSource.transaction(async (tx) => {
      const [goal] = await tx.query(
        `SELECT g.id, g.achieved::text, to_char(g.achieved_on, 'YYYY-MM-DD') AS achieved_on, g.version, k.year,
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
        throw invalid([
          {
            field: 'achievedOn',
            zh: `统计日期应在${year}年内`,
            en: `achievedOn must be within ${year}`,
          },
        ]);
      }
      if (input.version !== undefined && input.version !== goal.version) {
        const plan = (await readPlan(tx, year)) as AnnualPlanView;
        throw staleRecord('该量化目标', plan.keyTasks.flatMap((k) => k.goals).find((g) => g.id === goalId));
      }
      await tx.query(`UPDATE key_task_goal SET achieved = $2, achieved_on = $3, version = version + 1 WHERE id = $1`, [
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

  /**
   * A whole plan body at once (the Excel import): the city totals, every chain's targets, the
   * sector growth and the key tasks matched by chain and number (text, units, milestones and goals
   * replaced; goals keep their achieved figures when the sheet leaves them blank). A key task the
   * body no longer has is removed unless projects are linked to it. Creates the year's draft when
   * there is none. One transaction, one audit row.
   */
  async replaceBody(
    user: AuthUser,
    year: number,
    body: PlanBodyInput,
    reason?: string,
    tx?: EntityManager,
  ): Promise<AnnualPlanView> {
    const run = async (m: EntityManager) => {
      await m.query(
        `INSERT INTO annual_plan (year, status, created_at, updated_at) VALUES ($1, 'draft', $2, $2) ON CONFLICT (year) DO NOTHING`,
        [year, this.clock.now()],
      );
      return this.changeIn(m, user, year, reason, 'annual_plan', async (t, plan) => {
        await t.query(
          `UPDATE annual_plan SET city_signed_amount = $2, city_signed_at_least = $3, city_funds_in_place = $4, city_funds_at_least = $5
           WHERE year = $1`,
          [year, body.citySignedAmount, body.citySignedAtLeast, body.cityFundsInPlace, body.cityFundsAtLeast],
        );
        await t.query(`DELETE FROM chain_target WHERE year = $1`, [year]);
        for (const target of body.targets) await upsertTarget(t, year, await chainIdOf(t, target.chainCode), target);
        await t.query(`DELETE FROM sector_growth_target WHERE year = $1`, [year]);
        for (const g of body.sectorGrowth) {
          await t.query(`INSERT INTO sector_growth_target (year, sector, growth_rate) VALUES ($1, $2, $3)`, [
            year,
            g.sector,
            g.growthRate,
          ]);
        }
        const kept = new Set<number>();
        for (const task of body.keyTasks) {
          const chainId = await chainIdOf(t, task.chainCode);
          const existing = plan.keyTasks.find((k) => k.chainCode === task.chainCode && k.seq === task.seq);
          // A sheet names projects, not their ids: links made in the app are kept by name, and
          // goals left blank keep the achieved figures entered in the app.
          const linked = new Map((existing?.milestones ?? []).map((m) => [m.projectName, m.projectId]));
          const achieved = new Map((existing?.goals ?? []).map((g) => [g.label, g.achieved]));
          const parts = {
            unitIds: task.unitIds,
            milestones: task.milestones.map((m) => ({ ...m, projectId: m.projectId ?? linked.get(m.projectName) ?? null })),
            goals: task.goals.map((g) => ({ ...g, achieved: g.achieved ?? achieved.get(g.label) ?? '0' })),
          };
          await checkKeyTaskRefs(t, chainId, parts);
          let id = existing?.id;
          if (existing) {
            await t.query(`UPDATE key_task SET text = $2 WHERE id = $1`, [existing.id, task.text]);
            for (const part of ['key_task_unit', 'key_task_milestone', 'key_task_goal']) {
              await t.query(`DELETE FROM ${part} WHERE key_task_id = $1`, [existing.id]);
            }
          } else {
            [{ id }] = await t.query(`INSERT INTO key_task (chain_id, year, seq, text) VALUES ($1, $2, $3, $4) RETURNING id`, [
              chainId,
              year,
              task.seq,
              task.text,
            ]);
          }
          await writeKeyTaskParts(t, id as number, parts);
          kept.add(id as number);
        }
        for (const gone of plan.keyTasks.filter((k) => !kept.has(k.id))) {
          const [{ n }] = await t.query(`SELECT count(*)::int AS n FROM project WHERE key_task_id = $1`, [gone.id]);
          if (n > 0) {
            throw new UnprocessableEntityException({
              statusCode: 422,
              message: `重点任务${gone.seq}（${gone.chainCode}）已关联${n}个项目，不能在导入中删除 / Key task ${gone.seq} of ${gone.chainCode} has ${n} linked projects and cannot be removed`,
              errors: { keyTasks: [`${gone.chainCode}#${gone.seq}`] },
            });
          }
          await t.query(`DELETE FROM key_task WHERE id = $1`, [gone.id]);
        }
        return { before: plan, after: { imported: true, body } };
      });
    };
    return tx ? run(tx) : this.dataSource.transaction(run);
  }

  async publish(user: AuthUser, year: number, version: number): Promise<AnnualPlanView> {
    return this.dataSource.transaction(async (tx) => {
      const plan = await lockedPlan(tx, year);
      if (plan.version !== version) throw stalePlan(plan);
      if (plan.status === 'published') {
        throw new ConflictException({
          statusCode: 409,
          message: `${year}年度工作方案已发布 / The ${year} plan is already published`,
          current: plan,
        });
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
    write: PlanWrite,
  ): Promise<AnnualPlanView> {
    return this.dataSource.transaction((tx) => this.changeIn(tx, user, year, reason, entityType, write));
  }

  private async changeIn(
    tx: EntityManager,
    user: AuthUser,
    year: number,
    reason: string | undefined,
    entityType: string,
    write: PlanWrite,
  ): Promise<AnnualPlanView> {
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
      after: {
        year,
        value: change.after,
        reason: why,
        planStatus: plan.status,
      },
    });
    return (await readPlan(tx, year)) as AnnualPlanView;
  }
}

type PlanWrite = (
  tx: EntityManager,
  plan: AnnualPlanView,
) => Promise<{
  entityId?: string;
  before: unknown;
  after: unknown;
  action?: 'create' | 'update' | 'delete';
}>;

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

function withoutReason<T extends { reason?: string }>(input: T): Omit<T, 'reason'> {
  const copy: T = { ...input };
  delete copy.reason;
  return copy;
}

