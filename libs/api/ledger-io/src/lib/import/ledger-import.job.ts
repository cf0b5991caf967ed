import { JobHandler, QueueName, type JobRunner } from '@crm/api/core';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { LedgerPreviewService } from './ledger-preview.service';

export const LEDGER_IMPORT_JOB = 'ledger-import-preview';

/** Data of a ledger import job: the queued batch to read. */
export interface LedgerImportJobData {
  batchId: string;
}

/**
 * `ledger-import-preview` (queue ledger-import): reads a large uploaded ledger and stores its
 * preview, with progress in the batch. Only a batch still queued is read, and its rows replace any
 * of an interrupted run, so running twice is harmless; the job id is the batch id, so it is
 * enqueued once. Committing a large batch is LedgerCommitJob's.
 */
@JobHandler(QueueName.LedgerImport, LEDGER_IMPORT_JOB)
@Injectable()
export class LedgerImportJob implements JobRunner<LedgerImportJobData> {
  constructor(private readonly previews: LedgerPreviewService) {}

  async run(job: Job<LedgerImportJobData>): Promise<void> {
    await this.previews.runQueued(job.data.batchId);
  }
}
