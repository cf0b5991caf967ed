import { ALERTS_REFRESH_JOB } from '@crm/api/cockpit';
import { QUEUE_JOB_OPTIONS, QueueName, quietQueueErrors, REDIS } from '@crm/api/core';
import { GUARANTEE_REMINDER_JOB } from '@crm/api/guarantees';
import { HEALTH_CHECK_JOB, type HealthCheckJobData } from '@crm/api/health';
import { ACTION_ITEM_REMINDER_JOB, MEETING_SCHEDULE_REMINDER_JOB } from '@crm/api/meetings';
import { DAILY_REMINDER_JOB, MONTHLY_REMINDER_JOB, NOTIFICATION_DELIVERY_JOB, ROLL_UP_BUILD_JOB } from '@crm/api/reporting';
// weekly-digest: start
import { WEEKLY_DIGEST_JOB } from '@crm/api/meetings';
// weekly-digest: end
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JobOutbox } from './job-outbox';

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
  /** 要素保障逾期提醒: hourly at :40 from 08:40 to 20:40, so a missed run is made up the same day. */
  guaranteeReminder: { pattern: '0 40 8-20 * * *', tz: 'Asia/Shanghai' },
  /** The cockpit's alert memo for today at the current data version: after midnight and within a minute of a change. */
  alertsRefresh: { every: 60_000 },
} as const;

export const TIME_ZONE = 'Asia/Shanghai';

/** Schedules of the meetings area that ran on the reporting queue before it had a queue of its own. */
export const MOVED_TO_MEETINGS_QUEUE = ['action-item-reminder', 'meeting-schedule-reminder', 'weekly-digest'] as const;

/** Data of every scheduled job: who asked for it. */
interface ScheduledJobData {
  requestedAt: string;
}

/** How often the worker registers its schedules again (JOB_SCHEDULES_RECONCILE_MS; default 5 minutes). */
export function reconcileIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env['JOB_SCHEDULES_RECONCILE_MS']);
  return Number.isInteger(ms) && ms >= 100 ? ms : 5 * 60_000;
}

/**
 * Registers every job scheduler, and hands Redis the jobs requests recorded while it was away
 * (JobOutbox): when the worker starts, each time its Redis connection is ready again after a loss
 * (a restarted Redis without persistence keeps no schedule), and every few minutes in case a
 * reconnect went unseen. upsertJobScheduler is idempotent, so two workers registering the same
 * schedule keep one, and registering again changes nothing.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly onReady = () => void this.reconcile('Redis reconnected / Redis 已重新连接');

  constructor(
    @InjectQueue(QueueName.Health) private readonly health: Queue<HealthCheckJobData>,
    @InjectQueue(QueueName.Reporting) private readonly reporting: Queue<ScheduledJobData>,
    @InjectQueue(QueueName.Meetings) private readonly meetings: Queue<ScheduledJobData>,
    @InjectQueue(QueueName.Guarantees) private readonly guarantees: Queue<ScheduledJobData>,
    @InjectQueue(QueueName.Cockpit) private readonly cockpit: Queue<ScheduledJobData>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outbox: JobOutbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    quietQueueErrors(this.health, QueueName.Health);
    quietQueueErrors(this.reporting, QueueName.Reporting);
    quietQueueErrors(this.meetings, QueueName.Meetings);
    quietQueueErrors(this.guarantees, QueueName.Guarantees);
    quietQueueErrors(this.cockpit, QueueName.Cockpit);
    // Without Redis this would wait; registering in the background lets the worker start and
    // say so, and BullMQ picks the schedule up once Redis answers.
    void this.reconcile('start');
    // 'ready' comes again after every reconnect of the worker's connection to Redis.
    this.redis.on('ready', this.onReady);
    this.timer = setInterval(() => void this.reconcile('interval'), reconcileIntervalMs());
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
  }

  /** Registers every schedule and enqueues the outbox; one run at a time, never throws. */
  reconcile(reason: string): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.register();
        if (reason !== 'interval') this.logger.log(`job schedules registered (${reason}, ${TIME_ZONE})`);
      } catch (error) {
        this.logger.error(`could not register schedules (${reason}): ${(error as Error).message}`);
      }
      try {
        await this.outbox.enqueuePending();
      } catch (error) {
        this.logger.error(`could not enqueue the outbox (${reason}): ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
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
    await this.guarantees.upsertJobScheduler('guarantee-reminder', SCHEDULES.guaranteeReminder, {
      name: GUARANTEE_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Guarantees],
    });
    await this.cockpit.upsertJobScheduler('alerts-refresh', SCHEDULES.alertsRefresh, {
      name: ALERTS_REFRESH_JOB,
      data: { requestedAt: 'schedule' },
      opts: QUEUE_JOB_OPTIONS[QueueName.Cockpit],
    });
    // A worker of an earlier version registered these on the reporting queue, where nobody runs them now.
    for (const key of MOVED_TO_MEETINGS_QUEUE) await this.reporting.removeJobScheduler(key);
  }
}
