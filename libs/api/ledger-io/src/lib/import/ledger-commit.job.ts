import { JobHandler, QueueName, type JobRunner } from '@crm/api/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { LedgerCommitService } from './ledger-commit.service';

export const LEDGER_COMMIT_JOB = 'ledger-import-commit';

/** Data of a ledger commit job: the batch the API handed over, and who confirmed it. */
export interface LedgerCommitJobData {
  batchId: string;
  userId: string;
}

/**
 * `ledger-import-commit` (queue ledger-import): writes a large previewed batch in one transaction,
 * progress in the job (the transaction's own writes are invisible until it ends). Only a batch the
 * API claimed for it is written, so a re-run after a crash writes nothing twice; a failure rolls
 * everything back and hands the batch back with the reason.
 */
@JobHandler(QueueName.LedgerImport, LEDGER_COMMIT_JOB)
@Injectable()
export class LedgerCommitJob implements JobRunner<LedgerCommitJobData> {
  private readonly logger = new Logger(LedgerCommitJob.name);

  constructor(
    private readonly commits: LedgerCommitService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(job: Job<LedgerCommitJobData>): Promise<void> {
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
      this.logger.warn(`ledger commit ${batchId} failed: ${(error as Error).message}`);
    }
  }
}
