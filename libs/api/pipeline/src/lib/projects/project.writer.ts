import { AuditService, changedFields } from '@crm/api/audit';
import { CLOCK, NotificationWriter, type AuthUser, type Clock } from '@crm/api/core';
import {
  EVALUATION_DIMENSIONS,
  landFactsClearedBy,
  landRouteProblems,
  missingAtStage,
  shanghaiToday,
  withLandRoute,
  stageFactProblems,
  stageIndex,
  STAGE_LABELS,
  statusChangeProblems,
  type ChainCode,
  type ChainLinkKind,
  type LandRoute,
  type ProjectStatus,
  type RuleProblem,
  type Sector,
  type SiteDocumentKind,
  type SourceChannel,
  type Stage,
  type StageFacts,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalidInput, projectNotFound, refused } from '../common/problems';
import { raiseCourtingConflicts } from '../courting/courting-conflict.check';
import {
  judgeStageMove,
  stageMoveRefusalMessage,
  type StageMoveRequest,
  type StageMoveVerdict,
} from '../stages/stage-move.rules';
import { notifyMajorStage, notifyOfficeOfMajor } from './major-project.notice';
import { chainServiceProblems, resolveReferences } from './project-references';
import { auditSnapshot, toProjectFacts, type ProjectRow } from './project.rows';
import { ProjectStore } from './project.store';

/** Who writes: enough for the audit trail (a worker committing an import has no session). */
export type ProjectActor = Pick<AuthUser, 'id' | 'username'>;

/** A new project, every reference named (the owner included: the caller picks the default). */
export interface NewProject {
  name: string;
  chain: ChainCode;
  relatedChains?: ChainCode[];
  enterpriseId?: string | null;
  investorName?: string | null;
  sourceChannel: SourceChannel;
  responsibleUnitId: number;
  ownerId: string;
  plannedInvestment?: string | null;
  location?: string | null;
  industry?: string | null;
  sector?: Sector | null;
  keyTaskId?: number | null;
  /** 招商图谱: a link of the project's chain's map, and the kind (强链/补链/延链) it serves there. */
  chainLinkId?: number | null;
  chainLinkKind?: ChainLinkKind | null;
  /** 招商活动 the project came from (its totals count the project's agreements and funds). */
  eventId?: string | null;
  /** 备注 (searched with the name). */
  notes?: string | null;
  major?: boolean;
}

/** Facts a change may correct once the project has reached the stage that asked for them. */
export interface CorrectableFacts {
  landParcel?: string;
  landAreaMu?: string;
  landApprovalRef?: string;
  landApprovedOn?: string;
  /** 用地方式 corrected: the facts the new route does not use are cleared, the land gate must still hold. */
  landRoute?: LandRoute;
  siteDocumentKind?: SiteDocumentKind;
  siteDocumentRef?: string;
  siteDocumentOn?: string;
  plantAreaSqm?: string;
  constructionStartedOn?: string;
  constructionPermitRef?: string;
  completedOn?: string;
}

/** A change of a project's fields (undefined: unchanged). */
export type ProjectChanges = Partial<Omit<NewProject, 'sector'>> & { sector?: Sector } & CorrectableFacts;

/** Where a write comes from, for the history and the audit (the ledger import says so). */
export interface WriteNote {
  reason?: string;
}

const CORRECTABLE: { field: keyof CorrectableFacts; column: string; stage: Stage }[] = [
  { field: 'landParcel', column: 'land_parcel', stage: 'land' },
  { field: 'landAreaMu', column: 'land_area_mu', stage: 'land' },
  { field: 'landApprovalRef', column: 'land_approval_ref', stage: 'land' },
  { field: 'landApprovedOn', column: 'land_approved_on', stage: 'land' },
  { field: 'landRoute', column: 'land_route', stage: 'land' },
  { field: 'siteDocumentKind', column: 'site_document_kind', stage: 'land' },
  { field: 'siteDocumentRef', column: 'site_document_ref', stage: 'land' },
  { field: 'siteDocumentOn', column: 'site_document_on', stage: 'land' },
  { field: 'plantAreaSqm', column: 'plant_area_sqm', stage: 'land' },
  { field: 'constructionStartedOn', column: 'construction_started_on', stage: 'construction' },
  { field: 'constructionPermitRef', column: 'construction_permit_ref', stage: 'construction' },
  { field: 'completedOn', column: 'completed_on', stage: 'production' },
];

const MOVE_FACT_COLUMNS: Partial<Record<keyof StageFacts, string>> = {
  landParcel: 'land_parcel',
  landAreaMu: 'land_area_mu',
  landApprovalRef: 'land_approval_ref',
  landApprovedOn: 'land_approved_on',
  landRoute: 'land_route',
  siteDocumentKind: 'site_document_kind',
  siteDocumentRef: 'site_document_ref',
  siteDocumentOn: 'site_document_on',
  plantAreaSqm: 'plant_area_sqm',
  constructionStartedOn: 'construction_started_on',
  constructionPermitRef: 'construction_permit_ref',
  completedOn: 'completed_on',
};

const SERVE_MESSAGE =
  '项目负责人和责任单位须为负责该产业链的单位及其专班人员 / The owner and the responsible unit must serve the project’s chain';

/**
 * The one writer of projects (issue 15 §1): create, change, status, stage moves with their facts (the
 * signing's initial agreement, an estimated investment and an evaluation opened with the move),
 * supplementary agreements and fund arrivals. The pipeline's routes, the web form (through them)
 * and the ledger import all write through it, inside the caller's transaction, so the same rules
 * (stage gates and dates of libs/domain, owners and units serving the chain, 淘汰类), the same
 * history and audit rows and the same triggers apply whichever way a project changes. Every "now"
 * is the injected clock's, passed to SQL as a parameter. Access (may this user edit the chain, the
 * loaded version) is the caller's part: a route checks the session, the import its batch.
 */
@Injectable()
export class ProjectWriter {
  constructor(
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  /** The clock's Shanghai day: the day rules are judged on. */
  today(): string {
    return shanghaiToday(this.clock.now());
  }

  async create(tx: EntityManager, actor: ProjectActor, input: NewProject, note: WriteNote = {}): Promise<ProjectRow> {
    const now = this.clock.now();
    const { problems, resolved } = await resolveReferences(tx, {
      chain: input.chain,
      relatedChains: input.relatedChains ?? [],
      enterpriseId: input.enterpriseId ?? null,
      investorName: input.investorName ?? null,
      responsibleUnitId: input.responsibleUnitId,
      ownerId: input.ownerId,
      keyTaskId: input.keyTaskId ?? null,
      chainLinkId: input.chainLinkId ?? null,
      eventId: input.eventId ?? null,
    });
    if (!resolved) throw invalidInput(problems);
    const serving = await chainServiceProblems(
      tx,
      resolved.chainId,
      { unitId: input.responsibleUnitId, ownerId: input.ownerId },
      shanghaiToday(now),
    );
    if (serving.length) throw refused(SERVE_MESSAGE, serving);
    const [{ id }] = await tx.query(
      `INSERT INTO project (name, chain_id, related_chain_ids, enterprise_id, investor_name, source_channel,
         responsible_unit_id, owner_id, planned_investment, location, industry, key_task_id, major, created_by, sector,
         created_at, updated_at, stage_entered_at, chain_link_id, chain_link_kind, event_id, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $16, $17, $18, $19, $20) RETURNING id`,
      [
        input.name,
        resolved.chainId,
        resolved.relatedChainIds,
        input.enterpriseId ?? null,
        resolved.investorName,
        input.sourceChannel,
        input.responsibleUnitId,
        input.ownerId,
        input.plannedInvestment ?? null,
        input.location ?? null,
        input.industry ?? null,
        input.keyTaskId ?? null,
        input.major ?? false,
        actor.id,
        // NULL: the project_sector_default trigger takes the chain's sector.
        input.sector ?? null,
        now,
        input.chainLinkId ?? null,
        input.chainLinkId ? (input.chainLinkKind ?? null) : null,
        input.eventId ?? null,
        input.notes ?? null,
      ],
    );
    await tx.query(
      `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by, moved_at)
       VALUES ($1, NULL, 'lead', $2, $3, $4)`,
      [id, note.reason ?? null, actor.id, now],
    );
    const row = (await this.store.find(tx, id)) as ProjectRow;
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: 'project',
      entityId: id,
      projectId: id,
      after: { ...auditSnapshot(row), ...(note.reason ? { reason: note.reason } : {}) },
    });
    // 重大项目: the office hears at once, in this transaction.
    if (row.major) await notifyOfficeOfMajor(tx, this.notifications, { kind: 'created', projectId: id });
    // 撞车提醒: another chain or unit already works with this firm or its group.
    await raiseCourtingConflicts(tx, this.notifications, id, now);
    return row;
  }

  /**
   * Problems a change would meet, without writing: references (400) and serving the chain (422).
   * An owner or unit left as it is is not judged again, so a no-op save never fails on them.
   */
  async updateProblems(
    tx: EntityManager,
    row: ProjectRow,
    input: ProjectChanges,
  ): Promise<{ invalid: RuleProblem[]; serving: RuleProblem[]; resolved: { chainId: number; relatedChainIds: number[]; investorName: string } | null }> {
    const chain = input.chain ?? row.chain_code;
    const investorChanged = input.enterpriseId !== undefined || input.investorName !== undefined;
    const enterpriseId = investorChanged ? (input.enterpriseId ?? null) : row.enterprise_id;
    const ownerChanged = input.ownerId !== undefined && input.ownerId !== row.owner_id;
    const unitChanged = input.responsibleUnitId !== undefined && input.responsibleUnitId !== row.responsible_unit_id;
    const chainChanged = chain !== row.chain_code;
    const { problems, resolved } = await resolveReferences(tx, {
      chain,
      relatedChains: input.relatedChains ?? row.related_chain_codes,
      enterpriseId,
      investorName: investorChanged ? (input.investorName ?? null) : row.enterprise_id ? null : row.investor_name,
      responsibleUnitId: input.responsibleUnitId ?? row.responsible_unit_id,
      ownerId: input.ownerId ?? row.owner_id,
      keyTaskId: input.keyTaskId !== undefined ? input.keyTaskId : row.key_task_id,
      chainLinkId: input.chainLinkId !== undefined ? input.chainLinkId : row.chain_link_id,
      eventId: input.eventId !== undefined ? input.eventId : undefined,
      checkOwner: ownerChanged || chainChanged,
    });
    problems.push(...this.factProblems(row, input));
    let serving: RuleProblem[] = [];
    if (resolved && !problems.length && (ownerChanged || unitChanged || chainChanged)) {
      serving = await chainServiceProblems(
        tx,
        resolved.chainId,
        {
          unitId: unitChanged || chainChanged ? (input.responsibleUnitId ?? row.responsible_unit_id) : undefined,
          ownerId: ownerChanged || chainChanged ? (input.ownerId ?? row.owner_id) : undefined,
        },
        this.today(),
      );
    }
    return { invalid: problems, serving, resolved };
  }

  /** Changes a project's fields (the caller locked the row and checked its version). */
  async update(
    tx: EntityManager,
    actor: ProjectActor,
    row: ProjectRow,
    input: ProjectChanges,
    note: WriteNote = {},
  ): Promise<ProjectRow> {
    if (row.status === 'dropped') {
      throw refused('已终止的项目不能修改 / A dropped project cannot be edited', [
        {
          field: 'status',
          zh: '项目已终止，请先恢复推进再修改',
          en: 'The project is dropped; make it active again to edit it',
        },
      ]);
    }
    const { invalid, serving, resolved } = await this.updateProblems(tx, row, input);
    if (!resolved || invalid.length) throw invalidInput(invalid);
    if (serving.length) throw refused(SERVE_MESSAGE, serving);
    const investorChanged = input.enterpriseId !== undefined || input.investorName !== undefined;
    const set: string[] = [];
    const params: unknown[] = [row.id];
    const put = (column: string, value: unknown) => {
      params.push(value);
      set.push(`${column} = $${params.length}`);
    };
    put('chain_id', resolved.chainId);
    put('related_chain_ids', resolved.relatedChainIds);
    put('enterprise_id', investorChanged ? (input.enterpriseId ?? null) : row.enterprise_id);
    put('investor_name', resolved.investorName);
    if (input.name !== undefined) put('name', input.name);
    if (input.sourceChannel !== undefined) put('source_channel', input.sourceChannel);
    if (input.responsibleUnitId !== undefined) put('responsible_unit_id', input.responsibleUnitId);
    if (input.ownerId !== undefined) put('owner_id', input.ownerId);
    if (input.plannedInvestment !== undefined) put('planned_investment', input.plannedInvestment);
    if (input.location !== undefined) put('location', input.location);
    if (input.industry !== undefined) put('industry', input.industry);
    if (input.sector !== undefined) put('sector', input.sector);
    if (input.keyTaskId !== undefined) put('key_task_id', input.keyTaskId);
    if (input.chainLinkId !== undefined) put('chain_link_id', input.chainLinkId);
    if (input.chainLinkKind !== undefined || input.chainLinkId === null) {
      put('chain_link_kind', input.chainLinkId === null ? null : (input.chainLinkKind ?? null));
    }
    if (input.eventId !== undefined) put('event_id', input.eventId);
    if (input.notes !== undefined) put('notes', input.notes);
    if (input.major !== undefined) put('major', input.major);
    for (const field of input.landRoute ? landFactsClearedBy(input.landRoute) : []) {
      if (input[field as keyof CorrectableFacts] === undefined) put(MOVE_FACT_COLUMNS[field] as string, null);
    }
    for (const fact of CORRECTABLE) if (input[fact.field] !== undefined) put(fact.column, input[fact.field]);
    await tx.query(`UPDATE project SET ${set.join(', ')} WHERE id = $1`, params);
    const after = (await this.store.find(tx, row.id)) as ProjectRow;
    const diff = changedFields(auditSnapshot(row), auditSnapshot(after));
    if (!diff) return after;
    await tx.query(`UPDATE project SET version = version + 1, updated_at = $2 WHERE id = $1`, [row.id, this.clock.now()]);
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: 'project',
      entityId: row.id,
      projectId: row.id,
      ...diff,
      ...(note.reason ? { after: { ...diff.after, reason: note.reason } } : {}),
    });
    if (after.major && !row.major) await notifyOfficeOfMajor(tx, this.notifications, { kind: 'flagged', projectId: row.id });
    return (await this.store.find(tx, row.id)) as ProjectRow;
  }

  /** 暂缓 / 终止 with a reason, or back to 推进中 (the caller locked the row and checked its version). */
  async changeStatus(
    tx: EntityManager,
    actor: ProjectActor,
    row: ProjectRow,
    status: ProjectStatus,
    reason: string | null,
  ): Promise<ProjectRow> {
    const problems = statusChangeProblems(row.status, status, reason);
    if (problems.length) throw refused('不能这样更改项目状态 / The status cannot be changed so', problems);
    const now = this.clock.now();
    await tx.query(
      `UPDATE project SET status = $2, status_reason = $3, version = version + 1, updated_at = $4 WHERE id = $1`,
      [row.id, status, status === 'active' ? null : reason, now],
    );
    await tx.query(
      `INSERT INTO project_status_change (project_id, from_status, to_status, reason, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.status, status, reason, actor.id, now],
    );
    const after = (await this.store.find(tx, row.id)) as ProjectRow;
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: 'project',
      entityId: row.id,
      projectId: row.id,
      before: { status: row.status, statusReason: row.status_reason },
      after: { status: after.status, statusReason: after.status_reason, reason },
    });
    return after;
  }

  /** What a move would meet, judged on the project's recorded facts and records, writing nothing. */
  async checkMove(tx: EntityManager, row: ProjectRow, request: StageMoveRequest): Promise<StageMoveVerdict> {
    const facts = toProjectFacts(row, await this.store.evaluationState(tx, row.id));
    return judgeStageMove(facts, row.stage, request, this.today());
  }

  /**
   * Moves the project (the caller locked the row and checked its version): judged first, then every
   * fact the move carries — the estimated investment, an evaluation opened, the stage's facts, the
   * initial agreement of a signing — and the move itself, its history row and audit entries, all in
   * the caller's transaction. Refused (400 bad facts, 422 a gate), nothing is written.
   */
  async move(
    tx: EntityManager,
    actor: ProjectActor,
    row: ProjectRow,
    request: StageMoveRequest,
    note: WriteNote = {},
  ): Promise<ProjectRow> {
    const verdict = await this.checkMove(tx, row, request);
    if (verdict.invalid.length) throw invalidInput(verdict.invalid);
    if (verdict.missing.length) throw refused(stageMoveRefusalMessage(request.to, verdict.missing), verdict.missing);
    const now = this.clock.now();
    const { supplied } = verdict;
    const id = row.id;

    let current = row;
    if (request.plannedInvestment !== undefined) {
      current = await this.update(tx, actor, current, { plannedInvestment: request.plannedInvestment }, note);
    }
    if (request.openEvaluation && !(await this.hasOpenEvaluation(tx, id))) {
      await this.openEvaluation(tx, actor, id, now);
    }
    if (supplied.signedAmount !== undefined) {
      await this.recordAgreement(tx, actor, id, {
        kind: 'initial',
        amount: supplied.signedAmount as string,
        signedOn: supplied.signedOn as string,
        agreementRef: supplied.agreementRef as string,
        note: note.reason ?? null,
      });
    }
    const set = ['stage = $2', 'stage_entered_at = $3', 'updated_at = $3', 'version = version + 1', 'stage_reached_on = $4'];
    const params: unknown[] = [id, request.to, now, request.reachedOn ?? shanghaiToday(now)];
    for (const field of supplied.landRoute ? landFactsClearedBy(supplied.landRoute) : []) {
      if (supplied[field] === undefined) set.push(`${MOVE_FACT_COLUMNS[field]} = NULL`);
    }
    for (const [field, column] of Object.entries(MOVE_FACT_COLUMNS) as [keyof StageFacts, string][]) {
      if (supplied[field] === undefined) continue;
      params.push(supplied[field]);
      set.push(`${column} = $${params.length}`);
    }
    await tx.query(`UPDATE project SET ${set.join(', ')} WHERE id = $1`, params);
    await tx.query(
      `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by, moved_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, current.stage, request.to, request.reason ?? note.reason ?? null, actor.id, now],
    );
    await this.audit.record(tx, actor, {
      action: 'stage-move',
      entityType: 'project',
      entityId: id,
      projectId: id,
      before: { stage: current.stage },
      after: {
        stage: request.to,
        direction: verdict.direction,
        reason: request.reason ?? note.reason ?? null,
        ...(request.reachedOn ? { reachedOn: request.reachedOn } : {}),
        ...supplied,
      },
    });
    // 重大项目随时报: a major project signed, its land approved, started or completed — the office
    // and the chain's leaders hear at once, with the figures, in this transaction.
    if (current.major && verdict.direction === 'forward') {
      await notifyMajorStage(tx, this.notifications, id, request.to, request.reachedOn ?? shanghaiToday(now));
    }
    return (await this.store.find(tx, id)) as ProjectRow;
  }

  /** An agreement of the ledger (the signing's initial one, or a supplementary increment), audited. */
  async recordAgreement(
    tx: EntityManager,
    actor: ProjectActor,
    projectId: string,
    a: { kind: 'initial' | 'supplementary'; amount: string; signedOn: string; agreementRef: string; note: string | null },
  ): Promise<string> {
    const [agreement] = await tx.query(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [projectId, a.kind, a.amount, a.signedOn, a.agreementRef, a.note, actor.id, this.clock.now()],
    );
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: 'agreement',
      entityId: agreement.id,
      projectId,
      after:
        a.kind === 'initial'
          ? { kind: a.kind, amount: a.amount, signedOn: a.signedOn, agreementRef: a.agreementRef }
          : { kind: a.kind, amount: a.amount, signedOn: a.signedOn, agreementRef: a.agreementRef, note: a.note },
    });
    return agreement.id;
  }

  /** 到位资金 of a month, audited. */
  async recordFundArrival(
    tx: EntityManager,
    actor: ProjectActor,
    projectId: string,
    f: { month: string; amount: string; evidenceNote: string | null },
  ): Promise<string> {
    const [{ id }] = await tx.query(
      `INSERT INTO fund_arrival (project_id, month, amount, evidence_note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [projectId, f.month, f.amount, f.evidenceNote, actor.id, this.clock.now()],
    );
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: 'fund-arrival',
      entityId: id,
      projectId,
      after: { month: f.month, amount: f.amount, evidenceNote: f.evidenceNote },
    });
    return id;
  }

  /** Loads and locks a project for a write by the import (no session: access was checked on the batch). */
  async lock(tx: EntityManager, id: string): Promise<ProjectRow> {
    const row = await this.store.find(tx, id, true);
    if (!row) throw projectNotFound(id);
    return row;
  }

  private async hasOpenEvaluation(tx: EntityManager, projectId: string): Promise<boolean> {
    const [row] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM project_evaluation WHERE project_id = $1 AND conclusion IS NULL) AS open`,
      [projectId],
    );
    return row.open;
  }

  /** An empty evaluation record (its six dimensions to fill), as POST /evaluations opens one. */
  private async openEvaluation(tx: EntityManager, actor: ProjectActor, projectId: string, now: Date): Promise<void> {
    const [{ id }] = await tx.query(
      `INSERT INTO project_evaluation (project_id, third_party, opened_by, opened_at) VALUES ($1, false, $2, $3) RETURNING id`,
      [projectId, actor.id, now],
    );
    await tx.query(
      `INSERT INTO project_evaluation_dimension (evaluation_id, dimension) SELECT $1, unnest($2::evaluation_dimension[])`,
      [id, EVALUATION_DIMENSIONS],
    );
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: 'evaluation',
      entityId: id,
      projectId,
      after: { thirdParty: false, institution: null, eliminatedCategory: null, openedWithMove: true },
    });
  }

  /**
   * A correction of the land facts (用地方式 and its site, title or lease, area) leaves them whole for
   * the route they end on: the land gate of libs/domain still holds, and nothing of another route.
   */
  private landRouteChangeProblems(row: ProjectRow, input: ProjectChanges): RuleProblem[] {
    const routeFields = ['landRoute', 'siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn', 'plantAreaSqm'] as const;
    if (!routeFields.some((f) => input[f] !== undefined)) return [];
    let facts = toProjectFacts(row, { opened: true, latestConclusion: null });
    if (input.landRoute) facts = withLandRoute(facts, input.landRoute);
    for (const fact of CORRECTABLE) if (input[fact.field] !== undefined) Object.assign(facts, { [fact.field]: input[fact.field] });
    return [...landRouteProblems(facts), ...missingAtStage(facts, 'land')];
  }

  /** Land, construction and completion facts are corrected, never cleared, once their stage is reached. */
  private factProblems(row: ProjectRow, input: ProjectChanges): RuleProblem[] {
    const problems: RuleProblem[] = [];
    for (const fact of CORRECTABLE) {
      if (input[fact.field] !== undefined && stageIndex(row.stage) < stageIndex(fact.stage)) {
        problems.push({
          field: fact.field,
          zh: `项目尚未进入“${STAGE_LABELS[fact.stage]}”阶段，请在推进阶段时填写`,
          en: `The project has not reached the stage ${fact.stage}; supply this when moving it there`,
        });
      }
    }
    const datesGiven = input.landApprovedOn ?? input.siteDocumentOn ?? input.constructionStartedOn ?? input.completedOn;
    const merged = {
      landApprovedOn: input.landApprovedOn ?? row.land_approved_on,
      siteDocumentOn: input.siteDocumentOn ?? row.site_document_on,
      constructionStartedOn: input.constructionStartedOn ?? row.construction_started_on,
      completedOn: input.completedOn ?? row.completed_on,
    };
    const changedDates = datesGiven ? stageFactProblems(merged, this.today()) : [];
    return [...problems, ...changedDates, ...(problems.length ? [] : this.landRouteChangeProblems(row, input))];
  }
}

/** A route's input without the version the editor loaded (the route checks it; the writer takes the rest). */
export function withoutVersion<T extends { version?: number }>(input: T): Omit<T, 'version'> {
  const rest: Partial<T> = { ...input };
  delete rest.version;
  return rest as Omit<T, 'version'>;
}
