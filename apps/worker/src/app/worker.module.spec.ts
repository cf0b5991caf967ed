import { REDIS, WORKER_HEARTBEAT_KEY, QueueName } from '@crm/api/core';
import { HEALTH_CHECK_JOB } from '@crm/api/health';
import { createTestDatabase, deleteRedisKeys, testRedisPrefix, type TestDatabase } from '@crm/api/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QueueEvents, type Queue } from 'bullmq';
import type Redis from 'ioredis';
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
});
