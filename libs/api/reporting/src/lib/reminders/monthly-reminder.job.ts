import { JobHost, QueueName } from '@crm/api/core';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLOCK, type Clock } from '../common/clock';
import { NotificationDeliveryService } from '../notifications/notification-delivery.service';
import {
  MonthlyReminderService,
  type ReminderSent,
} from './monthly-reminder.service';

export const MONTHLY_REMINDER_JOB = 'monthly-reminder';

/** Data of a monthly-reminder job: who asked for it (the schedule, or a test). */
export interface MonthlyReminderJobData {
  requestedAt: string;
}

/**
 * ReminderJob: sends the 催报 and 逾期提醒 that have fallen due by the clock's now. Scheduled hourly;
 * idempotent by reminder_sent's key, so a double firing or a second worker sends nothing twice.
 */
@Processor(QueueName.Reporting)
export class MonthlyReminderJob extends JobHost {
  constructor(
    private readonly reminders: MonthlyReminderService,
    private readonly delivery: NotificationDeliveryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async process(
    job: Job<MonthlyReminderJobData>,
  ): Promise<{ sent: ReminderSent[]; emails: number; webhooks: number }> {
    const now = this.clock.now();
    const sent = await this.reminders.run(now);
    if (sent.length)
      this.jobLogger.log(
        `${sent.length} reminders sent (job ${job.id}, requested ${job.data.requestedAt})`,
      );
    // E-mail and webhook copies of what was just sent, and retries of earlier failures.
    const copies = await this.delivery.deliver(now);
    return { sent, ...copies };
  }
}
