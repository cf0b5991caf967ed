import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  checkStageMove,
  shanghaiToday,
  STAGE_FACT_FIELDS,
  STAGE_FACT_STAGE,
  STAGE_LABELS,
  stageFactProblems,
  stageIndex,
  type ProjectView,
  type RuleProblem,
  type StageFacts,
  type StageRequirement,
} from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidInput, refused } from '../common/problems';
import { inTransaction } from '../common/transaction';
import { toProjectFacts, toProjectView, type ProjectRow } from '../projects/project.rows';
import { ProjectStore } from '../projects/project.store';
import type { StageMoveDto } from './stage-move.dto';

const FACT_COLUMNS: Partial<Record<keyof StageFacts, string>> = {
  landParcel: 'land_parcel',
  landAreaMu: 'land_area_mu',
  landApprovalRef: 'land_approval_ref',
  landApprovedOn: 'land_approved_on',
  constructionStartedOn: 'construction_started_on',
  constructionPermitRef: 'construction_permit_ref',
  completedOn: 'completed_on',
};

/** "不能进入“项目签约”阶段：… / Cannot enter the stage signed: …", naming every missing item. */
function refusalMessage(to: ProjectRow['stage'], missing: StageRequirement[]): string {
  return `不能进入“${STAGE_LABELS[to]}”阶段：${missing.map((m) => m.zh).join('；')} / Cannot move to the stage ${to}: ${missing
    .map((m) => m.en)
    .join('; ')}`;
}

/**
 * Moves a project along the pipeline. Forward moves pass the stage gates of libs/domain with the
 * facts the target stage asks for (signing records the initial agreement of the ledger); backward
 * moves need a reason. Every move is a row of the stage history and an audit entry, written in the
 * same transaction; the totals follow by trigger.
 */
@Injectable()
export class StageMoveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
  ) {}

  async move(user: AuthUser, id: string, input: StageMoveDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      const supplied: Partial<StageFacts> = {};
      for (const field of STAGE_FACT_FIELDS) if (input[field] !== undefined) supplied[field] = input[field];
      const problems = this.suppliedFactProblems(row, input, supplied);
      if (problems.length) throw invalidInput(problems);

      const facts = { ...toProjectFacts(row, await this.store.evaluationState(tx, id)), ...supplied };
      const check = checkStageMove(facts, row.stage, input.to, input.reason);
      if (check.missing.length) throw refused(refusalMessage(input.to, check.missing), check.missing);

      if (supplied.signedAmount !== undefined) {
        const [agreement] = await tx.query(
          `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, created_by)
           VALUES ($1, 'initial', $2, $3, $4, $5) RETURNING id`,
          [id, supplied.signedAmount, supplied.signedOn, supplied.agreementRef, user.id],
        );
        await this.audit.record(tx, user, {
          action: 'create',
          entityType: 'agreement',
          entityId: agreement.id,
          projectId: id,
          after: {
            kind: 'initial',
            amount: supplied.signedAmount,
            signedOn: supplied.signedOn,
            agreementRef: supplied.agreementRef,
          },
        });
      }
      const set = ['stage = $2', 'stage_entered_at = now()', 'version = version + 1', 'updated_at = now()'];
      const params: unknown[] = [id, input.to];
      for (const [field, column] of Object.entries(FACT_COLUMNS) as [keyof StageFacts, string][]) {
        if (supplied[field] === undefined) continue;
        params.push(supplied[field]);
        set.push(`${column} = $${params.length}`);
      }
      await tx.query(`UPDATE project SET ${set.join(', ')} WHERE id = $1`, params);
      await tx.query(
        `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, row.stage, input.to, input.reason ?? null, user.id],
      );
      await this.audit.record(tx, user, {
        action: 'stage-move',
        entityType: 'project',
        entityId: id,
        projectId: id,
        before: { stage: row.stage },
        after: { stage: input.to, direction: check.direction, reason: input.reason ?? null, ...supplied },
      });
      return toProjectView((await this.store.find(tx, id)) as ProjectRow);
    });
  }

  /**
   * Facts travel with a forward move into the stage that asks for them (or one passed on the way);
   * a signing already recorded is not recorded again; dates may not lie in the future nor contradict.
   */
  private suppliedFactProblems(row: ProjectRow, input: StageMoveDto, supplied: Partial<StageFacts>): RuleProblem[] {
    const problems: RuleProblem[] = [];
    const from = stageIndex(row.stage);
    const to = stageIndex(input.to);
    for (const field of Object.keys(supplied) as (keyof StageFacts)[]) {
      const stage = STAGE_FACT_STAGE[field];
      if (stageIndex(stage) <= from || stageIndex(stage) > to) {
        problems.push({
          field,
          zh: `该项只在推进到“${STAGE_LABELS[stage]}”阶段时填写`,
          en: `This is supplied only when moving the project into the stage ${stage}`,
        });
      }
    }
    const signing = ['signedAmount', 'signedOn', 'agreementRef'] as const;
    if (signing.some((f) => supplied[f] !== undefined) && row.signed_on) {
      problems.push({
        field: 'agreementRef',
        zh: `该项目已登记签约协议（${row.agreement_ref}），再次推进无需重填；增加金额请登记补充协议`,
        en: `The project already has its agreement (${row.agreement_ref}); record a supplementary agreement to add to it`,
      });
    }
    const merged: Partial<StageFacts> = {
      constructionStartedOn: supplied.constructionStartedOn ?? row.construction_started_on,
      completedOn: supplied.completedOn ?? row.completed_on,
      ...supplied,
    };
    return [...problems, ...stageFactProblems(merged, shanghaiToday())];
  }
}
