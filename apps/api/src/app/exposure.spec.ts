import { createTestApp, createTestUser, signInAs, type TestApp } from '@crm/api/testing';
import request from 'supertest';

/** Issue 18 item 5: what the API shows to whom: API docs, caching of signed-in answers, what the log keeps. */
describe('exposure', () => {
  describe('in production', () => {
    let t: TestApp;
    let docs: TestApp;
    beforeAll(async () => {
      const production = { NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(64), COOKIE_SECURE: 'false' };
      t = await createTestApp([], production);
      docs = await createTestApp([], { ...production, API_DOCS: 'true' });
    });
    afterAll(async () => {
      await t.close();
      await docs.close();
    });

    it('serves no Swagger unless API_DOCS=true turns it on', async () => {
      await request(t.app.getHttpServer()).get('/api/docs').expect(404);
      await request(t.app.getHttpServer()).get('/api/docs-json').expect(404);
      const on = await request(docs.app.getHttpServer()).get('/api/docs-json').expect(200);
      expect(on.body.info.title).toContain('API');
    });
  });

  describe('signed in', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp([], { LOG_LEVEL: 'info', SIGN_IN_RATE_PER_MINUTE: '1000' });
    });
    afterAll(() => t.close());

    it('answers with Cache-Control: no-store', async () => {
      const agent = await signInAs(t, { roles: ['admin'] });
      const me = await agent.get('/api/auth/me').expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
      const list = await agent.get('/api/users').expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
    });

    it('logs method, path, status, time and user id, and never a cookie, token or CSRF header', async () => {
      const user = await createTestUser(t, { roles: ['admin'] });
      const lines: string[] = [];
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
      let secrets: string[] = [];
      try {
        const signedIn = await request(t.app.getHttpServer())
          .post('/api/auth/sign-in')
          .send({ username: user.username, password: user.password })
          .expect(200);
        const cookies = ([] as string[]).concat(signedIn.headers['set-cookie']).map((c) => c.split(';')[0]);
        const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
        const session = cookies.find((c) => c.startsWith('crm_session='))?.split('=')[1] ?? '';
        secrets = [csrf, session, user.password];
        await request(t.app.getHttpServer()).get('/api/users?q=1').set('Cookie', cookies.join('; ')).expect(200);
        await request(t.app.getHttpServer())
          .post(`/api/users/${user.id}/unlock`)
          .set('Cookie', cookies.join('; '))
          .set('X-XSRF-TOKEN', csrf)
          .set('Authorization', 'Bearer not-a-real-one')
          .expect(201);
        // pino writes asynchronously after the answer.
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        write.mockRestore();
      }
      const log = lines.join('');
      expect(secrets.every((s) => s.length > 10)).toBe(true);
      for (const secret of secrets) expect(log).not.toContain(secret);
      expect(log).not.toMatch(/cookie|x-xsrf-token|authorization|Bearer|user-agent/i);
      const requests = lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('"responseTime"')).map((l) => JSON.parse(l));
      const listed = requests.find((r) => r.req?.path === '/api/users');
      expect(listed).toMatchObject({ req: { method: 'GET', path: '/api/users' }, res: { statusCode: 200 }, userId: user.id });
      expect(typeof listed.responseTime).toBe('number');
      expect(Object.keys(listed.req)).toEqual(['method', 'path']);
    });
  });
});
