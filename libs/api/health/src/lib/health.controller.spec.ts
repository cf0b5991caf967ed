import {
  JOB_SCHEDULE_KEYS,
  jobSchedulersKey,
  type OwnRedisServer,
  QueueName,
  REDIS,
  startRedisServer,
  WORKER_HEARTBEAT_KEY,
  WORKER_HEARTBEAT_MAX_AGE_MS,
} from '@crm/api/core';
import { createTestApp, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import type Redis from 'ioredis';
import request from 'supertest';
import { HealthModule } from './health.module';

describe('GET /api/health', () => {
  describe('with PostgreSQL and Redis up', () => {
    const clock = new ManualClock('2031-05-06T02:00:00.000Z');
    let t: TestApp;
    let redis: Redis;
    beforeAll(async () => {
      t = await createTestApp([HealthModule], {}, { clock });
      redis = t.app.get<Redis>(REDIS);
    });
    afterAll(() => t.close());

    async function registerSchedules(except?: string): Promise<void> {
      for (const queue of Object.keys(JOB_SCHEDULE_KEYS) as QueueName[]) {
        for (const key of JOB_SCHEDULE_KEYS[queue]) if (key !== except) await redis.zadd(jobSchedulersKey(queue), 1, key);
      }
    }

    it('is degraded while the worker has never beaten, late or a schedule is missing; ok once all are there', async () => {
      const first = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect(first.body).toEqual({
        status: 'degraded',
        database: { status: 'up' },
        redis: { status: 'up' },
        worker: { lastHeartbeat: null, status: 'late', schedules: 'missing', note: expect.stringContaining('定时任务') },
      });

      await registerSchedules();
      const fresh = new Date(clock.now().getTime() - 60_000).toISOString();
      await redis.set(WORKER_HEARTBEAT_KEY, fresh);
      const ok = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect(ok.body).toEqual({
        status: 'ok',
        database: { status: 'up' },
        redis: { status: 'up' },
        worker: { lastHeartbeat: fresh, status: 'up', schedules: 'complete' },
      });

      // A heartbeat older than a few minutes: the worker is not taking jobs.
      const old = new Date(clock.now().getTime() - WORKER_HEARTBEAT_MAX_AGE_MS - 1000).toISOString();
      await redis.set(WORKER_HEARTBEAT_KEY, old);
      const late = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect([late.body.status, late.body.worker.status, late.body.worker.schedules]).toEqual(['degraded', 'late', 'complete']);

      // A schedule lost (as after a Redis restart), heartbeat fresh.
      await redis.set(WORKER_HEARTBEAT_KEY, fresh);
      await redis.zrem(jobSchedulersKey(QueueName.Meetings), 'weekly-digest');
      const missing = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect([missing.body.status, missing.body.worker.status, missing.body.worker.schedules]).toEqual(['degraded', 'up', 'missing']);
    });
  });

  describe('without PostgreSQL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp([HealthModule]);
    });
    afterAll(() => t.close());

    it('answers 503 with status words only', async () => {
      const query = jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(new Error('connect ECONNREFUSED 10.0.0.7:5432'));
      const res = await request(t.app.getHttpServer()).get('/api/health').expect(503);
      query.mockRestore();
      expect(res.body.database).toEqual({ status: 'down' });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|5432/);
    });
  });

  describe('without Redis', () => {
    let t: TestApp;
    beforeAll(async () => {
      // Nothing listens on port 1: Redis is unreachable, PostgreSQL is fine.
      t = await createTestApp([HealthModule], { REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => t.close());

    it('still serves, and says plainly that reminders wait for Redis', async () => {
      const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.database).toEqual({ status: 'up' });
      expect(res.body.redis.status).toBe('down');
      expect(res.body.redis.note).toContain('提醒');
      // Status words only: no driver text, host or port for an anonymous caller.
      expect(Object.keys(res.body.redis).sort()).toEqual(['note', 'status']);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b|connection|error/i);
    });
  });

  describe("with the test's own Redis stopped, then frozen", () => {
    let own: OwnRedisServer;
    let t: TestApp;
    beforeAll(async () => {
      own = await startRedisServer();
      t = await createTestApp([HealthModule], { REDIS_URL: own.url });
    });
    afterAll(async () => {
      own.thaw();
      await t.close();
      await own.stop();
    });

    async function timedHealth(): Promise<{ ms: number; body: { status: string; redis: { status: string } } }> {
      const started = Date.now();
      const res = await request(t.app.getHttpServer()).get('/api/health').timeout(10_000).expect(200);
      return { ms: Date.now() - started, body: res.body };
    }

    async function until(check: () => boolean): Promise<void> {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    }

    it('answers within 2 s, degraded, with Redis stopped', async () => {
      const redis = t.app.get<Redis>(REDIS);
      await until(() => redis.status === 'ready');
      expect(redis.status).toBe('ready');
      await own.stop();
      const { ms, body } = await timedHealth();
      expect(ms).toBeLessThan(2000);
      expect([body.status, body.redis.status]).toEqual(['degraded', 'down']);
    });

    it('answers within 2 s, degraded, with Redis frozen (SIGSTOP), and up again after SIGCONT', async () => {
      const redis = t.app.get<Redis>(REDIS);
      await own.start();
      await until(() => redis.status === 'ready');
      expect(redis.status).toBe('ready');
      expect((await timedHealth()).body.redis.status).toBe('up');
      own.freeze();
      try {
        const { ms, body } = await timedHealth();
        expect(ms).toBeLessThan(2000);
        expect([body.status, body.redis.status]).toEqual(['degraded', 'down']);
      } finally {
        own.thaw();
      }
      await until(() => redis.status === 'ready');
      expect((await timedHealth()).body.redis.status).toBe('up');
    });
  });
});
