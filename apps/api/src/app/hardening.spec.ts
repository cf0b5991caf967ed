import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import request from 'supertest';
import { AppModule } from './app.module';

describe('HTTP hardening', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('sends security headers', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows no foreign origin by default (CORS)', async () => {
    const res = await http().get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413', async () => {
    await http()
      .post('/api/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }))
      .expect(413);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await http().post('/api/auth/sign-in').send({ username: user.username, password: user.password })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    const limited = await http().post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(429);
    expect(limited.body.message).toContain('登录尝试过于频繁');
  });
});
