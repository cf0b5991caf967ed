import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RollUpService } from './roll-up.service';

export const ROLL_UP_BUILD_JOB = 'roll-up-build';

/** Data of a scheduled roll-up build: who asked for it (the schedule, or a test). */
export interface RollUpBuildJobData {
  requestedAt: string;
}

/**
 * RollUpBuildJob: the daily schedule that builds the month's roll-up once its deadline has
 * passed. Idempotent: a roll-up already built is left alone, except that one built before its
 * period was locked is rebuilt once from the month-end snapshot, and one marked out of date (a
 * report submitted late, returned or resubmitted after it was built) is rebuilt; a report's change
 * of state also enqueues this job at once (MonthlyReportService).
 */
@JobHandler(QueueName.Reporting, ROLL_UP_BUILD_JOB)
@Injectable()
export class RollUpBuildJob implements JobRunner<RollUpBuildJobData> {
  private readonly logger = new Logger(RollUpBuildJob.name);

  constructor(
    private readonly rollUps: RollUpService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<RollUpBuildJobData>): Promise<{ built: string[] }> {
    const built = await this.rollUps.buildDue(this.clock.now());
    if (built.length)
      this.logger.log(`roll-ups built: ${built.join(', ')} (job ${job.id})`);
    return { built };
  }
}
