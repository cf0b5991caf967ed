import { QueueName } from '@crm/api/core';
import { LEDGER_IMPORT_JOB, type LedgerImportJobData } from '@crm/api/ledger-io';
import {
  ROLL_UP_EXPORT_ATTEMPTS,
  ROLL_UP_EXPORT_BACKOFF_MS,
  ROLL_UP_EXPORT_JOB,
  type RollUpExportJobData,
} from '@crm/api/reporting';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';

/**
 * The outbox: a request that asks for a job records it in PostgreSQL in its own transaction (a
 * roll_up_export row in state 'queued', an import_batch 'queued' with its file) and then tries
 * Redis for at most a second. What Redis did not take is enqueued here, with the same job id the
 * API uses (so a job already in Redis is not added twice), when the worker starts, when Redis is
 * back and every few minutes (JobSchedules).
 */
@Injectable()
export class JobOutbox {
  private readonly logger = new Logger(JobOutbox.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Reporting) private readonly reporting: Queue<RollUpExportJobData>,
    @InjectQueue(QueueName.LedgerImport) private readonly ledgerImport: Queue<LedgerImportJobData>,
  ) {}

  /** Enqueues every export and large upload still waiting; returns how many of each. */
  async enqueuePending(): Promise<{ exports: number; imports: number }> {
    const exports: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM roll_up_export WHERE state = 'queued' ORDER BY created_at LIMIT 1000`,
    );
    for (const { id } of exports) {
      await this.reporting.add(
        ROLL_UP_EXPORT_JOB as never,
        { exportId: id } as never,
        {
          jobId: `export-${id}`,
          attempts: ROLL_UP_EXPORT_ATTEMPTS,
          backoff: { type: 'exponential', delay: ROLL_UP_EXPORT_BACKOFF_MS },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      );
    }
    const imports: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM import_batch WHERE status = 'queued' AND file_content IS NOT NULL ORDER BY created_at LIMIT 1000`,
    );
    for (const { id } of imports) {
      await this.ledgerImport.add(LEDGER_IMPORT_JOB as never, { batchId: id } as never, {
        jobId: id,
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    }
    if (exports.length || imports.length) {
      this.logger.log(`outbox: ${exports.length} export(s) and ${imports.length} import(s) handed to Redis`);
    }
    return { exports: exports.length, imports: imports.length };
  }
}
