import {
  addJobWithin,
  type AuthUser,
  CLOCK,
  type Clock,
  checkXlsxBytes,
  hasRole,
  QueueName,
  queueUnavailable,
  QueueUnavailableError,
  quietQueueErrors,
  refuseFile,
  withinQueue,
} from '@crm/api/core';
import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ImportBatchStore, type ImportBatchView, type ImportKind } from './import-batch.store';
import { LEDGER_SYNC_COMMIT_MAX_ROWS, LedgerCommitService } from './ledger-commit.service';
import { LEDGER_COMMIT_JOB, type LedgerCommitJobData } from './ledger-commit.job';
import { LEDGER_IMPORT_JOB, type LedgerImportJobData } from './ledger-import.job';
import { ownersOfNewProjects } from './project-import.writer';
import { LEDGER_SYNC_MAX_BYTES, LedgerPreviewService, type ColumnOverrides, type UploadedLedger } from './ledger-preview.service';

import { CHAIN_CODES, shanghaiToday, type ImportPreview } from '@crm/domain';

export type { ImportPreview };

/**
 * 台账导入: upload → preview (stored, nothing else written) → commit (all valid rows in one
 * transaction, each with its audit entry). Enterprises follow the library's duplicate rules;
 * projects follow the pipeline's stage gates.
 */
@Injectable()
export class LedgerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commits: LedgerCommitService,
    private readonly previews: LedgerPreviewService,
    @InjectQueue(QueueName.LedgerImport) private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
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
    // The batch, stored 'queued' with its file, is the outbox: without Redis the upload still
    // answers at once (202), and the worker enqueues every batch still queued when Redis is back.
    try {
      await addJobWithin<LedgerImportJobData>(this.queue, LEDGER_IMPORT_JOB, { batchId: id }, {
        jobId: id,
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    } catch (error) {
      new Logger(LedgerImportService.name).warn(`import ${id} waits for Redis: ${(error as Error).message}`);
    }
    return this.find(user, id, { limit: 0 });
  }

  async find(user: AuthUser, id: string, options: { onlyErrors?: boolean; offset?: number; limit?: number }): Promise<ImportPreview> {
    const store = new ImportBatchStore(this.dataSource.manager);
    const batch = await store.find(id);
    this.checkOwner(user, batch);
    if (batch.committing) batch.commitProgress = await this.commitProgress(id, batch);
    if (batch.kind === 'projects' && batch.status === 'previewed' && !batch.committing) {
      // Whose owner the commit will need chosen, shown with the preview rather than after a refusal.
      const chosen = await store.defaultOwners(id);
      const chains: { id: number; code: string }[] = await this.dataSource.query(`SELECT id, code FROM chain`);
      const defaults = new Map(
        chains.filter((c) => chosen[c.code]).map((c) => [c.id, chosen[c.code]] as [number, string]),
      );
      batch.ownerless = (
        await ownersOfNewProjects(this.dataSource.manager, user.id, await store.newProjectRows(id), defaults, shanghaiToday(this.clock.now()))
      ).ownerless;
    }
    return { batch, rows: await store.rows(id, options) };
  }

  /**
   * Writes every valid row in one transaction; error rows are left out, skips change nothing. A
   * batch with more than LEDGER_SYNC_COMMIT_MAX_ROWS rows to write is handed to the worker (the
   * answer says `committing`; poll GET :id for commitProgress and the final status).
   */
  async commit(user: AuthUser, id: string, defaultOwners?: Record<string, string>): Promise<ImportBatchView> {
    const store = new ImportBatchStore(this.dataSource.manager);
    const batch = await store.find(id);
    this.checkOwner(user, batch);
    if (defaultOwners !== undefined) await store.setDefaultOwners(id, checkedDefaultOwners(defaultOwners));
    if (batch.status !== 'previewed' || batch.counts.create + batch.counts.update <= LEDGER_SYNC_COMMIT_MAX_ROWS) {
      return this.commits.commit(user, id);
    }
    if (!(await store.claimCommit(id, user.id))) {
      const current = await store.find(id);
      if (current.status !== 'previewed') return this.commits.commit(user, id); // answers the 409 of a committed batch
      throw new ConflictException({
        statusCode: 409,
        message: '这次导入正在后台确认，请稍候查看结果 / This import is being committed in the background; check back shortly',
        current,
      });
    }
    try {
      // A batch whose earlier background commit failed (and released its claim) is committed again:
      // the finished job of that attempt is removed first, or the queue would take the same job id
      // for done and never run the new one.
      // Each step answers within a second or fails (Redis down or frozen): 503 with Retry-After.
      const earlier = await withinQueue(this.queue, () => this.queue.getJob(`commit-${id}`));
      if (earlier && (await withinQueue(this.queue, async () => (await earlier.isCompleted()) || (await earlier.isFailed())))) {
        await withinQueue(this.queue, () => earlier.remove());
      }
      await addJobWithin<LedgerCommitJobData>(this.queue, LEDGER_COMMIT_JOB, { batchId: id, userId: user.id }, {
        jobId: `commit-${id}`,
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    } catch (error) {
      await store.releaseCommit(id, '后台任务暂不可用，请稍后重试 / The job queue is unavailable; try again later');
      if (error instanceof QueueUnavailableError) throw queueUnavailable();
      throw error;
    }
    return { ...(await store.find(id)), commitProgress: { processed: 0, total: batch.counts.create + batch.counts.update } };
  }

  /** The worker's progress on a background commit (from the job; 0 until it starts or without Redis). */
  private async commitProgress(id: string, batch: ImportBatchView): Promise<ImportBatchView['commitProgress']> {
    const total = batch.counts.create + batch.counts.update;
    try {
      const job = await withinQueue(this.queue, () => this.queue.getJob(`commit-${id}`));
      const progress = job?.progress as { processed?: unknown } | undefined;
      const processed = typeof progress?.processed === 'number' ? progress.processed : 0;
      return { processed: Math.min(processed, total), total };
    } catch {
      return { processed: 0, total };
    }
  }

  /** An import is seen by whoever uploaded it, and by the office and admins; others get 404. */
  private checkOwner(user: AuthUser, batch: ImportBatchView): void {
    if (batch.createdBy !== user.id && !hasRole(user, 'office', 'admin')) {
      throw new NotFoundException({ statusCode: 404, message: '没有这次导入 / No such import' });
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Chain code → user id, each a known chain and a well-formed id (400 naming the entry otherwise). */
function checkedDefaultOwners(owners: Record<string, string>): Record<string, string> {
  const problems: string[] = [];
  for (const [chain, userId] of Object.entries(owners)) {
    if (!(CHAIN_CODES as readonly string[]).includes(chain)) problems.push(`没有产业链“${chain}”`);
    else if (typeof userId !== 'string' || !UUID.test(userId)) problems.push(`产业链“${chain}”的默认负责人编号格式不正确`);
  }
  if (problems.length) {
    throw new BadRequestException({
      statusCode: 400,
      message: '提交的内容有误，请按提示修改 / The input is invalid, see the field messages',
      errors: { defaultOwners: problems },
    });
  }
  return owners;
}
