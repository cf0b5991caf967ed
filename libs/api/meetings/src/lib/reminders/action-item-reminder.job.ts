import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ActionItemReminderService, type ActionItemReminderSent } from './action-item-reminder.service';

export const ACTION_ITEM_REMINDER_JOB = 'action-item-reminder';

export interface ActionItemReminderJobData {
  requestedAt: string;
}

/**
 * 交办事项 due and overdue reminders, on the meetings queue (whose dispatcher runs every job of
 * that queue by name). Scheduled hourly from the morning on, so a missed run is made up; idempotent by
 * action_item_reminder_sent's key. E-mail and robot copies go out with the reporting area's
 * delivery job, which reads the notification table.
 */
@JobHandler(QueueName.Meetings, ACTION_ITEM_REMINDER_JOB)
@Injectable()
export class ActionItemReminderJob implements JobRunner<ActionItemReminderJobData> {
  private readonly logger = new Logger(ActionItemReminderJob.name);

  constructor(
    private readonly reminders: ActionItemReminderService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<ActionItemReminderJobData>): Promise<{ sent: ActionItemReminderSent[] }> {
    const sent = await this.reminders.run(this.clock.now());
    if (sent.length) {
      this.logger.log(`${sent.length} action-item reminders sent (job ${job.id}, requested ${job.data.requestedAt})`);
    }
    return { sent };
  }
}
