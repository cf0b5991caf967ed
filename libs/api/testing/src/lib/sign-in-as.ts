import { hashPassword } from '@crm/api/auth';
import type { Role } from '@crm/domain';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './test-app';

export interface TestUserOptions {
  roles: Role[];
  /** The unit, by canonical name (staff work on the chains it serves). */
  unit?: string;
  /** The person of the reference data, by name (leaders read the chains they lead). */
  person?: string;
  username?: string;
}

export interface SignedInAgent {
  user: { id: string; username: string; password: string };
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
  /** A multipart POST with one file. */
  upload(path: string, field: string, bytes: Buffer, fileName: string): request.Test;
}

/** Creates a user in the test database. The password is random, and returned. */
export async function createTestUser(t: TestApp, options: TestUserOptions) {
  const username = options.username ?? `u_${options.roles.join('_')}_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const [row] = await t.dataSource.query(
    `INSERT INTO app_user (username, display_name, password_hash, roles, unit_id, person_id, created_at, updated_at)
     VALUES ($1, $1, $2, $3, (SELECT id FROM unit WHERE name = $4), (SELECT id FROM person WHERE name = $5), $6, $6)
     RETURNING id`,
    [username, await hashPassword(password), options.roles, options.unit ?? null, options.person ?? null, t.clock.now()],
  );
  if (options.unit && !(await t.dataSource.query(`SELECT 1 FROM unit WHERE name = $1`, [options.unit])).length) {
    throw new Error(`no unit named ${options.unit}`);
  }
  return { id: row.id as string, username, password };
}

/**
 * A user signed in through the real POST /api/auth/sign-in: requests carry its session cookie and
 * the CSRF header, as the web app's do. Sessions live on the test's clock (createTestApp's `clock`),
 * so when a test moves that clock back, or forward past the idle or the maximum session time, the
 * agent signs in again (through the same route) before its next request, as a returning user would.
 */
export async function signInAs(t: TestApp, options: TestUserOptions): Promise<SignedInAgent> {
  const user = await createTestUser(t, options);
  const signIn = async () => {
    const res = await request(t.app.getHttpServer())
      .post('/api/auth/sign-in')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const at = t.clock.now().getTime();
    return {
      csrf: cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '',
      cookie: cookies.join('; '),
      signedInAt: at,
      lastUsedAt: at,
    };
  };
  let session = await signIn();
  const HOUR = 3_600_000;
  const current = async () => {
    const now = t.clock.now().getTime();
    if (now < session.signedInAt || now - session.lastUsedAt > HOUR || now - session.signedInAt > 11 * HOUR) session = await signIn();
    session.lastUsedAt = now;
    return session;
  };
  const server = () => request(t.app.getHttpServer());
  const withAuth = (test: request.Test): request.Test => {
    const end = test.end.bind(test);
    test.end = ((callback?: Parameters<request.Test['end']>[0]) => {
      current().then(
        (s) => {
          test.set('Cookie', s.cookie).set('X-XSRF-TOKEN', s.csrf);
          end(callback);
        },
        (error: Error) => callback?.(error, undefined as never),
      );
      return test;
    }) as request.Test['end'];
    return test;
  };
  return {
    user,
    get: (path) => withAuth(server().get(path)),
    post: (path, body) => withAuth(server().post(path)).send(body ?? {}),
    patch: (path, body) => withAuth(server().patch(path)).send(body ?? {}),
    put: (path, body) => withAuth(server().put(path)).send(body ?? {}),
    delete: (path) => withAuth(server().delete(path)),
    upload: (path, field, bytes, fileName) => withAuth(server().post(path)).attach(field, bytes, fileName),
  };
}
