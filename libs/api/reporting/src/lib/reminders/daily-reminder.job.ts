import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { NotificationDeliveryService } from '../notifications/notification-delivery.service';
import {
  DailyReminderService,
  type DailyReminderSent,
} from './daily-reminder.service';

export const DAILY_REMINDER_JOB = 'daily-reminder';

export interface DailyReminderJobData {
  requestedAt: string;
}

/**
 * 跟进提醒 and 久未跟进提醒 to project owners. Scheduled from the morning on, hourly, so that a run
 * missed at 08:00 is made up the same day; idempotent by daily_reminder_sent's key.
 */
@JobHandler(QueueName.Reporting, DAILY_REMINDER_JOB)
@Injectable()
export class DailyReminderJob implements JobRunner<DailyReminderJobData> {
  private readonly logger = new Logger(DailyReminderJob.name);

  constructor(
    private readonly reminders: DailyReminderService,
    private readonly delivery: NotificationDeliveryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(
    job: Job<DailyReminderJobData>,
  ): Promise<{ sent: DailyReminderSent[]; emails: number; webhooks: number }> {
    const now = this.clock.now();
    const sent = await this.reminders.run(now);
    if (sent.length)
      this.logger.log(
        `${sent.length} daily reminders sent (job ${job.id}, requested ${job.data.requestedAt})`,
      );
    return { sent, ...(await this.delivery.deliver(now)) };
  }
}
