import { AuditModule } from '@crm/api/audit';
import { AuthModule } from '@crm/api/auth';
import { configureHttpApp, CoreModule, Public } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type TestApp } from '@crm/api/testing';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';

/**
 * The session check every request makes (issue 23): a prepared statement, nothing cached in the API
 * process, so what changes a session or its user is seen by the very next request on every API
 * process. Two Nest apps share one PostgreSQL database and one Redis, as two API processes do.
 */

/** A second API process: the same modules on the same database and Redis prefix as `t`. */
async function secondInstance(t: TestApp): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: t.database.url,
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: t.redisPrefix,
    LOG_LEVEL: 'silent',
  });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule, AuditModule, AuthModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app);
    await app.init();
    return app;
  } finally {
    process.env = saved;
  }
}

async function signIn(app: NestExpressApplication, username: string, password: string) {
  const res = await request(app.getHttpServer()).post('/api/auth/sign-in').send({ username, password }).expect(200);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; '), csrf: cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '' };
}

describe('the session check, across two API processes', () => {
  let t: TestApp;
  let other: NestExpressApplication;
  const on = (app: NestExpressApplication) => request(app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp([], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    other = await secondInstance(t);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('refuses a signed-out session at once, on the process that signed it out and on the other', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const session = await signIn(t.app, user.username, user.password);
    // Both processes serve the session, repeatedly (a warm connection pool, a reused plan).
    for (let i = 0; i < 6; i++) {
      await on(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(200);
      await on(other).get('/api/auth/me').set('Cookie', session.cookie).expect(200);
    }
    await on(t.app).post('/api/auth/sign-out').set('Cookie', session.cookie).set('X-XSRF-TOKEN', session.csrf).expect(204);
    await on(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    await on(other).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
  });

  it('signed out on the other process, the session is refused here at once', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const session = await signIn(t.app, user.username, user.password);
    await on(t.app).get('/api/users').set('Cookie', session.cookie).expect(200);
    await on(other).post('/api/auth/sign-out').set('Cookie', session.cookie).set('X-XSRF-TOKEN', session.csrf).expect(204);
    await on(t.app).get('/api/users').set('Cookie', session.cookie).expect(401);
  });

  it('a deactivated (locked out) user is refused at once on both processes; reactivated, they sign in again', async () => {
    const admin = await signInAs(t, { roles: ['admin'] });
    const user = await createTestUser(t, { roles: ['office'] });
    const session = await signIn(t.app, user.username, user.password);
    await on(other).get('/api/auth/me').set('Cookie', session.cookie).expect(200);
    await admin.patch(`/api/users/${user.id}`, { active: false }).expect(200);
    await on(t.app).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    await on(other).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    await on(other).post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(401);
    await admin.patch(`/api/users/${user.id}`, { active: true }).expect(200);
    const again = await signIn(other, user.username, user.password);
    await on(t.app).get('/api/auth/me').set('Cookie', again.cookie).expect(200);
  });

  it('a role change applies to the next request on both processes, within the same session', async () => {
    const admin = await signInAs(t, { roles: ['admin'] });
    const user = await createTestUser(t, { roles: ['office'] });
    const session = await signIn(t.app, user.username, user.password);
    await on(t.app).get('/api/users').set('Cookie', session.cookie).expect(200);
    await on(other).get('/api/users').set('Cookie', session.cookie).expect(200);
    const [unit] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    await admin.patch(`/api/users/${user.id}`, { roles: ['staff'], unitId: unit.id }).expect(200);
    await on(t.app).get('/api/users').set('Cookie', session.cookie).expect(403);
    await on(other).get('/api/users').set('Cookie', session.cookie).expect(403);
    const me = await on(other).get('/api/auth/me').set('Cookie', session.cookie).expect(200);
    expect(me.body.roles).toEqual(['staff']);
    expect(me.body.chainCodes.length).toBeGreaterThan(0);
  });

  it('a password change ends the other sessions at once, on both processes; the changing one stays', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    await t.dataSource.query(`UPDATE app_user SET must_change_password = false WHERE id = $1`, [user.id]);
    const here = await signIn(t.app, user.username, user.password);
    const there = await signIn(other, user.username, user.password);
    await on(t.app).get('/api/auth/me').set('Cookie', there.cookie).expect(200);
    await on(t.app)
      .post('/api/auth/password')
      .set('Cookie', here.cookie)
      .set('X-XSRF-TOKEN', here.csrf)
      .send({ currentPassword: user.password, newPassword: 'Quiet-Harbour-Lantern-58' })
      .expect(204);
    await on(other).get('/api/auth/me').set('Cookie', there.cookie).expect(401);
    await on(t.app).get('/api/auth/me').set('Cookie', there.cookie).expect(401);
    await on(other).get('/api/auth/me').set('Cookie', here.cookie).expect(200);
  });
});

@Controller('log-probe')
class LogProbeController {
  @Public()
  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('boom-for-the-log');
  }
}

@Module({ controllers: [LogProbeController] })
class LogProbeModule {}

describe('the request log line', () => {
  let t: TestApp;
  let written: string[];

  beforeAll(async () => {
    t = await createTestApp([LogProbeModule], { LOG_LEVEL: 'info' });
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /** The JSON log entries written so far, once the response's own line is out. */
  async function entries(untilPath: string) {
    for (let i = 0; i < 200 && !written.some((l) => l.includes(`"path":"${untilPath}"`)); i++) await new Promise((r) => setImmediate(r));
    return written.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('is one line: method, path without its query, status, time, user id; no header, cookie, token or query value', async () => {
    const agent = await signInAs(t, { roles: ['office'] });
    written = [];
    await agent
      .get('/api/users?q=110101199003077777')
      .set('X-Probe-Header', 'header-value-that-must-not-be-logged')
      .set('User-Agent', 'agent-that-must-not-be-logged')
      .expect(200);
    const lines = (await entries('/api/users')).filter((e) => (e['req'] as { path?: string } | undefined)?.path === '/api/users');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 30, req: { method: 'GET', path: '/api/users' }, res: { statusCode: 200 }, userId: agent.user.id });
    expect(typeof line['responseTime']).toBe('number');
    expect(Object.keys(line['req'] as object).sort()).toEqual(['method', 'path']);
    expect(Object.keys(line['res'] as object)).toEqual(['statusCode']);
    const text = written.join('');
    for (const secret of ['110101199003077777', 'header-value-that-must-not-be-logged', 'agent-that-must-not-be-logged', 'crm_session', 'XSRF', 'headers', 'cookie']) {
      expect(text).not.toContain(secret);
    }
  });

  it('an answer of 5xx is logged as an error with the stack of what failed', async () => {
    await request(t.app.getHttpServer()).get('/api/log-probe/boom').expect(500);
    const all = await entries('/api/log-probe/boom');
    const request500 = all.find((e) => (e['req'] as { path?: string } | undefined)?.path === '/api/log-probe/boom' && e['res']);
    expect(request500).toMatchObject({ level: 50, res: { statusCode: 500 } });
    const text = written.join('');
    expect(text).toContain('boom-for-the-log');
    expect(text).toMatch(/Error: boom-for-the-log\\n\s+at /);
  });
});
