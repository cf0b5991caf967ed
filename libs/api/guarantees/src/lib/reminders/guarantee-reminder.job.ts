import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { GuaranteeReminderService, type GuaranteeReminderSent } from './guarantee-reminder.service';

export const GUARANTEE_REMINDER_JOB = 'guarantee-reminder';

export interface GuaranteeReminderJobData {
  requestedAt: string;
}

/**
 * 要素保障逾期提醒, on the guarantees queue. Scheduled hourly from the morning on, so a missed run
 * is made up; idempotent by guarantee_reminder_sent's key. E-mail and robot copies go out with the
 * reporting area's delivery job, which reads the notification table.
 */
@JobHandler(QueueName.Guarantees, GUARANTEE_REMINDER_JOB)
@Injectable()
export class GuaranteeReminderJob implements JobRunner<GuaranteeReminderJobData> {
  private readonly logger = new Logger(GuaranteeReminderJob.name);

  constructor(
    private readonly reminders: GuaranteeReminderService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<GuaranteeReminderJobData>): Promise<{ sent: GuaranteeReminderSent[] }> {
    const sent = await this.reminders.run(this.clock.now());
    if (sent.length) {
      this.logger.log(`${sent.length} resource-request reminders sent (job ${job.id}, requested ${job.data.requestedAt})`);
    }
    return { sent };
  }
}
