import { CLOCK, hasRole, type AuthUser, type Clock } from '@crm/api/core';
import { ContactService } from '@crm/api/reference';
import {
  ENTERPRISE_LEDGER_COLUMNS,
  mapLedgerHeaders,
  PROJECT_LEDGER_COLUMNS,
  shanghaiToday,
  type EnterpriseLedgerField,
  type HeaderMapping,
  type ProjectLedgerField,
} from '@crm/domain';
import { BadRequestException, HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { planEnterpriseRows, type LibraryFirm } from './enterprise-import.planner';
import { ImportBatchStore, type ImportKind, type SheetMeta } from './import-batch.store';
import { looksLikeHeader, rowsWithData, type PlannedRow } from './import-row';
import { contactFirmIds, planRowContacts } from './project-import.contacts';
import { planProjectRows, type OwnerCandidate } from './project-import.planner';
import { loadExistingProjects } from './project-import.writer';
import { columnLetter, readLedgerSheet, type ReadSheet } from './sheet-reader';

export interface UploadedLedger {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** The user's own column mapping for a sheet that differs: header as written → field, or null. */
export type ColumnOverrides = Record<string, string | null>;

/** Files above this size are read by the worker, so a big sheet never holds up the API. */
export const LEDGER_SYNC_MAX_BYTES = 256 * 1024;

interface PlannedSheet {
  meta: SheetMeta;
  rows: PlannedRow<unknown>[];
}

/**
 * Reads a ledger and plans what each row will do, then stores the preview. Used by the API for
 * small files and by LedgerImportJob in the worker for large ones; writes nothing but the batch.
 */
@Injectable()
export class LedgerPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contacts: ContactService,
  ) {}

  /** Small files: read and planned now; the batch id of the stored preview. */
  async previewNow(kind: ImportKind, user: AuthUser, file: UploadedLedger, overrides: ColumnOverrides): Promise<string> {
    const editable = editableChains(user);
    const planned = await this.plan(kind, file.buffer, overrides, editable);
    return this.dataSource.transaction(async (tx) => {
      const store = new ImportBatchStore(tx);
      const id = await store.createBatch(newBatch(kind, user, file, overrides, editable, false, this.clock.now()));
      await store.setTotal(id, planned.meta, planned.rows.length);
      await store.fill(id, planned.rows);
      return id;
    });
  }

  /** Large files: the batch is queued with its file for the worker; the batch id. */
  async queue(kind: ImportKind, user: AuthUser, file: UploadedLedger, overrides: ColumnOverrides): Promise<string> {
    return new ImportBatchStore(this.dataSource.manager).createBatch(
      newBatch(kind, user, file, overrides, editableChains(user), true, this.clock.now()),
    );
  }

  /** The worker's part: reads a queued batch, with progress in processed_rows. Idempotent. */
  async runQueued(batchId: string): Promise<void> {
    const store = new ImportBatchStore(this.dataSource.manager);
    const queued = await store.queued(batchId);
    if (!queued) return;
    let planned: PlannedSheet;
    try {
      planned = await this.plan(queued.kind, queued.file, queued.overrides, queued.editableChainIds);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const body = error.getResponse() as { message?: unknown; headers?: unknown } | string;
      const headers = typeof body === 'object' && Array.isArray(body.headers) ? (body.headers as string[]) : [];
      await store.fail(batchId, typeof body === 'object' ? String(body.message) : String(body), headers);
      return;
    }
    await store.setTotal(batchId, planned.meta, planned.rows.length);
    // Not one transaction: each chunk's progress must be visible to GET while the rest is written.
    // Commit waits for status previewed, which the last statement sets.
    await store.fill(batchId, planned.rows, 1000);
  }

  private async plan(
    kind: ImportKind,
    bytes: Buffer,
    overrides: ColumnOverrides,
    editableChainIds: number[] | null,
  ): Promise<PlannedSheet> {
    if (kind === 'enterprises') {
      const map = (headers: string[]) =>
        mapLedgerHeaders(headers, ENTERPRISE_LEDGER_COLUMNS, overrides as Record<string, EnterpriseLedgerField | null>);
      const sheet = await readLedgerSheet(bytes, looksLikeHeader(ENTERPRISE_LEDGER_COLUMNS, map));
      const mapping = checkedMapping(map(sheet.headers), ENTERPRISE_LEDGER_COLUMNS, sheet.headers);
      const rows = planEnterpriseRows(mapping, rowsWithData(mapping, sheet.rows), await this.library());
      return { meta: sheetMeta(sheet, mapping), rows };
    }
    const map = (headers: string[]) =>
      mapLedgerHeaders(headers, PROJECT_LEDGER_COLUMNS, overrides as Record<string, ProjectLedgerField | null>);
    const sheet = await readLedgerSheet(bytes, looksLikeHeader(PROJECT_LEDGER_COLUMNS, map));
    const mapping = checkedMapping(map(sheet.headers), PROJECT_LEDGER_COLUMNS, sheet.headers);
    const chains = await this.dataSource.query(`SELECT id, code, name_zh AS "nameZh" FROM chain`);
    const units = new Map<string, number>();
    const unitRows: { name: string; id: number }[] = await this.dataSource.query(
      `SELECT name, id FROM unit UNION ALL SELECT alias, unit_id FROM unit_alias`,
    );
    for (const u of unitRows) units.set(u.name.replace(/\s+/g, ''), u.id);
    // Who serves each chain today, as the project writer will judge the commit.
    const today = shanghaiToday(this.clock.now());
    const servingUnits = new Map<number, Set<number>>();
    const serving: { chain_id: number; unit_id: number }[] = await this.dataSource.query(
      `SELECT chain_id, unit_id FROM chain_units_on($1::date)`,
      [today],
    );
    for (const s of serving) servingUnits.set(s.chain_id, (servingUnits.get(s.chain_id) ?? new Set()).add(s.unit_id));
    const owners: OwnerCandidate[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name AS "displayName",
              ARRAY(SELECT a.chain_id::integer FROM chain_access(u.id, $1::date) a WHERE a.editable) AS "chainIds"
       FROM app_user u WHERE u.active AND 'staff' = ANY (u.roles)`,
      [today],
    );
    const rows = planProjectRows(mapping, rowsWithData(mapping, sheet.rows), {
      chains,
      units,
      library: await this.library(),
      existing: await loadExistingProjects(this.dataSource.manager),
      editableChainIds,
      today,
      servingUnits,
      owners,
      events: new Map(
        ((await this.dataSource.query(`SELECT id, normalised_name FROM promotion_event`)) as { id: string; normalised_name: string }[]).map(
          (e) => [e.normalised_name, e.id],
        ),
      ),
    });
    // Each row's 联系人 against its firm's contacts, as the contacts' writer will judge it on commit.
    planRowContacts(rows, await this.contacts.ledgerCandidates(contactFirmIds(rows)));
    const meta = sheetMeta(sheet, mapping);
    const ownerless = ownerlessNotice(rows, chains);
    if (ownerless) meta.notices.push(ownerless);
    return { meta, rows };
  }

  private async library(): Promise<LibraryFirm[]> {
    const rows: LibraryFirm[] = await this.dataSource.query(
      `SELECT id, name, normalised_name AS "normalisedName", credit_code AS "creditCode", ownership, tags, region FROM enterprise`,
    );
    return rows.map((f) => ({ ...f, creditCode: f.creditCode?.trim() ?? null }));
  }
}

/**
 * New projects whose row names no 项目负责人: on commit they take the default owner the office
 * chooses for their chain, or whoever commits when they serve it. Said up front, by chain.
 */
function ownerlessNotice(rows: PlannedRow<unknown>[], chains: { id: number; nameZh: string }[]): { zh: string; en: string } | null {
  const byChain = new Map<number, number[]>();
  for (const row of rows) {
    const data = row.data as { chainId?: number; ownerId?: string };
    if (row.action !== 'create' || data.ownerId || data.chainId === undefined) continue;
    byChain.set(data.chainId, [...(byChain.get(data.chainId) ?? []), row.number]);
  }
  if (!byChain.size) return null;
  const list = [...byChain]
    .map(([id, numbers]) => `${chains.find((c) => c.id === id)?.nameZh ?? id}（第${numbers.slice(0, 10).join('、')}行${numbers.length > 10 ? `等${numbers.length}行` : ''}）`)
    .join('；');
  return {
    zh: `以下新项目未填写项目负责人：${list}。确认导入时请为其产业链选择默认负责人（该链责任单位的专班人员）；不选时由确认导入的人负责，须为该链的专班人员`,
    en: `${[...byChain.values()].flat().length} new project(s) name no owner: choose a default owner for their chain (staff of a unit serving it) when committing, or the person committing owns them (who must be such staff)`,
  };
}

/** Staff import for the chains their unit serves; the office and admins for every chain. */
const editableChains = (user: AuthUser) => (hasRole(user, 'office', 'admin') ? null : user.editableChainIds);

function newBatch(
  kind: ImportKind,
  user: AuthUser,
  file: UploadedLedger,
  overrides: ColumnOverrides,
  editable: number[] | null,
  keepFile: boolean,
  createdAt: Date,
) {
  return {
    createdAt,
    kind,
    fileName: file.originalname,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    size: file.size,
    file: keepFile ? file.buffer : undefined,
    overrides,
    editableChainIds: editable,
    createdBy: user.id,
  };
}

function sheetMeta(sheet: ReadSheet, mapping: HeaderMapping<string>): SheetMeta {
  const formulas = sheet.formulaCells;
  return {
    sheetName: sheet.sheetName,
    headerRow: sheet.headerRow,
    columns: mapping.columns.map((c) => ({ column: columnLetter(c.index + 1), header: c.header, field: c.field, unit: c.unit })),
    notices: formulas.length
      ? [
          {
            zh: `单元格 ${formulas.slice(0, 10).join('、')}${formulas.length > 10 ? ` 等${formulas.length}处` : ''} 是公式，已按文件中保存的计算结果导入`,
            en: `${formulas.length} formula cell(s) (${formulas.slice(0, 10).join(', ')}) were read by their saved result`,
          },
        ]
      : [],
  };
}

/**
 * Refuses a sheet whose headers leave a required column unmapped or map one twice; the answer
 * carries the sheet's header row (`headers`) for the mapping step.
 */
function checkedMapping<F extends string>(
  mapping: HeaderMapping<F>,
  columns: readonly { field: F; header: string }[],
  headers: string[],
): HeaderMapping<F> {
  const label = (f: F) => columns.find((c) => c.field === f)?.header ?? f;
  const problems: string[] = [];
  if (mapping.missing.length) problems.push(`缺少必填列：${mapping.missing.map(label).join('、')}`);
  if (mapping.duplicates.length) problems.push(`多列对应同一字段：${mapping.duplicates.map(label).join('、')}`);
  if (problems.length) {
    const zh = `${problems.join('；')}。请修改表头，或在列映射中指定`;
    throw new BadRequestException({
      statusCode: 400,
      message: `${zh} / Required columns are missing or mapped twice; fix the headers or map the columns`,
      code: 'columns',
      missing: mapping.missing,
      duplicates: mapping.duplicates,
      unknown: mapping.unknown,
      headers,
      errors: { file: [zh] },
    });
  }
  return mapping;
}
