import { AuditService, changedFields } from '@crm/api/audit';
import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import {
  bilingual,
  evaluationConclusionProblems,
  EVALUATION_DIMENSIONS,
  missingPreReviews,
  preReviewConclusionProblems,
  shanghaiToday,
  type EvaluationView,
  type RuleProblem,
} from '@crm/domain';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalidInput, refused, staleVersion } from '../common/problems';
import { inTransaction, pgConstraint } from '../common/transaction';
import type { ProjectRow } from '../projects/project.rows';
import { ProjectStore } from '../projects/project.store';
import type {
  ConcludeEvaluationDto,
  OpenEvaluationDto,
  PreReviewOverrideDto,
  UpdateEvaluationDto,
} from './evaluation.dto';
import { loadEvaluations } from './evaluation.rows';

const EVALUATION = { zh: '项目评估', en: 'evaluation' };

/**
 * 项目评估: opened (one at a time per project), filled in, then concluded by a named user on a date.
 * A concluded evaluation is kept as it was; re-evaluating means opening a new one. Finding the
 * project 淘汰类 marks the project for good (trigger), which closes the signing gate.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(user: AuthUser, projectId: string, input: OpenEvaluationDto): Promise<EvaluationView> {
    this.refuseRepeatedDimensions(input);
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      this.refuseDropped(project);
      const open = (await loadEvaluations(tx, 'e.project_id = $1', projectId)).find((e) => !e.conclusion);
      if (open) {
        throw new ConflictException({
          statusCode: 409,
          message:
            '该项目已有一份进行中的评估，请在其上继续 / An evaluation of this project is already open; continue that one',
          current: open,
        });
      }
      let id: string;
      try {
        [{ id }] = await tx.query(
          `INSERT INTO project_evaluation (project_id, third_party, institution, eliminated_category, opened_by, opened_at,
                                           feasibility, output_benefit, balance_period_years)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            projectId,
            input.thirdParty ?? false,
            input.institution ?? null,
            input.eliminatedCategory ?? null,
            user.id,
            this.clock.now(),
            input.feasibility ?? null,
            input.outputBenefit ?? null,
            input.balancePeriodYears ?? null,
          ],
        );
      } catch (error) {
        if (pgConstraint(error) === 'project_evaluation_one_open') {
          throw new ConflictException('该项目已有一份进行中的评估 / An evaluation of this project is already open');
        }
        throw error;
      }
      await tx.query(
        `INSERT INTO project_evaluation_dimension (evaluation_id, dimension) SELECT $1, unnest($2::evaluation_dimension[])`,
        [id, EVALUATION_DIMENSIONS],
      );
      await this.writeDimensions(tx, id, input);
      const [view] = await loadEvaluations(tx, 'e.id = $1', id);
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'evaluation',
        entityId: id,
        projectId,
        after: auditable(view),
      });
      return view;
    });
  }

  async update(
    user: AuthUser,
    projectId: string,
    evaluationId: string,
    input: UpdateEvaluationDto,
  ): Promise<EvaluationView> {
    this.refuseRepeatedDimensions(input);
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      this.refuseDropped(project);
      const before = await this.openForChange(tx, projectId, evaluationId, input.version);
      const set: string[] = [];
      const params: unknown[] = [evaluationId];
      const put = (column: string, value: unknown) => {
        params.push(value);
        set.push(`${column} = $${params.length}`);
      };
      if (input.thirdParty !== undefined) put('third_party', input.thirdParty);
      if (input.institution !== undefined) put('institution', input.institution);
      if (input.eliminatedCategory !== undefined) put('eliminated_category', input.eliminatedCategory);
      if (input.feasibility !== undefined) put('feasibility', input.feasibility);
      if (input.outputBenefit !== undefined) put('output_benefit', input.outputBenefit);
      if (input.balancePeriodYears !== undefined) put('balance_period_years', input.balancePeriodYears);
      if (set.length) await tx.query(`UPDATE project_evaluation SET ${set.join(', ')} WHERE id = $1`, params);
      await this.writeDimensions(tx, evaluationId, input);
      const diff = changedFields(
        auditable(before),
        auditable((await loadEvaluations(tx, 'e.id = $1', evaluationId))[0]),
      );
      if (diff) {
        await tx.query(`UPDATE project_evaluation SET version = version + 1 WHERE id = $1`, [evaluationId]);
        await this.audit.record(tx, user, {
          action: 'update',
          entityType: 'evaluation',
          entityId: evaluationId,
          projectId,
          ...diff,
        });
      }
      return (await loadEvaluations(tx, 'e.id = $1', evaluationId))[0];
    });
  }

  async conclude(
    user: AuthUser,
    projectId: string,
    evaluationId: string,
    input: ConcludeEvaluationDto,
  ): Promise<EvaluationView> {
    const today = shanghaiToday(this.clock.now());
    if (input.concludedOn > today) {
      throw invalidInput([
        {
          field: 'concludedOn',
          zh: `评估日期不能晚于今天（${today}）`,
          en: `The conclusion date cannot be later than today (${today})`,
        },
      ]);
    }
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      this.refuseDropped(project);
      const before = await this.openForChange(tx, projectId, evaluationId, input.version);
      const concludedBy = input.concludedById ?? user.id;
      const [person] = await tx.query(`SELECT active FROM app_user WHERE id = $1`, [concludedBy]);
      if (!person?.active) {
        throw invalidInput([
          { field: 'concludedById', zh: '评估人应为在用的系统用户', en: 'The evaluator must be an active user' },
        ]);
      }
      const problems = [
        ...evaluationConclusionProblems(before, input.conclusion, input.conditions),
        ...preReviewConclusionProblems(before.preReviews, before.preReviewOverride !== null),
      ];
      if (problems.length) {
        throw refused(
          `评估尚不能得出该结论：${problems.map((p) => p.zh).join('；')} / The evaluation cannot be concluded so yet: ${problems
            .map((p) => p.en)
            .join('; ')}`,
          problems,
        );
      }
      await tx.query(
        `UPDATE project_evaluation SET conclusion = $2, conditions = $3, concluded_by = $4, concluded_on = $5,
           concluded_at = $6, version = version + 1
         WHERE id = $1`,
        [evaluationId, input.conclusion, input.conditions ?? null, concludedBy, input.concludedOn, this.clock.now()],
      );
      const [after] = await loadEvaluations(tx, 'e.id = $1', evaluationId);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'evaluation',
        entityId: evaluationId,
        projectId,
        before: { conclusion: null },
        after: {
          conclusion: after.conclusion,
          conditions: after.conditions,
          concludedBy,
          concludedOn: after.concludedOn,
          eliminatedCategory: after.eliminatedCategory,
        },
      });
      return after;
    });
  }

  /**
   * The office lets the conclusion through without the opinions still missing, saying why. The
   * units it did not wait for are kept with the reason; their requests stay open until answered or
   * the evaluation is concluded.
   */
  async overridePreReviews(
    user: AuthUser,
    projectId: string,
    evaluationId: string,
    input: PreReviewOverrideDto,
  ): Promise<EvaluationView> {
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.readable(tx, user, projectId);
      this.refuseDropped(project);
      const before = await this.openForChange(tx, projectId, evaluationId, input.version);
      const missing = missingPreReviews(before.preReviews);
      if (!missing.length) {
        const problem = {
          field: 'preReviews',
          zh: '没有尚未回复的预审意见，无需说明理由',
          en: 'No pre-review opinion is missing; there is nothing to override',
        };
        throw refused(bilingual(problem), [problem]);
      }
      if (before.preReviewOverride) {
        throw new ConflictException({
          statusCode: 409,
          message: '领导小组办公室已就此评估说明不再等待预审意见 / The office has already overridden the pre-review of this evaluation',
          current: before,
        });
      }
      const missingUnitIds = [...new Set(missing.map((r) => r.unit.id))].sort((a, b) => a - b);
      await tx.query(
        `UPDATE project_evaluation SET pre_review_override_reason = $2, pre_review_override_by = $3,
           pre_review_override_at = $4, pre_review_override_missing = $5, version = version + 1
         WHERE id = $1`,
        [evaluationId, input.reason, user.id, this.clock.now(), missingUnitIds],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'evaluation',
        entityId: evaluationId,
        projectId,
        before: { preReviewOverrideReason: null },
        after: { preReviewOverrideReason: input.reason, missingUnitIds },
      });
      return (await loadEvaluations(tx, 'e.id = $1', evaluationId))[0];
    });
  }

  /** The open evaluation of this project, locked, at the version the editor loaded. */
  private async openForChange(
    tx: EntityManager,
    projectId: string,
    evaluationId: string,
    version: number,
  ): Promise<EvaluationView> {
    const [evaluation] = await loadEvaluations(tx, 'e.id = $1', evaluationId, true);
    if (!evaluation || evaluation.projectId !== projectId) {
      throw new NotFoundException(`没有找到该项目评估 / No evaluation ${evaluationId} of this project`);
    }
    if (evaluation.conclusion) {
      throw refused(
        '已有结论的评估不能修改，如需重新评估请另行发起 / A concluded evaluation does not change; open a new one',
        [{ field: 'conclusion', zh: '该评估已有结论', en: 'The evaluation is already concluded' }],
      );
    }
    if (evaluation.version !== version) throw staleVersion(evaluation, EVALUATION);
    return evaluation;
  }

  private async writeDimensions(tx: EntityManager, evaluationId: string, input: OpenEvaluationDto): Promise<void> {
    for (const d of input.dimensions ?? []) {
      const set: string[] = [];
      const params: unknown[] = [evaluationId, d.dimension];
      if (d.rating !== undefined) {
        params.push(d.rating);
        set.push(`rating = $${params.length}`);
      }
      if (d.note !== undefined) {
        params.push(d.note);
        set.push(`note = $${params.length}`);
      }
      if (set.length) {
        await tx.query(
          `UPDATE project_evaluation_dimension SET ${set.join(', ')} WHERE evaluation_id = $1 AND dimension = $2`,
          params,
        );
      }
    }
  }

  private refuseRepeatedDimensions(input: OpenEvaluationDto): void {
    const seen = new Set<string>();
    const problems: RuleProblem[] = [];
    for (const d of input.dimensions ?? []) {
      if (seen.has(d.dimension)) {
        problems.push({
          field: 'dimensions',
          zh: `评估维度“${d.dimension}”重复`,
          en: `The dimension ${d.dimension} is given twice`,
        });
      }
      seen.add(d.dimension);
    }
    if (problems.length) throw invalidInput(problems);
  }

  private refuseDropped(project: ProjectRow): void {
    if (project.status === 'dropped') {
      const problem = {
        field: 'status',
        zh: '项目已终止，请先恢复推进',
        en: 'The project is dropped; make it active again first',
      };
      throw refused(bilingual(problem), [problem]);
    }
  }
}

/** What an audit entry records of an evaluation. */
function auditable(e: EvaluationView): Record<string, unknown> {
  return {
    dimensions: e.dimensions,
    thirdParty: e.thirdParty,
    institution: e.institution,
    feasibility: e.feasibility,
    outputBenefit: e.outputBenefit,
    balancePeriodYears: e.balancePeriodYears,
    eliminatedCategory: e.eliminatedCategory,
    conclusion: e.conclusion,
  };
}
