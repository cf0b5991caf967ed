import type { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import { isSignedStage, type StageFacts } from '@crm/domain';
import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ImportBatchStore, ImportRowView } from './import-batch.store';
import { projectKey, type ExistingProject, type ProjectRowData } from './project-import.planner';

/** Who commits: enough for the audit trail and the owner of created projects (the worker has no session). */
export type CommitUser = Pick<AuthUser, 'id' | 'username'>;

const IMPORT_REASON = '台账导入';

const COLUMNS: Record<string, string> = {
  enterpriseId: 'enterprise_id',
  investorName: 'investor_name',
  sourceChannel: 'source_channel',
  responsibleUnitId: 'responsible_unit_id',
  plannedInvestment: 'planned_investment',
  location: 'location',
  industry: 'industry',
  major: 'major',
  stage: 'stage',
  landParcel: 'land_parcel',
  landAreaMu: 'land_area_mu',
  landApprovalRef: 'land_approval_ref',
  landApprovedOn: 'land_approved_on',
  constructionStartedOn: 'construction_started_on',
  constructionPermitRef: 'construction_permit_ref',
  completedOn: 'completed_on',
};

const stale = (row: number) =>
  new ConflictException({
    statusCode: 409,
    message: `第${row}行：预览之后该项目已被修改，请重新上传预览后再确认 / Row ${row}: the project changed after the preview; upload the file again`,
  });

/** The pipeline's existing projects as the planner compares them. */
export async function loadExistingProjects(manager: EntityManager): Promise<ExistingProject[]> {
  return manager.query(
    `SELECT id, name, chain_id AS "chainId", enterprise_id AS "enterpriseId", investor_name AS "investorName",
            source_channel AS "sourceChannel", responsible_unit_id AS "responsibleUnitId",
            planned_investment::text AS "plannedInvestment", location, industry, major, status, stage,
            eliminated_category AS "eliminatedCategory", version,
            nullif(signed_amount, 0)::text AS "signedAmount", signed_on::text AS "signedOn", agreement_ref AS "agreementRef",
            land_parcel AS "landParcel", land_area_mu::text AS "landAreaMu", land_approval_ref AS "landApprovalRef",
            land_approved_on::text AS "landApprovedOn", construction_started_on::text AS "constructionStartedOn",
            construction_permit_ref AS "constructionPermitRef", completed_on::text AS "completedOn"
     FROM project`,
  );
}

async function recordSigning(tx: EntityManager, audit: AuditService, user: CommitUser, id: string, d: Partial<StageFacts>) {
  const [agreement] = await tx.query(
    `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, note, created_by)
     VALUES ($1, 'initial', $2, $3, $4, $5, $6) RETURNING id`,
    [id, d.signedAmount, d.signedOn, d.agreementRef, IMPORT_REASON, user.id],
  );
  await audit.record(tx, user, {
    action: 'create',
    entityType: 'agreement',
    entityId: agreement.id,
    projectId: id,
    after: { kind: 'initial', amount: d.signedAmount, signedOn: d.signedOn, agreementRef: d.agreementRef },
  });
}

/**
 * Writes the create and update rows of a project batch (inside the caller's transaction). A row
 * to create whose project now exists (another import or an edit since the preview) refuses the
 * whole commit, so committing two previews of the same file cannot make duplicates.
 */
export async function writeProjectRows(
  tx: EntityManager,
  store: ImportBatchStore,
  audit: AuditService,
  user: CommitUser,
  batchId: string,
  rows: ImportRowView[],
  progress: (done: number) => Promise<void> = async () => undefined,
): Promise<void> {
  const existing = new Set<string>();
  if (rows.some((r) => r.action === 'create')) {
    const all: { chainId: number; name: string }[] = await tx.query(`SELECT chain_id AS "chainId", name FROM project`);
    for (const p of all) existing.add(projectKey(p.chainId, p.name));
  }
  let done = 0;
  const created: { row: number; targetId: string }[] = [];
  for (const row of rows) {
    const d = row.data as unknown as ProjectRowData;
    if (row.action === 'create') {
      if (existing.has(projectKey(d.chainId, d.name))) throw stale(row.row);
      const [{ id }] = await tx.query(
        `INSERT INTO project (name, chain_id, enterprise_id, investor_name, source_channel, responsible_unit_id, owner_id,
           planned_investment, location, industry, major, stage, land_parcel, land_area_mu, land_approval_ref,
           land_approved_on, construction_started_on, construction_permit_ref, completed_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $7) RETURNING id`,
        [
          d.name,
          d.chainId,
          d.enterpriseId,
          d.investorName,
          d.sourceChannel ?? 'other',
          d.responsibleUnitId,
          user.id,
          d.plannedInvestment ?? null,
          d.location ?? null,
          d.industry ?? null,
          d.major ?? false,
          d.stage,
          d.landParcel ?? null,
          d.landAreaMu ?? null,
          d.landApprovalRef ?? null,
          d.landApprovedOn ?? null,
          d.constructionStartedOn ?? null,
          d.constructionPermitRef ?? null,
          d.completedOn ?? null,
        ],
      );
      await tx.query(
        `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by) VALUES ($1, NULL, $2, $3, $4)`,
        [id, d.stage, IMPORT_REASON, user.id],
      );
      if (isSignedStage(d.stage)) await recordSigning(tx, audit, user, id, d);
      created.push({ row: row.row, targetId: id });
      await audit.record(tx, user, { action: 'create', entityType: 'project', entityId: id, projectId: id, after: { ...d, reason: IMPORT_REASON } });
    } else if (row.action === 'update' && row.targetId && row.changes) {
      const [current] = await tx.query(`SELECT version, stage FROM project WHERE id = $1 FOR UPDATE`, [row.targetId]);
      if (!current || current.version !== d.version) throw stale(row.row);
      const after = row.changes.after;
      const set = ['version = version + 1', 'updated_at = now()'];
      const params: unknown[] = [row.targetId];
      for (const [field, value] of Object.entries(after)) {
        const column = COLUMNS[field];
        if (!column) continue;
        params.push(value);
        set.push(`${column} = $${params.length}`);
      }
      if (after['stage']) set.push('stage_entered_at = now()');
      await tx.query(`UPDATE project SET ${set.join(', ')} WHERE id = $1`, params);
      if (after['stage']) {
        await tx.query(
          `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_by) VALUES ($1, $2, $3, $4, $5)`,
          [row.targetId, current.stage, after['stage'], IMPORT_REASON, user.id],
        );
        if (isSignedStage(d.stage) && !isSignedStage(current.stage)) await recordSigning(tx, audit, user, row.targetId, d);
      }
      await audit.record(tx, user, {
        action: 'update',
        entityType: 'project',
        entityId: row.targetId,
        projectId: row.targetId,
        before: row.changes.before,
        after: { ...after, reason: IMPORT_REASON },
      });
    }
    await progress(++done);
  }
  await store.setTargets(batchId, created);
}

