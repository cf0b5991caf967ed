import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ImportBatchView, ImportKind, ImportRowView, ImportStatus } from '@crm/domain';
import type { PlannedRow, RowError } from './import-row';

/** 1 → A, 27 → AA (as sheet-reader's columnLetter; kept here so the store needs no exceljs). */
function columnLetterOf(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export type { ImportBatchView, ImportKind, ImportRowView, ImportStatus } from '@crm/domain';

interface BatchRow {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  file_name: string;
  sheet_name: string | null;
  header_row: number | null;
  columns: ImportBatchView['columns'];
  notices: ImportBatchView['notices'];
  failure: string | null;
  total_rows: number;
  processed_rows: number;
  create_count: number;
  update_count: number;
  skip_count: number;
  error_count: number;
  created_by: string;
  created_at: Date;
  committed_by: string | null;
  committed_at: Date | null;
}

const toView = (b: BatchRow): ImportBatchView => ({
  id: b.id,
  kind: b.kind,
  status: b.status,
  fileName: b.file_name,
  sheetName: b.sheet_name,
  headerRow: b.header_row,
  columns: b.columns,
  notices: b.notices,
  failure: b.failure,
  committing: b.status === 'previewed' && b.committed_by !== null,
  commitProgress: null,
  totalRows: b.total_rows,
  processedRows: b.processed_rows,
  counts: { create: b.create_count, update: b.update_count, skip: b.skip_count, error: b.error_count },
  createdBy: b.created_by,
  createdAt: b.created_at.toISOString(),
  committedAt: b.committed_at ? b.committed_at.toISOString() : null,
});

export interface NewBatch {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  size: number;
  /** Kept only for the worker; a batch previewed at once does not store its file. */
  file?: Buffer;
  overrides: Record<string, string | null>;
  editableChainIds: number[] | null;
  createdBy: string;
  /** The clock's now. */
  createdAt: Date;
}

export interface SheetMeta {
  sheetName: string;
  headerRow: number;
  columns: ImportBatchView['columns'];
  notices: ImportBatchView['notices'];
}

export interface QueuedBatch {
  kind: ImportKind;
  file: Buffer;
  overrides: Record<string, string | null>;
  editableChainIds: number[] | null;
}

/** import_batch and import_row: one method per thing done to them. */
export class ImportBatchStore {
  constructor(private readonly manager: EntityManager) {}

  /** A batch before its rows: queued for the worker (with the file) or about to be filled. */
  async createBatch(batch: NewBatch): Promise<string> {
    const [{ id }] = await this.manager.query(
      `INSERT INTO import_batch (kind, status, file_name, file_sha256, file_size, file_content, column_overrides,
         editable_chain_ids, created_by, created_at)
       VALUES ($1, 'queued', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        batch.kind,
        batch.fileName.slice(0, 255),
        batch.sha256,
        batch.size,
        batch.file ?? null,
        JSON.stringify(batch.overrides),
        batch.editableChainIds,
        batch.createdBy,
        batch.createdAt,
      ],
    );
    return id;
  }

  /** What the worker needs to read a queued batch; null when it is not queued (already done). */
  async queued(id: string): Promise<QueuedBatch | null> {
    const [row] = await this.manager.query(
      `SELECT kind, file_content AS file, column_overrides AS overrides, editable_chain_ids AS "editableChainIds"
       FROM import_batch WHERE id = $1 AND status = 'queued' AND file_content IS NOT NULL`,
      [id],
    );
    return row ?? null;
  }

  async setTotal(id: string, sheet: SheetMeta, total: number): Promise<void> {
    await this.manager.query(
      `UPDATE import_batch SET sheet_name = $2, header_row = $3, columns = $4, notices = $5, total_rows = $6, processed_rows = 0
       WHERE id = $1`,
      [id, sheet.sheetName.slice(0, 100), sheet.headerRow, JSON.stringify(sheet.columns), JSON.stringify(sheet.notices), total],
    );
  }

  /**
   * Stores the planned rows in chunks, moving processed_rows after each, then marks the batch
   * previewed and drops the file. Rows of an earlier, interrupted run are replaced.
   */
  async fill(id: string, rows: PlannedRow<unknown>[], chunkSize = 2000): Promise<void> {
    await this.manager.query(`DELETE FROM import_row WHERE batch_id = $1`, [id]);
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize).map((r) => ({
        row_number: r.number,
        action: r.action,
        target_id: r.targetId,
        data: r.data,
        changes: r.changes,
        errors: r.errors,
      }));
      await this.manager.query(
        `INSERT INTO import_row (batch_id, row_number, action, target_id, data, changes, errors)
         SELECT $1, x.row_number, x.action::import_action, x.target_id, x.data, x.changes, x.errors
         FROM jsonb_to_recordset($2::jsonb) AS x(row_number integer, action text, target_id uuid, data jsonb, changes jsonb, errors jsonb)`,
        [id, JSON.stringify(chunk)],
      );
      await this.manager.query(`UPDATE import_batch SET processed_rows = $2 WHERE id = $1`, [id, i + chunk.length]);
    }
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    await this.manager.query(
      `UPDATE import_batch SET status = 'previewed', file_content = NULL, total_rows = $2, processed_rows = $2,
         create_count = $3, update_count = $4, skip_count = $5, error_count = $6 WHERE id = $1`,
      [id, rows.length, count('create'), count('update'), count('skip'), count('error')],
    );
  }

  /** The worker could not read the file; `headers`: the sheet's header row, for a column mapping. */
  async fail(id: string, message: string, headers: string[] = []): Promise<void> {
    const columns = headers.map((header, i) => ({ column: columnLetterOf(i + 1), header, field: null, unit: null }));
    await this.manager.query(
      `UPDATE import_batch SET status = 'failed', file_content = NULL, failure = $2, columns = $3 WHERE id = $1`,
      [id, message, JSON.stringify(columns)],
    );
  }

  /** Hands a previewed batch to the worker's commit; false when it is not previewed or already handed over. */
  async claimCommit(id: string, userId: string): Promise<boolean> {
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const claimed = await this.manager.query(
      `WITH claimed AS (
         UPDATE import_batch SET committed_by = $2, failure = NULL
         WHERE id = $1 AND status = 'previewed' AND committed_by IS NULL RETURNING id
       ) SELECT id FROM claimed`,
      [id, userId],
    );
    return claimed.length > 0;
  }

  /** A background commit failed (and wrote nothing): the batch may be committed again. */
  async releaseCommit(id: string, message: string): Promise<void> {
    await this.manager.query(
      `UPDATE import_batch SET committed_by = NULL, failure = $2 WHERE id = $1 AND status = 'previewed'`,
      [id, message],
    );
  }

  async find(id: string, lock = false): Promise<ImportBatchView> {
    const [row]: BatchRow[] = await this.manager.query(
      `SELECT * FROM import_batch WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundException({ statusCode: 404, message: '没有这次导入 / No such import' });
    return toView(row);
  }

  async rows(id: string, options: { onlyErrors?: boolean; offset?: number; limit?: number } = {}): Promise<ImportRowView[]> {
    const rows: { row_number: number; action: ImportRowView['action']; target_id: string | null; data: Record<string, unknown>; changes: ImportRowView['changes']; errors: RowError[] }[] =
      await this.manager.query(
        `SELECT row_number, action, target_id, data, changes, errors FROM import_row
         WHERE batch_id = $1 ${options.onlyErrors ? `AND action = 'error'` : ''}
         ORDER BY row_number OFFSET $2 LIMIT $3`,
        [id, options.offset ?? 0, options.limit ?? 1_000_000],
      );
    return rows.map((r) => ({ row: r.row_number, action: r.action, targetId: r.target_id, data: r.data, changes: r.changes, errors: r.errors }));
  }

  /** The records the commit created, by row: one statement per few thousand rows, not one per row. */
  async setTargets(id: string, targets: { row: number; targetId: string }[]): Promise<void> {
    for (let i = 0; i < targets.length; i += 5000) {
      await this.manager.query(
        `UPDATE import_row r SET target_id = x.target_id
         FROM jsonb_to_recordset($2::jsonb) AS x(row_number integer, target_id uuid)
         WHERE r.batch_id = $1 AND r.row_number = x.row_number`,
        [id, JSON.stringify(targets.slice(i, i + 5000).map((t) => ({ row_number: t.row, target_id: t.targetId })))],
      );
    }
  }

  async markCommitted(id: string, userId: string, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE import_batch SET status = 'committed', committed_by = $2, committed_at = $3 WHERE id = $1`,
      [id, userId, at],
    );
  }

  /** The default owner of new projects per chain code, as chosen when committing (kept for the worker). */
  async setDefaultOwners(id: string, owners: Record<string, string> | null): Promise<void> {
    await this.manager.query(`UPDATE import_batch SET default_owners = $2 WHERE id = $1 AND status = 'previewed'`, [
      id,
      owners ? JSON.stringify(owners) : null,
    ]);
  }

  async defaultOwners(id: string): Promise<Record<string, string>> {
    const [row] = await this.manager.query(`SELECT default_owners AS owners FROM import_batch WHERE id = $1`, [id]);
    return row?.owners ?? {};
  }

  /** The rows a commit would create: their chain and the owner their row names, if any. */
  async newProjectRows(id: string): Promise<{ row: number; chainId: number; ownerId: string | null }[]> {
    return this.manager.query(
      `SELECT row_number AS row, (data ->> 'chainId')::integer AS "chainId", data ->> 'ownerId' AS "ownerId"
       FROM import_row WHERE batch_id = $1 AND action = 'create' ORDER BY row_number`,
      [id],
    );
  }
}
