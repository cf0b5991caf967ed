import { JOB_SCHEDULE_KEYS, jobSchedulersKey, type OwnRedisServer, QueueName, REDIS, startRedisServer } from '@crm/api/core';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from '@crm/api/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { prepareDatabase } from '@crm/migrations';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { reconcileIntervalMs } from './job-schedules';
import { WorkerModule } from './worker.module';

const QUEUES = Object.keys(JOB_SCHEDULE_KEYS) as QueueName[];

/** Every queue's registered schedule ids, sorted. */
async function registered(context: INestApplicationContext): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const queue of QUEUES) {
    const schedulers = await context.get<Queue>(getQueueToken(queue)).getJobSchedulers();
    out[queue] = schedulers.map((s) => s.key).sort();
  }
  return out;
}

const expected = Object.fromEntries(QUEUES.map((q) => [q, [...JOB_SCHEDULE_KEYS[q]].sort()]));

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

describe('the worker keeps its schedules through a Redis restart', () => {
  const INTERVAL = 3000;
  let own: OwnRedisServer;
  let database: TestDatabase;
  let context: INestApplicationContext;
  const saved = { ...process.env };

  beforeAll(async () => {
    own = await startRedisServer();
    database = await createTestDatabase();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: own.url,
      REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: 'silent',
      JOB_SCHEDULES_RECONCILE_MS: String(INTERVAL),
    });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    moduleRef.useLogger(false);
    context = await moduleRef.init();
    await prepareDatabase(context.get(DataSource));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await database?.drop();
    await own?.stop();
    process.env = saved;
  });

  it('reads the reconcile interval from JOB_SCHEDULES_RECONCILE_MS (default 5 minutes)', () => {
    expect(reconcileIntervalMs({ JOB_SCHEDULES_RECONCILE_MS: '3000' })).toBe(3000);
    expect(reconcileIntervalMs({})).toBe(300_000);
    expect(reconcileIntervalMs({ JOB_SCHEDULES_RECONCILE_MS: 'soon' })).toBe(300_000);
  });

  it('registers every schedule of JOB_SCHEDULE_KEYS, where /api/health looks for them', async () => {
    await until(async () => JSON.stringify(await registered(context)) === JSON.stringify(expected), 15_000);
    expect(await registered(context)).toEqual(expected);
    // The key /api/health reads (under the app's prefix) holds each schedule.
    const redis = context.get<Redis>(REDIS);
    for (const queue of QUEUES) {
      for (const key of JOB_SCHEDULE_KEYS[queue]) expect([queue, key, await redis.zscore(jobSchedulersKey(queue), key)]).toEqual([queue, key, expect.any(String)]);
    }
  });

  it('has every schedule back within the reconcile interval after Redis restarts empty, and beats again', async () => {
    await own.stop();
    await own.start();
    // The restarted Redis is empty: nothing is scheduled until the worker registers again.
    const back = await until(async () => JSON.stringify(await registered(context)) === JSON.stringify(expected), INTERVAL + 12_000);
    expect(back).toBeLessThan(INTERVAL + 12_000);
    expect(await registered(context)).toEqual(expected);
    // The health-check schedule fires again, so the heartbeat /api/health reads comes back.
    const redis = context.get<Redis>(REDIS);
    await until(async () => (await redis.get('worker:heartbeat')) !== null, 15_000);
  }, 60_000);

  it('registers them again at the interval even without a reconnect (a schedule removed by hand)', async () => {
    const health = context.get<Queue>(getQueueToken(QueueName.Health));
    await health.removeJobScheduler('health-check');
    expect((await registered(context))[QueueName.Health]).toEqual([]);
    const back = await until(async () => (await registered(context))[QueueName.Health].length === 1, INTERVAL + 3000);
    expect(back).toBeLessThanOrEqual(INTERVAL + 3000);
  }, 30_000);
});
