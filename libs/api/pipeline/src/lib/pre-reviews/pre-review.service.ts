import { AuditService } from '@crm/api/audit';
import { CLOCK, hasRole, NotificationWriter, type AuthUser, type Clock } from '@crm/api/core';
import {
  bilingual,
  PRE_REVIEW_ANSWER_LABELS,
  preReviewAnswerProblems,
  shanghaiToday,
  type PreReviewRequestView,
  type RuleProblem,
} from '@crm/domain';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalidInput, refused } from '../common/problems';
import { inTransaction, pgConstraint } from '../common/transaction';
import { loadEvaluations } from '../evaluations/evaluation.rows';
import { ProjectStore } from '../projects/project.store';
import type { PreReviewAnswerDto, PreReviewRequestDto } from './pre-review.dto';
import { preReviewById, preReviewsOfUnit } from './pre-review.rows';

/**
 * 各部门预审: the one writer of pre_review_request. The task force (staff who edit the project)
 * asks units and withdraws unanswered requests; the asked unit's staff answer, once. A request is
 * seen and answered only by the unit it is addressed to: any other user gets 404, whatever chains
 * they read, so a unit learns nothing of requests to others.
 */
@Injectable()
export class PreReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  async ask(
    user: AuthUser,
    projectId: string,
    evaluationId: string,
    input: PreReviewRequestDto,
  ): Promise<PreReviewRequestView> {
    const today = shanghaiToday(this.clock.now());
    if (input.dueOn < today) {
      throw invalidInput([
        {
          field: 'dueOn',
          zh: `回复期限不能早于今天（${today}）`,
          en: `The due date cannot be before today (${today})`,
        },
      ]);
    }
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      if (project.status === 'dropped') {
        const problem = {
          field: 'status',
          zh: '项目已终止，请先恢复推进',
          en: 'The project is dropped; make it active again first',
        };
        throw refused(bilingual(problem), [problem]);
      }
      await this.openEvaluation(tx, projectId, evaluationId);
      const [unit]: { id: number; name: string; merged_on: string | null }[] = await tx.query(
        `SELECT id, name, merged_on::text AS merged_on FROM unit WHERE id = $1`,
        [input.unitId],
      );
      const problems: RuleProblem[] = [];
      if (!unit) {
        problems.push({
          field: 'unitId',
          zh: `没有编号为 ${input.unitId} 的单位`,
          en: `There is no unit ${input.unitId}`,
        });
      } else if (unit.merged_on && unit.merged_on <= today) {
        problems.push({
          field: 'unitId',
          zh: `${unit.name}已于${unit.merged_on}并入其他单位，请向承接单位征求意见`,
          en: `${unit.name} was merged into another unit on ${unit.merged_on}; ask the unit that took it over`,
        });
      }
      if (problems.length) throw invalidInput(problems);
      let id: string;
      try {
        [{ id }] = await tx.query(
          `INSERT INTO pre_review_request (evaluation_id, project_id, unit_id, topic, due_on, requested_by, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [evaluationId, projectId, input.unitId, input.topic, input.dueOn, user.id, this.clock.now()],
        );
      } catch (error) {
        if (pgConstraint(error) === 'pre_review_request_one_live') {
          throw new ConflictException(
            `已就“${input.topic}”征求过${unit.name}的意见，请勿重复发送 / ${unit.name} has already been asked about this topic`,
          );
        }
        throw error;
      }
      const view = (await preReviewById(tx, id)) as PreReviewRequestView;
      // The unit's staff are told in the same transaction; a unit without accounts hears nothing.
      const staff: { id: string }[] = await tx.query(
        `SELECT id FROM app_user WHERE active AND unit_id = $1 AND 'staff' = ANY (roles) AND id <> $2 ORDER BY id`,
        [input.unitId, user.id],
      );
      const notified = staff.map((s) => s.id);
      await this.notifications.notify(tx, notified, {
        kind: 'pre-review-requested',
        title: `预审征求意见：${view.projectName}`,
        body: `${view.chain.nameZh} · ${user.displayName}请贵单位就“${view.topic}”提出预审意见，回复期限 ${view.dueOn}。/ Your unit is asked for a pre-review opinion on ${view.projectName} (${view.topic}), due ${view.dueOn}.`,
        link: '/pre-reviews',
      });
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'pre_review_request',
        entityId: id,
        projectId,
        after: {
          evaluationId,
          unitId: input.unitId,
          topic: input.topic,
          dueOn: input.dueOn,
          notified,
        },
      });
      return view;
    });
  }

  /** The task force takes back a request not yet answered (asked by mistake, or no longer needed). */
  async withdraw(
    user: AuthUser,
    projectId: string,
    evaluationId: string,
    requestId: string,
  ): Promise<PreReviewRequestView> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.store.lockForEdit(tx, user, projectId);
      await this.openEvaluation(tx, projectId, evaluationId);
      const before = await preReviewById(tx, requestId, true);
      if (!before || before.evaluationId !== evaluationId) throw notFound(requestId);
      this.refuseSettled(before);
      await tx.query(
        `UPDATE pre_review_request SET withdrawn_by = $2, withdrawn_at = $3, version = version + 1 WHERE id = $1`,
        [requestId, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'pre_review_request',
        entityId: requestId,
        projectId,
        before: { status: 'pending' },
        after: { status: 'withdrawn' },
      });
      return (await preReviewById(tx, requestId)) as PreReviewRequestView;
    });
  }

  /** The requests addressed to the user's unit. A user without a unit has none. */
  async queue(user: AuthUser, filter: 'open' | 'all' = 'open'): Promise<PreReviewRequestView[]> {
    if (user.unitId === null) return [];
    return preReviewsOfUnit(this.dataSource.manager, user.unitId, filter);
  }

  async get(user: AuthUser, id: string): Promise<PreReviewRequestView> {
    const request = await preReviewById(this.dataSource.manager, id);
    if (!request || !this.isAddressedTo(user, request)) throw notFound(id);
    return request;
  }

  /** The asked unit's staff answer, once; the evaluation must still be open. */
  async answer(user: AuthUser, id: string, input: PreReviewAnswerDto): Promise<PreReviewRequestView> {
    const problems = preReviewAnswerProblems(input.answer, input.text);
    return inTransaction(this.dataSource, async (tx) => {
      // Lock order as the conclusion takes it (evaluation, then request): an answer and a
      // conclusion never interleave.
      const [target]: { evaluation_id: string }[] = await tx.query(
        `SELECT evaluation_id FROM pre_review_request WHERE id = $1`,
        [id],
      );
      if (!target) throw notFound(id);
      await tx.query(`SELECT 1 FROM project_evaluation WHERE id = $1 FOR UPDATE`, [target.evaluation_id]);
      const before = await preReviewById(tx, id, true);
      if (!before || !this.isAddressedTo(user, before)) throw notFound(id);
      this.refuseSettled(before);
      if (before.evaluationConcluded) {
        throw new ConflictException({
          statusCode: 409,
          message:
            '该项目评估已有结论，不再接收预审意见 / The evaluation is already concluded; no more opinions are taken',
          current: before,
        });
      }
      if (problems.length) throw invalidInput(problems);
      await tx.query(
        `UPDATE pre_review_request SET answer = $2, answer_text = $3, answered_by = $4, answered_at = $5, version = version + 1
         WHERE id = $1`,
        [id, input.answer, input.text ?? null, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'pre_review_request',
        entityId: id,
        projectId: before.projectId,
        before: { status: 'pending' },
        after: {
          status: 'answered',
          answer: input.answer,
          answerText: input.text ?? null,
        },
      });
      const [asker]: { id: string }[] = await tx.query(`SELECT id FROM app_user WHERE id = $1 AND active`, [
        before.requestedBy?.id ?? null,
      ]);
      if (asker && asker.id !== user.id) {
        const label = PRE_REVIEW_ANSWER_LABELS[input.answer];
        await this.notifications.notify(tx, [asker.id], {
          kind: 'pre-review-answered',
          title: `${before.unit.name}预审意见：${label}（${before.projectName}）`,
          body: `${before.unit.name}就“${before.topic}”回复：${label}${input.text ? `。${input.text}` : ''} / ${before.unit.name} answered the pre-review request (${input.answer}).`,
          link: `/projects/${before.projectId}`,
        });
      }
      return (await preReviewById(tx, id)) as PreReviewRequestView;
    });
  }

  /** Staff of the unit asked: the only ones who see or answer the request. */
  private isAddressedTo(user: AuthUser, request: PreReviewRequestView): boolean {
    return hasRole(user, 'staff') && user.unitId !== null && user.unitId === request.unit.id;
  }

  /** Answered or withdrawn: nothing more happens to the request (409, with it as it is). */
  private refuseSettled(request: PreReviewRequestView): void {
    if (request.status === 'answered') {
      throw new ConflictException({
        statusCode: 409,
        message: `${request.unit.name}已于${request.answeredAt?.slice(0, 10) ?? ''}回复该预审意见，不能重复回复或撤回 / The unit has already answered this request`,
        current: request,
      });
    }
    if (request.status === 'withdrawn') {
      throw new ConflictException({
        statusCode: 409,
        message: '该预审征求意见已被专班撤回，无需回复 / The task force has withdrawn this request',
        current: request,
      });
    }
  }

  /** The evaluation of this project, locked, still open (a concluded one takes no more requests). */
  private async openEvaluation(tx: EntityManager, projectId: string, evaluationId: string): Promise<void> {
    const [evaluation] = await loadEvaluations(tx, 'e.id = $1', evaluationId, true);
    if (!evaluation || evaluation.projectId !== projectId) {
      throw new NotFoundException(`没有找到该项目评估 / No evaluation ${evaluationId} of this project`);
    }
    if (evaluation.conclusion) {
      throw refused('已有结论的评估不能再征求预审意见 / A concluded evaluation takes no more requests', [
        {
          field: 'conclusion',
          zh: '该评估已有结论',
          en: 'The evaluation is already concluded',
        },
      ]);
    }
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`没有找到该预审征求意见 / No pre-review request ${id} for your unit`);
}
