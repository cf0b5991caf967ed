import { QueueName } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, Worker, type Queue } from 'bullmq';
import request from 'supertest';
import { QueueDashboardModule } from './queue-dashboard.module';

/** Bull Board at /api/admin/queues: admins only, every queue, failed jobs, under the app's CSP. */
describe('queue dashboard (Bull Board)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let office: SignedInAgent;
  let staff: SignedInAgent;
  let leader: SignedInAgent;
  const anonymous = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp([QueueDashboardModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    admin = await signInAs(t, { roles: ['admin'] });
    office = await signInAs(t, { roles: ['office'] });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
  });
  afterAll(() => t.close());

  const paths = [
    ['GET', '/api/admin/queues'],
    ['GET', '/api/admin/queues/'],
    ['GET', '/api/admin/queues/queue/reporting'],
    ['GET', '/api/admin/queues/api/queues'],
    ['GET', '/api/admin/queues/static/favicon-32x32.png'],
    ['PUT', '/api/admin/queues/api/queues/pause'],
    ['POST', '/api/admin/queues/api/queues/reporting/add'],
    ['PATCH', '/api/admin/queues/api/queues/reporting/1/priority'],
  ] as const;

  it('answers 401 without a session and 403 to every role but admin, on every path and method', async () => {
    for (const [method, path] of paths) {
      const verb = method.toLowerCase() as 'get' | 'put' | 'post' | 'patch';
      expect([method, path, (await anonymous()[verb](path)).status]).toEqual([method, path, 401]);
      for (const agent of [office, staff, leader]) {
        const res = method === 'GET' ? await agent.get(path) : await agent[verb](path, {});
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    }
    // The queues were not touched by the refused calls.
    const reporting = t.app.get<Queue>(getQueueToken(QueueName.Reporting));
    expect(await reporting.isPaused()).toBe(false);
  });

  it('serves the dashboard page and its assets to an admin, same-origin only under the CSP', async () => {
    const page = await admin.get('/api/admin/queues').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/api/admin/queues/"');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    // Every script and stylesheet the page loads is served from the dashboard's own path, which
    // the CSP allows; the only other link is a web font stylesheet, which it blocks harmlessly.
    const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(1);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      await admin.get(`/api/admin/queues/${asset}`).expect(200);
    }
    // No inline script runs: the one inline script tag is JSON data.
    const inline = [...page.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.every((attrs) => attrs.includes('type="application/json"'))).toBe(true);
    // A client-side route of the dashboard serves the same page.
    await admin.get('/api/admin/queues/queue/reporting').expect(200).expect('content-type', /text\/html/);
    await admin.get('/api/admin/queues/no/such/thing.js').expect(404);
  });

  it('lists every queue, and shows a failed job with its reason', async () => {
    const health = t.app.get<Queue>(getQueueToken(QueueName.Health));
    const connection = { host: '127.0.0.1', port: 6379 };
    const prefix = `${t.redisPrefix}:bull`;
    const worker = new Worker(
      QueueName.Health,
      async () => {
        throw new Error('SMTP 服务器无响应 / SMTP server did not answer');
      },
      { connection, prefix },
    );
    const events = new QueueEvents(QueueName.Health, { connection, prefix });
    await events.waitUntilReady();
    try {
      const job = await health.add('failing', { requestedAt: 'test' }, { attempts: 1 });
      await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('SMTP');
    } finally {
      await worker.close();
      await events.close();
    }

    const queues = await admin.get('/api/admin/queues/api/queues').expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());

    const failed = await admin
      .get(`/api/admin/queues/api/queues?activeQueue=${QueueName.Health}&status=failed&page=1`)
      .expect(200);
    const queue = (failed.body.queues as { name: string; counts: { failed: number }; jobs: { name: string; failedReason: string }[] }[]).find(
      (q) => q.name === QueueName.Health,
    );
    expect(queue?.counts.failed).toBe(1);
    expect(queue?.jobs.map((j) => [j.name, j.failedReason])).toEqual([['failing', 'SMTP 服务器无响应 / SMTP server did not answer']]);
  });

  it('lets an admin act on a queue with the CSRF header, and refuses the same call without it', async () => {
    const reporting = t.app.get<Queue>(getQueueToken(QueueName.Reporting));
    const user = await createTestUser(t, { roles: ['admin'] });
    const signIn = await anonymous().post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    await anonymous().get('/api/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    await anonymous().put('/api/admin/queues/api/queues/reporting/pause').set('Cookie', cookie).expect(403);
    expect(await reporting.isPaused()).toBe(false);

    await admin.put('/api/admin/queues/api/queues/reporting/pause').expect(200);
    expect(await reporting.isPaused()).toBe(true);
    await admin.put('/api/admin/queues/api/queues/reporting/resume').expect(200);
    expect(await reporting.isPaused()).toBe(false);
  });
});
