import { AuditService, changedFields } from '@crm/api/audit';
import { canEditChain, type AuthUser } from '@crm/api/core';
import {
  shanghaiToday,
  stageFactProblems,
  stageIndex,
  STAGE_LABELS,
  statusChangeProblems,
  type ProjectView,
  type RuleProblem,
  type Stage,
} from '@crm/domain';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalidInput, refused } from '../common/problems';
import { inTransaction } from '../common/transaction';
import type { CreateProjectDto, ProjectStatusDto, UpdateProjectDto } from './project.dto';
import { resolveReferences } from './project-references';
import { auditSnapshot, toProjectView, type ProjectRow } from './project.rows';
import { ProjectStore } from './project.store';

/** Facts a PATCH may correct once the project has reached the stage that asked for them. */
const CORRECTABLE_FACTS: { field: keyof UpdateProjectDto; column: string; stage: Stage }[] = [
  { field: 'landParcel', column: 'land_parcel', stage: 'land' },
  { field: 'landAreaMu', column: 'land_area_mu', stage: 'land' },
  { field: 'landApprovalRef', column: 'land_approval_ref', stage: 'land' },
  { field: 'landApprovedOn', column: 'land_approved_on', stage: 'land' },
  { field: 'constructionStartedOn', column: 'construction_started_on', stage: 'construction' },
  { field: 'constructionPermitRef', column: 'construction_permit_ref', stage: 'construction' },
  { field: 'completedOn', column: 'completed_on', stage: 'production' },
];

const notEditable = () =>
  new ForbiddenException(
    '您所在单位不负责该产业链，不能在其中登记或移入项目 / Your unit does not serve this chain; you cannot put projects in it',
  );

/** Creating and editing projects, and their status (暂缓 / 终止 / 推进中). */
@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, input: CreateProjectDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.refuseUneditableChain(tx, user, input.chain);
      const ownerId = input.ownerId ?? user.id;
      const { problems, resolved } = await resolveReferences(tx, {
        chain: input.chain,
        relatedChains: input.relatedChains ?? [],
        enterpriseId: input.enterpriseId ?? null,
        investorName: input.investorName ?? null,
        responsibleUnitId: input.responsibleUnitId,
        ownerId,
        keyTaskId: input.keyTaskId ?? null,
      });
      if (!resolved) throw invalidInput(problems);
      const [{ id }] = await tx.query(
        `INSERT INTO project (name, chain_id, related_chain_ids, enterprise_id, investor_name, source_channel,
           responsible_unit_id, owner_id, planned_investment, location, industry, key_task_id, major, created_by, sector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [
          input.name,
          resolved.chainId,
          resolved.relatedChainIds,
          input.enterpriseId ?? null,
          resolved.investorName,
          input.sourceChannel,
          input.responsibleUnitId,
          ownerId,
          input.plannedInvestment ?? null,
          input.location ?? null,
          input.industry ?? null,
          input.keyTaskId ?? null,
          input.major ?? false,
          user.id,
          // NULL: the project_sector_default trigger takes the chain's sector.
          input.sector ?? null,
        ],
      );
      await tx.query(
        `INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_by) VALUES ($1, NULL, 'lead', $2)`,
        [id, user.id],
      );
      const row = (await this.store.find(tx, id)) as ProjectRow;
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'project',
        entityId: id,
        projectId: id,
        after: auditSnapshot(row),
      });
      return toProjectView(row);
    });
  }

  async update(user: AuthUser, id: string, input: UpdateProjectDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      if (row.status === 'dropped') {
        throw refused('已终止的项目不能修改 / A dropped project cannot be edited', [
          {
            field: 'status',
            zh: '项目已终止，请先恢复推进再修改',
            en: 'The project is dropped; make it active again to edit it',
          },
        ]);
      }
      const chain = input.chain ?? row.chain_code;
      if (chain !== row.chain_code) await this.refuseUneditableChain(tx, user, chain);
      const investorChanged = input.enterpriseId !== undefined || input.investorName !== undefined;
      const enterpriseId = investorChanged ? (input.enterpriseId ?? null) : row.enterprise_id;
      const { problems, resolved } = await resolveReferences(tx, {
        chain,
        relatedChains: input.relatedChains ?? row.related_chain_codes,
        enterpriseId,
        investorName: investorChanged ? (input.investorName ?? null) : row.enterprise_id ? null : row.investor_name,
        responsibleUnitId: input.responsibleUnitId ?? row.responsible_unit_id,
        ownerId: input.ownerId ?? row.owner_id,
        keyTaskId: input.keyTaskId !== undefined ? input.keyTaskId : row.key_task_id,
      });
      problems.push(...this.factProblems(row, input));
      if (!resolved || problems.length) throw invalidInput(problems);

      const set: string[] = [];
      const params: unknown[] = [id];
      const put = (column: string, value: unknown) => {
        params.push(value);
        set.push(`${column} = $${params.length}`);
      };
      put('chain_id', resolved.chainId);
      put('related_chain_ids', resolved.relatedChainIds);
      put('enterprise_id', enterpriseId);
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
      if (input.major !== undefined) put('major', input.major);
      for (const fact of CORRECTABLE_FACTS) {
        if (input[fact.field] !== undefined) put(fact.column, input[fact.field]);
      }
      await tx.query(`UPDATE project SET ${set.join(', ')} WHERE id = $1`, params);
      const after = (await this.store.find(tx, id)) as ProjectRow;
      const diff = changedFields(auditSnapshot(row), auditSnapshot(after));
      if (!diff) return toProjectView(after);
      await tx.query(`UPDATE project SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'project',
        entityId: id,
        projectId: id,
        ...diff,
      });
      return toProjectView((await this.store.find(tx, id)) as ProjectRow);
    });
  }

  /** 暂缓 / 终止 with a reason, or back to 推进中. Recorded in the status history. */
  async changeStatus(user: AuthUser, id: string, input: ProjectStatusDto): Promise<ProjectView> {
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.store.lockForEdit(tx, user, id, input.version);
      const problems = statusChangeProblems(row.status, input.status, input.reason);
      if (problems.length) throw refused('不能这样更改项目状态 / The status cannot be changed so', problems);
      const reason = input.reason ?? null;
      await tx.query(
        `UPDATE project SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, input.status, input.status === 'active' ? null : reason],
      );
      await tx.query(
        `INSERT INTO project_status_change (project_id, from_status, to_status, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, row.status, input.status, reason, user.id],
      );
      const after = (await this.store.find(tx, id)) as ProjectRow;
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'project',
        entityId: id,
        projectId: id,
        before: { status: row.status, statusReason: row.status_reason },
        after: { status: after.status, statusReason: after.status_reason, reason },
      });
      return toProjectView(after);
    });
  }

  private async refuseUneditableChain(tx: EntityManager, user: AuthUser, code: string): Promise<void> {
    const [chain] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [code]);
    if (chain && !canEditChain(user, chain.id)) throw notEditable();
  }

  /** Land, construction and completion facts are corrected, never cleared, once their stage is reached. */
  private factProblems(row: ProjectRow, input: UpdateProjectDto): RuleProblem[] {
    const problems: RuleProblem[] = [];
    for (const fact of CORRECTABLE_FACTS) {
      if (input[fact.field] !== undefined && stageIndex(row.stage) < stageIndex(fact.stage)) {
        problems.push({
          field: fact.field,
          zh: `项目尚未进入“${STAGE_LABELS[fact.stage]}”阶段，请在推进阶段时填写`,
          en: `The project has not reached the stage ${fact.stage}; supply this when moving it there`,
        });
      }
    }
    const datesGiven = input.landApprovedOn ?? input.constructionStartedOn ?? input.completedOn;
    const merged = {
      landApprovedOn: input.landApprovedOn ?? row.land_approved_on,
      constructionStartedOn: input.constructionStartedOn ?? row.construction_started_on,
      completedOn: input.completedOn ?? row.completed_on,
    };
    const changedDates = datesGiven ? stageFactProblems(merged, shanghaiToday()) : [];
    return [...problems, ...changedDates];
  }
}
