import { REDIS, WORKER_HEARTBEAT_KEY } from '@crm/api/core';
import { createTestApp, type TestApp } from '@crm/api/testing';
import type Redis from 'ioredis';
import request from 'supertest';
import { HealthModule } from './health.module';

describe('GET /api/health', () => {
  describe('with PostgreSQL and Redis up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp([HealthModule]);
    });
    afterAll(() => t.close());

    it('reports both up, and the worker heartbeat once there is one', async () => {
      const first = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect(first.body).toEqual({
        status: 'ok',
        database: { status: 'up' },
        redis: { status: 'up' },
        worker: { lastHeartbeat: null },
      });
      await t.app.get<Redis>(REDIS).set(WORKER_HEARTBEAT_KEY, '2025-03-01T00:00:00.000Z');
      const second = await request(t.app.getHttpServer()).get('/api/health').expect(200);
      expect(second.body.worker.lastHeartbeat).toBe('2025-03-01T00:00:00.000Z');
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
});
