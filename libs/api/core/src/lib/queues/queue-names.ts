import type { JobsOptions } from 'bullmq';

/** Every BullMQ queue of the app, by name; the API enqueues, the worker processes. */
export enum QueueName {
  Health = 'health',
  /** 台账导入: previews of large sheets (LedgerImportJob). */
  LedgerImport = 'ledger-import',
  /** 月报催报与逾期提醒, daily reminders, notification delivery, the roll-up's build and exports. */
  Reporting = 'reporting',
  /** 交办事项提醒, 月调度会 reminders and the weekly digest (周跟踪). */
  Meetings = 'meetings',
  /** 要素保障逾期提醒 (resource requests past their due date). */
  Guarantees = 'guarantees',
  /** The cockpit's alert memo, refreshed for the day and the data version (alerts-refresh). */
  Cockpit = 'cockpit',
}

/**
 * Options of a job that is safe to run again (every scheduled job of the app is idempotent):
 * retried with exponential backoff (30 s, 1 min, 2 min, …); the last failures stay for the admins'
 * queue dashboard.
 */
export const RETRIED_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: 100,
  removeOnFail: 500,
} as const satisfies JobsOptions;

/** Default options of the jobs added to each queue (the schedules pass them too). */
export const QUEUE_JOB_OPTIONS: Record<QueueName, JobsOptions | undefined> = {
  [QueueName.Health]: undefined,
  [QueueName.LedgerImport]: undefined,
  [QueueName.Reporting]: RETRIED_JOB_OPTIONS,
  [QueueName.Meetings]: RETRIED_JOB_OPTIONS,
  [QueueName.Guarantees]: RETRIED_JOB_OPTIONS,
  // Every minute: a failed run is not retried, the next one does it again.
  [QueueName.Cockpit]: { removeOnComplete: 100, removeOnFail: 500 },
};

/**
 * Every job schedule (BullMQ job scheduler id) the worker keeps, by queue. The worker registers
 * them (apps/worker job-schedules.ts) at start, on every Redis reconnect and at an interval;
 * GET /api/health reports `degraded` when one is missing.
 */
export const JOB_SCHEDULE_KEYS: Record<QueueName, readonly string[]> = {
  [QueueName.Health]: ['health-check'],
  [QueueName.LedgerImport]: [],
  [QueueName.Reporting]: ['monthly-reminder', 'daily-reminder', 'notification-delivery', 'roll-up-build'],
  [QueueName.Meetings]: ['action-item-reminder', 'meeting-schedule-reminder', 'weekly-digest'],
  [QueueName.Guarantees]: ['guarantee-reminder'],
  [QueueName.Cockpit]: ['alerts-refresh'],
};

/** Where BullMQ keeps a queue's job schedulers (a sorted set of their ids), under the app's Redis key prefix. */
export function jobSchedulersKey(queue: QueueName): string {
  return `bull:${queue}:repeat`;
}
