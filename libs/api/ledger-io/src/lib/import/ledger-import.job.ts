import { JobHost, QueueName } from '@crm/api/core';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { LedgerPreviewService } from './ledger-preview.service';

export const LEDGER_IMPORT_JOB = 'ledger-import-preview';

/** Data of a ledger import job: the queued batch to read. */
export interface LedgerImportJobData {
  batchId: string;
}

/**
 * Reads a large uploaded ledger and stores its preview, with progress in the batch. Only a batch
 * still queued is read, and its rows replace any of an interrupted run, so running twice is
 * harmless; the job id is the batch id, so it is enqueued once.
 */
@Processor(QueueName.LedgerImport)
export class LedgerImportJob extends JobHost {
  constructor(private readonly previews: LedgerPreviewService) {
    super();
  }

  async process(job: Job<LedgerImportJobData>): Promise<void> {
    await this.previews.runQueued(job.data.batchId);
  }
}
