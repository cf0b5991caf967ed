import { QUEUE_JOB_OPTIONS, QueueName, quietQueueErrors } from '@crm/api/core';
import { HEALTH_CHECK_JOB, type HealthCheckJobData } from '@crm/api/health';
import { ACTION_ITEM_REMINDER_JOB, MEETING_SCHEDULE_REMINDER_JOB } from '@crm/api/meetings';
import { DAILY_REMINDER_JOB, MONTHLY_REMINDER_JOB, NOTIFICATION_DELIVERY_JOB, ROLL_UP_BUILD_JOB } from '@crm/api/reporting';
// weekly-digest: start
import { WEEKLY_DIGEST_JOB } from '@crm/api/meetings';
// weekly-digest: end
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** Named schedules, all registered here. Cron patterns run in Shanghai time. */
export const SCHEDULES = {
  healthCheck: { every: 60_000 },
  /** Hourly, on the hour: each run sends what has fallen due by then, so a missed run catches up. */
  monthlyReminder: { pattern: '0 0 * * * *', tz: 'Asia/Shanghai' },
  /** Follow-ups due and idle projects: from 08:00 each morning, hourly until 20:00 to catch up. */
  dailyReminder: { pattern: '0 0 8-20 * * *', tz: 'Asia/Shanghai' },
  /** E-mail and group-robot copies of notifications, within a minute. */
  notificationDelivery: { every: 60_000 },
  /** 月度汇总报告: daily at 01:00, builds a month's roll-up once its deadline has passed (idempotent). */
  rollUpBuild: { pattern: '0 0 1 * * *', tz: 'Asia/Shanghai' },
  /** 交办事项 due and overdue reminders: from 08:00 each morning, hourly until 20:00 to catch up. */
  actionItemReminder: { pattern: '0 30 8-20 * * *', tz: 'Asia/Shanghai' },
  // meeting-schedule: start
  /** 月调度会 reminders and missed-meeting notices: hourly at :15 from 08:15 to 20:15, catching up. */
  meetingScheduleReminder: { pattern: '0 15 8-20 * * *', tz: 'Asia/Shanghai' },
  // meeting-schedule: end
  // weekly-digest: start
  /** 周跟踪: Mondays hourly from 08:00 to 12:00, so a missed run is made up the same morning. */
  weeklyDigest: { pattern: '0 0 8-12 * * 1', tz: 'Asia/Shanghai' },
  // weekly-digest: end
} as const;

export const TIME_ZONE = 'Asia/Shanghai';

/** Schedules of the meetings area that ran on the reporting queue before it had a queue of its own. */
export const MOVED_TO_MEETINGS_QUEUE = ['action-item-reminder', 'meeting-schedule-reminder', 'weekly-digest'] as const;

/** Data of every scheduled job: who asked for it. */
interface ScheduledJobData {
  requestedAt: string;
}

/**
 * Registers every job scheduler when the worker starts. upsertJobScheduler is idempotent, so two
 * workers registering the same schedule keep one.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(
    @InjectQueue(QueueName.Health) private readonly health: Queue<HealthCheckJobData>,
    @InjectQueue(QueueName.Reporting) private readonly reporting: Queue<ScheduledJobData>,
    @InjectQueue(QueueName.Meetings) private readonly meetings: Queue<ScheduledJobData>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    quietQueueErrors(this.health, QueueName.Health);
    quietQueueErrors(this.reporting, QueueName.Reporting);
    quietQueueErrors(this.meetings, QueueName.Meetings);
    // Without Redis this would wait; registering in the background lets the worker start and
    // say so, and BullMQ picks the schedule up once Redis answers.
    void this.register().catch((error: Error) => this.logger.error(`could not register schedules: ${error.message}`));
  }

  private async register(): Promise<void> {
    await this.health.upsertJobScheduler('health-check', SCHEDULES.healthCheck, {
      name: HEALTH_CHECK_JOB,
      data: { requestedAt: 'schedule' },
      opts: { removeOnComplete: 100, removeOnFail: 500 },
    });
    await this.reporting.upsertJobScheduler('monthly-reminder', SCHEDULES.monthlyReminder, {
      name: MONTHLY_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Reporting],
    });
    await this.reporting.upsertJobScheduler('daily-reminder', SCHEDULES.dailyReminder, {
      name: DAILY_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Reporting],
    });
    await this.reporting.upsertJobScheduler('notification-delivery', SCHEDULES.notificationDelivery, {
      name: NOTIFICATION_DELIVERY_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Reporting],
    });
    await this.reporting.upsertJobScheduler('roll-up-build', SCHEDULES.rollUpBuild, {
      name: ROLL_UP_BUILD_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Reporting],
    });
    await this.meetings.upsertJobScheduler('action-item-reminder', SCHEDULES.actionItemReminder, {
      name: ACTION_ITEM_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Meetings],
    });
    // meeting-schedule: start
    await this.meetings.upsertJobScheduler('meeting-schedule-reminder', SCHEDULES.meetingScheduleReminder, {
      name: MEETING_SCHEDULE_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Meetings],
    });
    // meeting-schedule: end
    // weekly-digest: start
    await this.meetings.upsertJobScheduler('weekly-digest', SCHEDULES.weeklyDigest, {
      name: WEEKLY_DIGEST_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Meetings],
    });
    // weekly-digest: end
    // A worker of an earlier version registered these on the reporting queue, where nobody runs them now.
    for (const key of MOVED_TO_MEETINGS_QUEUE) await this.reporting.removeJobScheduler(key);
    this.logger.log(`job schedules registered (${TIME_ZONE})`);
  }
}
