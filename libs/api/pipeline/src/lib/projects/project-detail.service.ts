import { canEditChain, preparedQuery, type AuthUser } from '@crm/api/core';
import {
  checkStageMove,
  shanghaiToday,
  stageIndex,
  stageSpans,
  STAGES,
  type ProjectDetailView,
  type ProjectStatus,
  type Stage,
  type StageMoveView,
  type StatusChangeView,
  type TimelineEntry,
} from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ACTIVITY_SELECT, toActivityView, type ActivityRow } from '../activities/activity.rows';
import { loadEvaluations } from '../evaluations/evaluation.rows';
import {
  AGREEMENT_SELECT,
  FUND_ARRIVAL_SELECT,
  toAgreementView,
  toFundArrivalView,
  type AgreementRow,
  type FundArrivalRow,
} from '../ledger/ledger.rows';
import { toProjectFacts, toProjectView } from './project.rows';
import { ProjectStore } from './project.store';

interface MoveRow {
  id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  reason: string | null;
  moved_by: string | null;
  moved_by_name: string | null;
  moved_at: Date;
}

interface StatusRow {
  id: string;
  from_status: ProjectStatus;
  to_status: ProjectStatus;
  reason: string | null;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: Date;
}

/**
 * A project with everything recorded about it: one query per kind of record (no query per row),
 * merged into one timeline, newest first.
 */
@Injectable()
export class ProjectDetailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
  ) {}

  async detail(user: AuthUser, id: string): Promise<ProjectDetailView> {
    const m = this.dataSource.manager;
    const row = await this.store.readable(m, user, id);
    const [evaluations, evaluationState, agreementRows, fundRows, moveRows, statusRows, activityRows] =
      await Promise.all([
        loadEvaluations(m, 'e.project_id = $1', id),
        this.store.evaluationState(m, id),
        // Prepared statements, planned once per connection (issue 23): the detail's floor was mostly planning.
        preparedQuery<AgreementRow>(m, `${AGREEMENT_SELECT} WHERE a.project_id = $1 ORDER BY a.signed_on, a.created_at`, [id]),
        preparedQuery<FundArrivalRow>(m, `${FUND_ARRIVAL_SELECT} WHERE f.project_id = $1 ORDER BY f.month, f.created_at`, [id]),
        preparedQuery<MoveRow>(
          m,
          `SELECT s.id::text, s.from_stage, s.to_stage, s.reason, s.moved_by, u.display_name AS moved_by_name, s.moved_at
         FROM project_stage_move s LEFT JOIN app_user u ON u.id = s.moved_by
         WHERE s.project_id = $1 ORDER BY s.moved_at, s.id`,
          [id],
        ),
        preparedQuery<StatusRow>(
          m,
          `SELECT s.id::text, s.from_status, s.to_status, s.reason, s.changed_by, u.display_name AS changed_by_name, s.changed_at
         FROM project_status_change s LEFT JOIN app_user u ON u.id = s.changed_by
         WHERE s.project_id = $1 ORDER BY s.changed_at, s.id`,
          [id],
        ),
        preparedQuery<ActivityRow>(m, `${ACTIVITY_SELECT} WHERE a.project_id = $1 ORDER BY a.occurred_on, a.created_at`, [id]),
      ]);

    const agreements = agreementRows.map(toAgreementView);
    const fundArrivals = fundRows.map(toFundArrivalView);
    const activities = activityRows.map(toActivityView);
    const stageMoves: StageMoveView[] = moveRows.map((r) => ({
      id: r.id,
      from: r.from_stage,
      to: r.to_stage,
      direction:
        r.from_stage === null ? null : stageIndex(r.to_stage) > stageIndex(r.from_stage) ? 'forward' : 'backward',
      reason: r.reason,
      movedBy: r.moved_by ? { id: r.moved_by, displayName: r.moved_by_name ?? '' } : null,
      movedAt: r.moved_at.toISOString(),
    }));
    const statusChanges: StatusChangeView[] = statusRows.map((r) => ({
      id: r.id,
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      changedBy: r.changed_by ? { id: r.changed_by, displayName: r.changed_by_name ?? '' } : null,
      changedAt: r.changed_at.toISOString(),
    }));

    const facts = toProjectFacts(row, evaluationState);
    const next = STAGES[stageIndex(row.stage) + 1];
    const dayOf = (iso: string) => shanghaiToday(new Date(iso));

    const timeline: TimelineEntry[] = [
      ...activities.map((activity): TimelineEntry => ({
        kind: 'activity',
        date: activity.occurredOn,
        at: activity.createdAt,
        activity,
      })),
      ...stageMoves.map((move): TimelineEntry => ({
        kind: 'stage-move',
        date: dayOf(move.movedAt),
        at: move.movedAt,
        move,
      })),
      ...statusChanges.map((change): TimelineEntry => ({
        kind: 'status-change',
        date: dayOf(change.changedAt),
        at: change.changedAt,
        change,
      })),
      ...evaluations.map((evaluation): TimelineEntry => ({
        kind: 'evaluation',
        date: evaluation.concludedOn ?? dayOf(evaluation.openedAt),
        at: evaluation.openedAt,
        evaluation,
      })),
      ...agreements.map((agreement): TimelineEntry => ({
        kind: 'agreement',
        date: agreement.signedOn,
        at: agreement.createdAt,
        agreement,
      })),
      ...fundArrivals.map((fundArrival): TimelineEntry => ({
        kind: 'fund-arrival',
        date: `${fundArrival.month}-01`,
        at: fundArrival.createdAt,
        fundArrival,
      })),
    ].sort((a, b) => b.date.localeCompare(a.date) || b.at.localeCompare(a.at));

    return {
      project: toProjectView(row),
      evaluations,
      agreements,
      fundArrivals,
      stageMoves,
      stageSpans: stageSpans(stageMoves.map((m) => ({ to: m.to, at: m.movedAt }))),
      nextStage: next ? { stage: next, missing: checkStageMove(facts, row.stage, next, null).missing } : null,
      timeline,
      canEdit: canEditChain(user, row.chain_id),
    };
  }
}
