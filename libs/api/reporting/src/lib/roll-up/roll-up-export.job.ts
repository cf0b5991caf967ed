import { JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RollUpExportRunner } from './roll-up-export.runner';

export const ROLL_UP_EXPORT_JOB = 'roll-up-export';

/** Data of a roll-up export job: the row of roll_up_export to build. */
export interface RollUpExportJobData {
  exportId: string;
}

/**
 * RollUpExportJob: builds one Word or Excel file of the roll-up, retried with backoff. Idempotent:
 * an export already built (or failed for good) is left alone.
 */
@JobHandler(QueueName.Reporting, ROLL_UP_EXPORT_JOB)
@Injectable()
export class RollUpExportJob implements JobRunner<RollUpExportJobData> {
  constructor(private readonly runner: RollUpExportRunner) {}

  run(job: Job<RollUpExportJobData>): Promise<'done' | 'skipped'> {
    return this.runner.run(
      job.data.exportId,
      job.attemptsMade + 1,
      job.opts.attempts ?? 1,
    );
  }
}
