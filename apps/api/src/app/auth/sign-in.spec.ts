import { createTestApp, createTestUser, signInAs, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import request from 'supertest';

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    // Users' chains are read for a day of a year with no published plan (no key-task duty): a
    // unit's staff read exactly the chains their unit serves, whatever today's year is.
    t = await createTestApp(
      [],
      { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '10', SIGN_IN_RATE_PER_MINUTE: '1000' },
      { clock: new ManualClock('2040-03-01T02:00:00Z') },
    );
  });
  afterAll(() => t.close());

  it('signs in with the right password, sets an httpOnly session cookie, and never answers a secret', async () => {
    const user = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const res = await http().post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    expect(cookies.find((c) => c.startsWith('crm_session='))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith('crm_session='))).toMatch(/SameSite=Strict/);
    expect(res.body).toMatchObject({ username: user.username, roles: ['staff'], unit: { name: '市能源局' } });
    expect(res.body.chainCodes).toEqual(['clean-energy', 'oil-gas-chemical']);
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(user.password);
    expect(body).not.toMatch(/argon2|password_?hash/i);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM user_session WHERE user_id = $1`, [user.id]);
    const token = cookies.find((c) => c.startsWith('crm_session='))?.split(';')[0].split('=')[1];
    expect(id).not.toBe(token);
  });

  it('counts wrong passwords, slows them, then locks the account; the lock is audited and ends', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const attempt = (password: string) => http().post('/api/auth/sign-in').send({ username: user.username, password });
    const first = await attempt('wrong-password-1').expect(401);
    expect(first.body.message).toContain('用户名或密码不正确');
    expect(first.body.message).not.toMatch(/还可尝试|attempts left/);
    const started = Date.now();
    await attempt('wrong-password-2').expect(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const locking = await attempt('wrong-password-3').expect(401);
    expect(locking.body.message).toBe(first.body.message);
    const [row] = await t.dataSource.query(
      `SELECT failed_attempts, locked_until > now() + interval '9 minutes' AS locked FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row).toEqual({ failed_attempts: 3, locked: true });
    const [audit] = await t.dataSource.query(`SELECT action, entity_id FROM audit_log WHERE action = 'lock' AND entity_id = $1`, [
      user.id,
    ]);
    expect(audit).toEqual({ action: 'lock', entity_id: user.id });

    // Even the right password is refused while locked.
    const locked = await attempt(user.password).expect(401);
    expect(locked.body.message).toBe(first.body.message);

    // Once the lock has passed, the right password works and the count starts again.
    await t.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [user.id]);
    await attempt(user.password).expect(200);
    const [after] = await t.dataSource.query(`SELECT failed_attempts, locked_until FROM app_user WHERE id = $1`, [user.id]);
    expect(after).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('answers an unknown user exactly like a wrong password (usernames cannot be guessed)', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const unknown = await http().post('/api/auth/sign-in').send({ username: 'nobody-here', password: 'whatever-123' }).expect(401);
    const wrong = await http().post('/api/auth/sign-in').send({ username: user.username, password: 'whatever-123' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.message).toContain('用户名或密码不正确');
    expect(JSON.stringify(wrong.body)).not.toMatch(/还可尝试|attempts left|\d 次/);
    // The admin still sees the failures on the account.
    const [row] = await t.dataSource.query(`SELECT failed_attempts FROM app_user WHERE id = $1`, [user.id]);
    expect(row.failed_attempts).toBe(1);
  });

  it('a parallel burst of wrong passwords and the right one: the account locks and the right one is refused', async () => {
    const user = await createTestUser(t, { roles: ['office'] });
    const attempt = (password: string) => http().post('/api/auth/sign-in').send({ username: user.username, password });
    const wrong = Array.from({ length: 12 }, (_, i) => attempt(`wrong-password-${i}`));
    const answers = await Promise.all([...wrong, attempt(user.password)]);
    expect(answers.map((r) => r.status)).toEqual(Array(13).fill(401));
    const [row] = await t.dataSource.query(`SELECT failed_attempts, locked_until > $2::timestamptz AS locked FROM app_user WHERE id = $1`, [
      user.id,
      t.clock.now(),
    ]);
    expect(row.locked).toBe(true);
    expect(await t.dataSource.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [user.id])).toEqual([]);
    // Still locked: the right password is refused until the lock ends.
    await attempt(user.password).expect(401);
    const audits = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'lock' AND entity_id = $1`, [user.id]);
    expect(audits).toHaveLength(1);
  });

  it('refuses bad sign-in input with field messages', async () => {
    const res = await http().post('/api/auth/sign-in').send({ username: '', extra: 1 }).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['extra', 'password', 'username']);
  });

  it('refuses an expired session, and a session past its maximum age', async () => {
    const agent = await signInAs(t, { roles: ['office'] });
    await agent.get('/api/auth/me').expect(200);
    await t.dataSource.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [agent.user.id]);
    const res = await agent.get('/api/auth/me').expect(401);
    expect(res.body.message).toContain('请先登录');

    const again = await signInAs(t, { roles: ['office'] });
    await t.dataSource.query(`UPDATE user_session SET created_at = now() - interval '13 hours' WHERE user_id = $1`, [again.user.id]);
    await again.get('/api/auth/me').expect(401);
  });

  it('refuses a change without the CSRF token', async () => {
    // Signed in by hand: the test agent would set the right header on every request.
    const user = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const signedIn = await http().post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    const cookie = ([] as string[]).concat(signedIn.headers['set-cookie']).map((c) => c.split(';')[0]).join('; ');
    const body = { currentPassword: user.password, newPassword: 'Granite-Meadow-815' };
    const res = await http().post('/api/auth/password').set('Cookie', cookie).set('X-XSRF-TOKEN', 'forged').send(body).expect(403);
    expect(res.body.message).toContain('CSRF');
    await http().post('/api/auth/password').set('Cookie', cookie).send(body).expect(403);
  });

  it('signs out: the session no longer works', async () => {
    const agent = await signInAs(t, { roles: ['leader'], person: '徐进' });
    await agent.post('/api/auth/sign-out').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const agent = await signInAs(t, { roles: ['admin'] });
    const other = await http().post('/api/auth/sign-in').send({ username: agent.user.username, password: agent.user.password }).expect(200);
    const otherCookie = ([] as string[]).concat(other.headers['set-cookie']).map((c) => c.split(';')[0]).join('; ');

    await agent.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'new-password-123' }).expect(400);
    const short = await agent.post('/api/auth/password', { currentPassword: agent.user.password, newPassword: 'short' }).expect(400);
    expect(short.body.errors.newPassword[0]).toContain('至少12位');
    await agent.post('/api/auth/password', { currentPassword: agent.user.password, newPassword: 'new-password-123' }).expect(204);

    await agent.get('/api/auth/me').expect(200);
    await http().get('/api/auth/me').set('Cookie', otherCookie).expect(401);
    await http().post('/api/auth/sign-in').send({ username: agent.user.username, password: agent.user.password }).expect(401);
    await http().post('/api/auth/sign-in').send({ username: agent.user.username, password: 'new-password-123' }).expect(200);
  });
});
