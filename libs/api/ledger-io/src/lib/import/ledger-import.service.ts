import { AuditService } from '@crm/api/audit';
import { type AuthUser, hasRole, QueueName, quietQueueErrors } from '@crm/api/core';
import { normaliseEnterpriseName } from '@crm/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseRowData } from './enterprise-import.planner';
import { ImportBatchStore, type ImportBatchView, type ImportKind, type ImportRowView } from './import-batch.store';
import { LEDGER_IMPORT_JOB, type LedgerImportJobData } from './ledger-import.job';
import { LEDGER_SYNC_MAX_BYTES, LedgerPreviewService, type ColumnOverrides, type UploadedLedger } from './ledger-preview.service';
import { writeProjectRows } from './project-import.writer';
import { checkXlsxBytes, refuseFile } from './xlsx-file-check';

export interface ImportPreview {
  batch: ImportBatchView;
  rows: ImportRowView[];
}

const changedMessage = {
  zh: '预览之后企业库已有变化，请重新上传预览后再确认导入',
  en: 'The library changed after the preview; upload the file again and confirm the new preview',
};

/**
 * 台账导入: upload → preview (stored, nothing else written) → commit (all valid rows in one
 * transaction, each with its audit entry). Enterprises follow the library's duplicate rules;
 * projects follow the pipeline's stage gates.
 */
@Injectable()
export class LedgerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly previews: LedgerPreviewService,
    @InjectQueue(QueueName.LedgerImport) private readonly queue: Queue,
  ) {
    // Without Redis the API keeps serving; large uploads wait, and the log says so once a minute.
    quietQueueErrors(queue, QueueName.LedgerImport);
  }

  /**
   * Upload: a small file is previewed at once; a large one is queued for the worker and answered
   * straight away (status queued, progress in processedRows).
   */
  async upload(kind: ImportKind, user: AuthUser, file: UploadedLedger, overrides: ColumnOverrides): Promise<ImportPreview> {
    if (file.size <= LEDGER_SYNC_MAX_BYTES) {
      return this.find(user, await this.previews.previewNow(kind, user, file, overrides), { limit: 500 });
    }
    const problem = checkXlsxBytes(file.buffer);
    if (problem) refuseFile(problem);
    const id = await this.previews.queue(kind, user, file, overrides);
    await this.queue.add(LEDGER_IMPORT_JOB, { batchId: id } satisfies LedgerImportJobData, {
      jobId: id,
      removeOnComplete: 1000,
      removeOnFail: 1000,
    });
    return this.find(user, id, { limit: 0 });
  }

  async find(user: AuthUser, id: string, options: { onlyErrors?: boolean; offset?: number; limit?: number }): Promise<ImportPreview> {
    const store = new ImportBatchStore(this.dataSource.manager);
    const batch = await store.find(id);
    this.checkOwner(user, batch);
    return { batch, rows: await store.rows(id, options) };
  }

  /** Writes every valid row in one transaction; error rows are left out, skips change nothing. */
  async commit(user: AuthUser, id: string): Promise<ImportBatchView> {
    return this.dataSource.transaction(async (tx) => {
      const store = new ImportBatchStore(tx);
      const batch = await store.find(id, true);
      this.checkOwner(user, batch);
      if (batch.status !== 'previewed') {
        const message =
          batch.status === 'committed'
            ? '这次导入已经确认过了 / This import was already committed'
            : '这次导入还没有可确认的预览 / This import has no preview to commit';
        throw new ConflictException({ statusCode: 409, message, current: batch });
      }
      const rows = await store.rows(id);
      if (batch.kind === 'enterprises') await this.commitEnterprises(tx, store, user, id, rows);
      else await writeProjectRows(tx, store, this.audit, user, id, rows);
      await store.markCommitted(id, user.id);
      return store.find(id);
    });
  }

  private async commitEnterprises(tx: EntityManager, store: ImportBatchStore, user: AuthUser, batchId: string, rows: ImportRowView[]) {
    for (const row of rows) {
      const data = row.data as EnterpriseRowData;
      if (row.action === 'create') {
        const name = data.name as string;
        const inserted = await tx.query(
          `INSERT INTO enterprise (name, normalised_name, credit_code, ownership, tags, region)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
           RETURNING id, name, credit_code AS "creditCode", ownership, tags, region, created_at AS "createdAt", updated_at AS "updatedAt"`,
          [name, normaliseEnterpriseName(name), data.creditCode ?? null, data.ownership ?? null, data.tags ?? [], data.region ?? null],
        );
        if (!inserted.length) throw new ConflictException({ statusCode: 409, message: `第${row.row}行：${changedMessage.zh} / Row ${row.row}: ${changedMessage.en}` });
        await store.setTarget(batchId, row.row, inserted[0].id);
        await this.audit.record(tx, user, { action: 'create', entityType: 'enterprise', entityId: inserted[0].id, after: inserted[0] });
      } else if (row.action === 'update' && row.changes && row.targetId) {
        const [current] = await tx.query(
          `SELECT name, credit_code AS "creditCode", ownership, tags, region FROM enterprise WHERE id = $1 FOR UPDATE`,
          [row.targetId],
        );
        const stale = !current || Object.entries(row.changes.before).some(([k, v]) => JSON.stringify(current[k]?.trim?.() ?? current[k]) !== JSON.stringify(v));
        if (stale) throw new ConflictException({ statusCode: 409, message: `第${row.row}行：${changedMessage.zh} / Row ${row.row}: ${changedMessage.en}` });
        const next = { ...current, ...row.changes.after };
        try {
          await tx.query(
            `UPDATE enterprise SET name = $2, normalised_name = $3, credit_code = $4, ownership = $5, tags = $6, region = $7,
               version = version + 1, updated_at = now() WHERE id = $1`,
            [row.targetId, next.name, normaliseEnterpriseName(next.name), next.creditCode, next.ownership, next.tags, next.region],
          );
        } catch {
          throw new ConflictException({ statusCode: 409, message: `第${row.row}行：${changedMessage.zh} / Row ${row.row}: ${changedMessage.en}` });
        }
        await this.audit.record(tx, user, { action: 'update', entityType: 'enterprise', entityId: row.targetId, ...row.changes });
      }
    }
  }

  /** An import is seen by whoever uploaded it, and by the office and admins; others get 404. */
  private checkOwner(user: AuthUser, batch: ImportBatchView): void {
    if (batch.createdBy !== user.id && !hasRole(user, 'office', 'admin')) {
      throw new NotFoundException({ statusCode: 404, message: '没有这次导入 / No such import' });
    }
  }
}
