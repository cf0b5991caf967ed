import { REDIS, WORKER_HEARTBEAT_KEY, QueueName } from '@crm/api/core';
import { HEALTH_CHECK_JOB } from '@crm/api/health';
import { ACTION_ITEM_REMINDER_JOB, MEETING_SCHEDULE_REMINDER_JOB } from '@crm/api/meetings';
import { DAILY_REMINDER_JOB, NOTIFICATION_DELIVERY_JOB } from '@crm/api/reporting';
import { createTestDatabase, deleteRedisKeys, testRedisPrefix, type TestDatabase } from '@crm/api/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { prepareDatabase } from '@crm/migrations';
import { DataSource } from 'typeorm';
import { QueueEvents, type Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JobSchedules, MOVED_TO_MEETINGS_QUEUE } from './job-schedules';
import { WorkerModule } from './worker.module';

describe('worker', () => {
  let database: TestDatabase;
  let context: INestApplicationContext;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = testRedisPrefix();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    moduleRef.useLogger(false);
    context = await moduleRef.init();
    // The reporting jobs read the schema; the health check alone needs none.
    await prepareDatabase(context.get(DataSource));
  });

  afterAll(async () => {
    await context.close();
    await database.drop();
    await deleteRedisKeys(prefix);
  });

  it('runs a health-check job through Redis and records the heartbeat', async () => {
    const queue = context.get<Queue>(getQueueToken(QueueName.Health));
    const events = new QueueEvents(QueueName.Health, { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${prefix}:bull` });
    await events.waitUntilReady();
    try {
      const before = Date.now();
      const job = await queue.add(HEALTH_CHECK_JOB, { requestedAt: new Date().toISOString() });
      const result = await job.waitUntilFinished(events, 10_000);
      const stored = await context.get<Redis>(REDIS).get(WORKER_HEARTBEAT_KEY);
      expect(stored).toBe(result.heartbeat);
      expect(Date.parse(stored ?? '')).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      await events.close();
    }
  });

  it('registers the health-check schedule once, however often the worker starts', async () => {
    const queue = context.get<Queue>(getQueueToken(QueueName.Health));
    // Registration runs in the background at bootstrap; give it a moment.
    for (let i = 0; i < 50 && (await queue.getJobSchedulersCount()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await queue.upsertJobScheduler('health-check', { every: 60_000 }, { name: HEALTH_CHECK_JOB, data: { requestedAt: 'schedule' } });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['health-check']);
  });

  it('registers the monthly and daily reminder schedules in Shanghai time, and delivery every minute, with retries', async () => {
    const queue = context.get<Queue>(getQueueToken(QueueName.Reporting));
    for (let i = 0; i < 50 && (await queue.getJobSchedulersCount()) < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const schedulers = Object.fromEntries((await queue.getJobSchedulers()).map((s) => [s.key, s]));
    expect(schedulers['monthly-reminder']).toMatchObject({ pattern: '0 0 * * * *', tz: 'Asia/Shanghai', name: 'monthly-reminder' });
    expect(schedulers['daily-reminder']).toMatchObject({ pattern: '0 0 8-20 * * *', tz: 'Asia/Shanghai', name: 'daily-reminder' });
    expect(schedulers['notification-delivery']).toMatchObject({ every: 60_000, name: 'notification-delivery' });
    for (const key of ['monthly-reminder', 'daily-reminder', 'notification-delivery']) {
      expect([key, schedulers[key].template?.opts]).toEqual([
        key,
        expect.objectContaining({ attempts: 5, backoff: { type: 'exponential', delay: 30_000 } }),
      ]);
    }
    // The next daily run is at 08:00 in Shanghai (00:00 UTC) or on a later hour until 20:00 (12:00 UTC).
    const next = new Date(schedulers['daily-reminder'].next as number);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getUTCHours()).toBeLessThanOrEqual(12);
  });

  it('runs the daily reminder and delivery jobs through Redis', async () => {
    const queue = context.get<Queue>(getQueueToken(QueueName.Reporting));
    const events = new QueueEvents(QueueName.Reporting, { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${prefix}:bull` });
    await events.waitUntilReady();
    try {
      const daily = await queue.add(DAILY_REMINDER_JOB, { requestedAt: 'test' });
      const delivery = await queue.add(NOTIFICATION_DELIVERY_JOB, { requestedAt: 'test' });
      // Jobs added by hand (or by the API) are retried with backoff as the scheduled ones are.
      expect(daily.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 30_000 } });
      expect(await daily.waitUntilFinished(events, 15_000)).toEqual({ sent: [], emails: 0, webhooks: 0 });
      expect(await delivery.waitUntilFinished(events, 15_000)).toEqual({ emails: 0, webhooks: 0 });
    } finally {
      await events.close();
    }
  });

  it('runs the meetings jobs on a queue of their own, and moves their schedules off the reporting queue', async () => {
    const meetings = context.get<Queue>(getQueueToken(QueueName.Meetings));
    const reporting = context.get<Queue>(getQueueToken(QueueName.Reporting));
    for (let i = 0; i < 50 && (await meetings.getJobSchedulersCount()) < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // A worker of the earlier version left one on the reporting queue: the next start removes it.
    await reporting.upsertJobScheduler('action-item-reminder', { pattern: '0 30 8-20 * * *', tz: 'Asia/Shanghai' }, {
      name: ACTION_ITEM_REMINDER_JOB,
      data: { requestedAt: 'schedule' },
    });
    await (context.get(JobSchedules) as unknown as { register(): Promise<void> }).register();
    expect((await meetings.getJobSchedulers()).map((s) => s.key).sort()).toEqual([...MOVED_TO_MEETINGS_QUEUE].sort());
    expect((await reporting.getJobSchedulers()).map((s) => s.key).filter((k) => MOVED_TO_MEETINGS_QUEUE.includes(k as never))).toEqual([]);

    const events = new QueueEvents(QueueName.Meetings, { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${prefix}:bull` });
    await events.waitUntilReady();
    try {
      const reminder = await meetings.add(ACTION_ITEM_REMINDER_JOB, { requestedAt: 'test' });
      expect(reminder.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 30_000 } });
      expect(await reminder.waitUntilFinished(events, 15_000)).toEqual({ sent: [] });
      const schedule = await meetings.add(MEETING_SCHEDULE_REMINDER_JOB, { requestedAt: 'test' });
      await expect(schedule.waitUntilFinished(events, 15_000)).resolves.toBeDefined();
      // A job nobody runs on this queue (a reporting job) fails at once, without retries.
      const stray = await meetings.add(DAILY_REMINDER_JOB, { requestedAt: 'test' });
      await expect(stray.waitUntilFinished(events, 15_000)).rejects.toThrow(`no runner for job "${DAILY_REMINDER_JOB}" on the meetings queue`);
      expect((await meetings.getJob(stray.id as string))?.attemptsMade).toBe(1);
    } finally {
      await events.close();
    }
  });
});
