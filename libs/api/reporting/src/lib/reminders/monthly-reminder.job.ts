import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
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
@JobHandler(QueueName.Reporting, MONTHLY_REMINDER_JOB)
@Injectable()
export class MonthlyReminderJob implements JobRunner<MonthlyReminderJobData> {
  private readonly logger = new Logger(MonthlyReminderJob.name);

  constructor(
    private readonly reminders: MonthlyReminderService,
    private readonly delivery: NotificationDeliveryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(
    job: Job<MonthlyReminderJobData>,
  ): Promise<{ sent: ReminderSent[]; emails: number; webhooks: number }> {
    const now = this.clock.now();
    const sent = await this.reminders.run(now);
    if (sent.length)
      this.logger.log(
        `${sent.length} reminders sent (job ${job.id}, requested ${job.data.requestedAt})`,
      );
    // E-mail and webhook copies of what was just sent, and retries of earlier failures.
    const copies = await this.delivery.deliver(now);
    return { sent, ...copies };
  }
}
