import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { WeeklyDigestService, type WeeklyDigestSent } from './weekly-digest.service';
import { isMonday, latestMonday } from './weekly-digest.week';

export const WEEKLY_DIGEST_JOB = 'weekly-digest';

export interface WeeklyDigestJobData {
  requestedAt: string;
  /** A Monday to send (to whoever has not had it); without it, today's when today is Monday. */
  week?: string;
}

/**
 * 周跟踪, on the meetings queue. Scheduled hourly on Monday mornings, so a missed run is made up
 * the same morning; a run on another day sends nothing unless given a week. Idempotent by
 * weekly_digest_sent's key; the e-mail copies go out with the reporting area's delivery job.
 */
@JobHandler(QueueName.Meetings, WEEKLY_DIGEST_JOB)
@Injectable()
export class WeeklyDigestJob implements JobRunner<WeeklyDigestJobData> {
  private readonly logger = new Logger(WeeklyDigestJob.name);

  constructor(
    private readonly digests: WeeklyDigestService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<WeeklyDigestJobData>): Promise<{ sent: WeeklyDigestSent[] }> {
    const now = this.clock.now();
    const week = job.data.week;
    // Retrying cannot mend a bad week: fail at once, visibly.
    if (week !== undefined && (!isMonday(week) || week > latestMonday(now))) {
      throw new UnrecoverableError(`weekly digest: ${week} is not a Monday on or before today`);
    }
    const sent = await this.digests.send(now, week);
    if (sent.length) {
      this.logger.log(`${sent.length} weekly digests sent for ${sent[0].week} (job ${job.id}, requested ${job.data.requestedAt})`);
    }
    return { sent };
  }
}
