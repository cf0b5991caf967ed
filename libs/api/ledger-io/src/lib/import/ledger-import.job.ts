import { JobHost, QueueName } from '@crm/api/core';
import { Processor } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { LedgerCommitService } from './ledger-commit.service';
import { LedgerPreviewService } from './ledger-preview.service';

export const LEDGER_IMPORT_JOB = 'ledger-import-preview';
export const LEDGER_COMMIT_JOB = 'ledger-import-commit';

/** Data of a ledger import job: the queued batch to read. */
export interface LedgerImportJobData {
  batchId: string;
}

/** Data of a ledger commit job: the batch the API handed over, and who confirmed it. */
export interface LedgerCommitJobData {
  batchId: string;
  userId: string;
}

/**
 * The ledger import's two background jobs (queue ledger-import):
 * - `ledger-import-preview` reads a large uploaded ledger and stores its preview, with progress in
 *   the batch. Only a batch still queued is read, and its rows replace any of an interrupted run,
 *   so running twice is harmless; the job id is the batch id, so it is enqueued once.
 * - `ledger-import-commit` writes a large previewed batch in one transaction, progress in the
 *   job (the transaction's own writes are invisible until it ends). Only a batch the API claimed
 *   for it is written; a failure rolls everything back and hands the batch back with the reason.
 */
@Processor(QueueName.LedgerImport)
export class LedgerImportJob extends JobHost {
  constructor(
    private readonly previews: LedgerPreviewService,
    private readonly commits: LedgerCommitService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<LedgerImportJobData | LedgerCommitJobData>): Promise<void> {
    if (job.name === LEDGER_COMMIT_JOB) return this.commit(job as Job<LedgerCommitJobData>);
    await this.previews.runQueued(job.data.batchId);
  }

  private async commit(job: Job<LedgerCommitJobData>): Promise<void> {
    const { batchId, userId } = job.data;
    const [user] = await this.dataSource.query(`SELECT id, username FROM app_user WHERE id = $1`, [userId]);
    const [batch] = await this.dataSource.query(
      `SELECT 1 FROM import_batch WHERE id = $1 AND status = 'previewed' AND committed_by = $2`,
      [batchId, userId],
    );
    if (!user || !batch) return; // committed already (a re-run after a crash), or no longer claimed
    try {
      await this.commits.commit(user, batchId, {
        queued: true,
        progress: (processed, total) => job.updateProgress({ processed, total }),
      });
    } catch (error) {
      await this.commits.releaseClaim(batchId, error);
      this.jobLogger.warn(`ledger commit ${batchId} failed: ${(error as Error).message}`);
    }
  }
}
