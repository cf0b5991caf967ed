import { CLOCK, type Clock, JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MeetingScheduleReminderService, type MeetingScheduleNoticeSent } from './meeting-schedule-reminder.service';

export const MEETING_SCHEDULE_REMINDER_JOB = 'meeting-schedule-reminder';

export interface MeetingScheduleReminderJobData {
  requestedAt: string;
}

/**
 * 月调度会 reminders and missed-meeting notices, on the meetings queue (whose dispatcher runs
 * every job of that queue by name). Scheduled hourly through the day, so a missed run is made up;
 * idempotent by meeting_schedule_notice_sent's key.
 */
@JobHandler(QueueName.Meetings, MEETING_SCHEDULE_REMINDER_JOB)
@Injectable()
export class MeetingScheduleReminderJob implements JobRunner<MeetingScheduleReminderJobData> {
  private readonly logger = new Logger(MeetingScheduleReminderJob.name);

  constructor(
    private readonly reminders: MeetingScheduleReminderService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<MeetingScheduleReminderJobData>): Promise<{ sent: MeetingScheduleNoticeSent[] }> {
    const sent = await this.reminders.run(this.clock.now());
    if (sent.length) {
      this.logger.log(`${sent.length} meeting-schedule notices sent (job ${job.id}, requested ${job.data.requestedAt})`);
    }
    return { sent };
  }
}
