import type { AuthUser } from '@crm/api/core';
import type { ProjectActor, ProjectChanges, ProjectWriter } from '@crm/api/pipeline';
import type { ContactService } from '@crm/api/reference';
import { ledgerContactInput, STAGE_FACT_STAGE, stageIndex, type ChainCode, type OwnerlessChain, type StageFacts, type StageMoveInput } from '@crm/domain';
import { ConflictException, HttpException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ImportBatchStore, ImportRowView } from './import-batch.store';
import { contactNote, projectKey, type ExistingProject, type ProjectRowData } from './project-import.planner';

/** Who commits: enough for the audit trail and the owner of created projects (the worker has no session). */
export type CommitUser = Pick<AuthUser, 'id' | 'username'>;

const IMPORT_REASON = '台账导入';

/** Fields of a row's update that are the project's own (a PATCH), not a stage move's. */
const OWN_FIELDS = [
  'sourceChannel',
  'responsibleUnitId',
  'ownerId',
  'plannedInvestment',
  'location',
  'industry',
  'major',
  'eventId',
  'notes',
] as const;
const FACT_FIELDS = Object.keys(STAGE_FACT_STAGE) as (keyof StageFacts)[];

const stale = (row: number) =>
  new ConflictException({
    statusCode: 409,
    message: `第${row}行：预览之后该项目已被修改，请重新上传预览后再确认 / Row ${row}: the project changed after the preview; upload the file again`,
  });

/** A refusal of the project writer, placed at its row: the same status, fields and words. */
function atRow(row: number, error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  const body = error.getResponse();
  const fields = typeof body === 'object' && body ? (body as Record<string, unknown>) : { message: String(body) };
  const message = typeof fields['message'] === 'string' ? fields['message'] : error.message;
  if (message.startsWith(`第${row}行`)) return error;
  return new HttpException({ ...fields, statusCode: error.getStatus(), message: `第${row}行：${message}`, row }, error.getStatus());
}

/** The pipeline's existing projects as the planner compares them, with the records the gates read. */
export async function loadExistingProjects(manager: EntityManager): Promise<ExistingProject[]> {
  return manager.query(
    `SELECT p.id, p.name, p.chain_id AS "chainId", p.enterprise_id AS "enterpriseId", p.investor_name AS "investorName",
            p.source_channel AS "sourceChannel", p.responsible_unit_id AS "responsibleUnitId",
            p.planned_investment::text AS "plannedInvestment", p.location, p.industry, p.major, p.status, p.stage,
            p.event_id AS "eventId", p.notes,
            p.eliminated_category AS "eliminatedCategory", p.version,
            nullif(p.signed_amount, 0)::text AS "signedAmount", p.signed_on::text AS "signedOn", p.agreement_ref AS "agreementRef",
            p.land_parcel AS "landParcel", p.land_area_mu::text AS "landAreaMu", p.land_approval_ref AS "landApprovalRef",
            p.land_approved_on::text AS "landApprovedOn", p.construction_started_on::text AS "constructionStartedOn",
            -- No route recorded is a new allocation once the land is reached, as the export writes it.
            CASE WHEN p.land_route IS NULL AND p.stage IN ('land', 'construction', 'production') THEN 'new-land'
                 ELSE p.land_route END AS "landRoute",
            p.site_document_kind AS "siteDocumentKind", p.site_document_ref AS "siteDocumentRef",
            p.site_document_on::text AS "siteDocumentOn", p.plant_area_sqm::text AS "plantAreaSqm",
            p.construction_permit_ref AS "constructionPermitRef", p.completed_on::text AS "completedOn",
            p.owner_id AS "ownerId", o.display_name AS "ownerName", p.contact_count AS "contactCount",
            EXISTS (SELECT 1 FROM project_evaluation e WHERE e.project_id = p.id) AS "evaluationOpened",
            (SELECT e.conclusion FROM project_evaluation e WHERE e.project_id = p.id AND e.conclusion IS NOT NULL
             ORDER BY e.concluded_on DESC, e.concluded_at DESC LIMIT 1) AS "latestConclusion"
     FROM project p JOIN app_user o ON o.id = p.owner_id`,
  );
}

/** A new row's chain and whether it names its own owner: all the owner rule needs of a row. */
export interface NewRowOwner {
  row: number;
  chainId: number;
  ownerId?: string | null;
}

/**
 * Who owns each chain's new projects without an owner in their row: the default the office chose
 * for the chain, else whoever commits when they serve the chain (staff importing their own chain's
 * projects); `ownerless` lists the chains still without one, with their rows and the staff who may
 * own them (serving the chain on the day). The preview shows that list before the first commit;
 * the commit refuses while it is not empty. An office-only user never becomes an owner.
 */
export async function ownersOfNewProjects(
  tx: EntityManager,
  userId: string,
  rows: NewRowOwner[],
  defaultOwners: Map<number, string>,
  today: string,
): Promise<{ owners: Map<number, string>; ownerless: OwnerlessChain[] }> {
  const owners = new Map<number, string>();
  const missing = new Map<number, number[]>();
  const needing = rows.filter((r) => !r.ownerId);
  if (!needing.length) return { owners, ownerless: [] };
  const [{ chains }] = await tx.query(
    `SELECT coalesce(array_agg(chain_id), '{}') AS chains FROM chain_access($1::uuid, $2::date) WHERE editable`,
    [userId, today],
  );
  for (const r of needing) {
    const owner = defaultOwners.get(r.chainId) ?? ((chains as number[]).includes(r.chainId) ? userId : undefined);
    if (owner) owners.set(r.chainId, owner);
    else missing.set(r.chainId, [...(missing.get(r.chainId) ?? []), r.row]);
  }
  if (!missing.size) return { owners, ownerless: [] };
  const names: { id: number; code: string; name: string }[] = await tx.query(
    `SELECT id, code, name_zh AS name FROM chain WHERE id = ANY ($1::smallint[])`,
    [[...missing.keys()]],
  );
  const ownerless: OwnerlessChain[] = [];
  for (const [chain, rowNumbers] of missing) {
    const candidates: { id: string; displayName: string }[] = await tx.query(
      `SELECT u.id, u.display_name AS "displayName" FROM app_user u
       WHERE u.active AND 'staff' = ANY (u.roles)
         AND EXISTS (SELECT 1 FROM chain_access(u.id, $2::date) a WHERE a.chain_id = $1 AND a.editable)
       ORDER BY u.display_name, u.id`,
      [chain, today],
    );
    const c = names.find((n) => n.id === chain);
    ownerless.push({ chain: c?.code ?? String(chain), name: c?.name ?? String(chain), rows: rowNumbers, candidates });
  }
  return { owners, ownerless };
}

/**
 * The owner of each new project without one in its row (ownersOfNewProjects). Refuses (422,
 * nothing written) a default owner who does not serve the chain, and names the chains and rows
 * still without one with the staff who may own them.
 */
async function ownersOfNewRows(
  tx: EntityManager,
  user: CommitUser,
  rows: ImportRowView[],
  defaultOwners: Map<number, string>,
  today: string,
  chainNames: Map<number, string>,
): Promise<Map<number, string>> {
  // A default owner serves its chain on the day (chain_access: staff of a unit serving it).
  const wrong: string[] = [];
  for (const [chain, owner] of defaultOwners) {
    const [ok] = await tx.query(
      `SELECT u.display_name AS name, EXISTS (SELECT 1 FROM chain_access(u.id, $2::date) a WHERE a.chain_id = $3 AND a.editable) AS serves
       FROM app_user u WHERE u.id = $1 AND u.active`,
      [owner, today, chain],
    );
    if (!ok?.serves) wrong.push(`默认负责人“${ok?.name ?? owner}”不是${chainNames.get(chain)}责任单位的专班工作人员`);
  }
  if (wrong.length) {
    const zh = `${wrong.join('；')}，请选择该产业链的专班人员`;
    throw new UnprocessableEntityException({
      statusCode: 422,
      message: `${zh} / A default owner must be staff of a unit serving the chain`,
      missing: [{ field: 'defaultOwners', zh, en: 'A default owner must be staff of a unit serving the chain' }],
      errors: { defaultOwners: [zh] },
    });
  }
  const newRows = rows
    .filter((r) => r.action === 'create')
    .map((r) => {
      const d = r.data as unknown as ProjectRowData;
      return { row: r.row, chainId: d.chainId, ownerId: d.ownerId };
    });
  const { owners, ownerless } = await ownersOfNewProjects(tx, user.id, newRows, defaultOwners, today);
  if (ownerless.length) {
    const list = ownerless.map((c) => `${c.name}（第${c.rows.slice(0, 10).join('、')}行${c.rows.length > 10 ? '等' : ''}）`);
    const zh = `以下新项目没有项目负责人：${list.join('；')}。请在表中填写“项目负责人”，或确认导入时为该产业链选择默认负责人（该链责任单位的专班人员）`;
    throw new UnprocessableEntityException({
      statusCode: 422,
      message: `${zh} / New projects without an owner: name one per row, or choose a default owner for the chain when committing`,
      missing: ownerless.map((c) => ({ field: 'defaultOwners', chain: c.chain, zh, en: 'Choose a default owner' })),
      errors: { defaultOwners: [zh] },
      ownerless,
    });
  }
  return owners;
}

/**
 * Writes the create and update rows of a project batch (inside the caller's transaction) through
 * the pipeline's project writer: a new project is created as 项目线索 and moved to its row's stage,
 * a matched one changed and moved, with the same gates, history, audit rows and triggers as the
 * pipeline's own routes (the reason 台账导入 recorded). A refusal names its row; nothing is written.
 * A row to create whose project now exists (another import or an edit since the preview), or a
 * matched project changed since, refuses the whole commit (409), so committing two previews of the
 * same file cannot make duplicates.
 */
export async function writeProjectRows(
  tx: EntityManager,
  store: ImportBatchStore,
  writer: ProjectWriter,
  contacts: ContactService,
  user: CommitUser,
  batchId: string,
  rows: ImportRowView[],
  defaultOwners: Map<number, string>,
  progress: (done: number) => Promise<void> = async () => undefined,
): Promise<void> {
  const actor: ProjectActor = user;
  const note = { reason: IMPORT_REASON };
  const chainRows: { id: number; code: ChainCode; name: string }[] = await tx.query(`SELECT id, code, name_zh AS name FROM chain`);
  const codeOf = new Map(chainRows.map((c) => [c.id, c.code]));
  const owners = await ownersOfNewRows(
    tx,
    user,
    rows,
    defaultOwners,
    writer.today(),
    new Map(chainRows.map((c) => [c.id, c.name])),
  );
  const existing = new Set<string>();
  if (rows.some((r) => r.action === 'create')) {
    const all: { chainId: number; name: string }[] = await tx.query(`SELECT chain_id AS "chainId", name FROM project`);
    for (const p of all) existing.add(projectKey(p.chainId, p.name));
  }
  let done = 0;
  const created: { row: number; targetId: string }[] = [];
  for (const row of rows) {
    const d = row.data as unknown as ProjectRowData;
    try {
      if (row.action === 'create') {
        if (existing.has(projectKey(d.chainId, d.name))) throw stale(row.row);
        const project = await writer.create(
          tx,
          actor,
          {
            name: d.name,
            chain: codeOf.get(d.chainId) as ChainCode,
            enterpriseId: d.enterpriseId,
            investorName: d.enterpriseId ? null : d.investorName,
            sourceChannel: d.sourceChannel ?? 'other',
            responsibleUnitId: d.responsibleUnitId,
            ownerId: d.ownerId ?? (owners.get(d.chainId) as string),
            plannedInvestment: d.plannedInvestment ?? null,
            location: d.location ?? null,
            industry: d.industry ?? null,
            major: d.major ?? false,
            eventId: d.eventId ?? null,
            // Without a firm of the library there is no one to hold the contact: the 备注 keeps it.
            notes: d.enterpriseId ? null : contactNote(d.contactName, d.contactPhone),
          },
          note,
        );
        if (d.stage !== 'lead') await writer.move(tx, actor, project, { to: d.stage, ...stageFacts(d, 'lead') }, note);
        await recordContact(tx, contacts, actor, d, project);
        created.push({ row: row.row, targetId: project.id });
      } else if (row.action === 'update' && row.targetId && row.changes) {
        let project = await writer.lock(tx, row.targetId);
        if (project.version !== d.version) throw stale(row.row);
        const after = row.changes.after;
        const changes: ProjectChanges = {};
        for (const f of OWN_FIELDS) if (after[f] !== undefined) (changes as Record<string, unknown>)[f] = after[f];
        if (after['enterpriseId'] !== undefined || after['investorName'] !== undefined) {
          changes.enterpriseId = d.enterpriseId;
          changes.investorName = d.enterpriseId ? null : d.investorName;
        }
        // Facts of stages already reached are corrections (a PATCH); later ones travel with the move.
        for (const f of FACT_FIELDS) {
          if (after[f] !== undefined && stageIndex(STAGE_FACT_STAGE[f]) <= stageIndex(project.stage)) {
            (changes as Record<string, unknown>)[f] = after[f];
          }
        }
        if (Object.keys(changes).length) project = await writer.update(tx, actor, project, changes, note);
        if (after['stage'] !== undefined && d.stage !== project.stage) {
          await writer.move(tx, actor, project, { to: d.stage, ...stageFacts(d, project.stage) }, note);
        }
        await recordContact(tx, contacts, actor, d, project);
      }
    } catch (error) {
      throw atRow(row.row, error);
    }
    await progress(++done);
  }
  await store.setTargets(batchId, created);
}

/**
 * The row's 联系人 as a contact of the project's firm, through the contacts' own writer (the same
 * "same person" rule as the preview, applied again on what the database holds now).
 */
async function recordContact(
  tx: EntityManager,
  contacts: ContactService,
  actor: CommitUser,
  d: ProjectRowData,
  project: { id: string; enterprise_id: string | null },
): Promise<void> {
  if (!d.contactName || !project.enterprise_id) return;
  await contacts.recordFromLedger(tx, actor, {
    ...ledgerContactInput(d.contactName, d.contactPhone),
    enterpriseId: project.enterprise_id,
    projectId: project.id,
  });
}

/** The row's stage facts that travel with a move from `from` (their stage lies after it). */
function stageFacts(d: ProjectRowData, from: ProjectRowData['stage']): Omit<StageMoveInput, 'to' | 'version'> {
  const facts: Omit<StageMoveInput, 'to' | 'version'> = {};
  for (const f of FACT_FIELDS) {
    const value = d[f];
    if (typeof value === 'string' && stageIndex(STAGE_FACT_STAGE[f]) > stageIndex(from)) Object.assign(facts, { [f]: value });
  }
  return facts;
}

