import { createTestApp, createTestUser, signInAs, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import request from 'supertest';

/** Issue 18 item 4: the forced change in the API, sessions ended by a reset, the password policy, the limit on change-password. */
describe('passwords: forced change, reset, policy, limit', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp([], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock: new ManualClock('2040-03-01T02:00:00Z') });
  });
  afterAll(() => t.close());

  it('a user who must change their password gets 403 from every route but change-password, sign-out and me', async () => {
    const agent = await signInAs(t, { roles: ['admin'] });
    await agent.get('/api/users').expect(200);
    await t.dataSource.query(`UPDATE app_user SET must_change_password = true WHERE id = $1`, [agent.user.id]);

    const refused = await agent.get('/api/users').expect(403);
    expect(refused.body.message).toContain('请先修改初始密码');
    await agent.post(`/api/users/${agent.user.id}/unlock`).expect(403);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.mustChangePassword).toBe(true);

    await agent.post('/api/auth/password', { currentPassword: agent.user.password, newPassword: 'Lantern-Harbour-47' }).expect(204);
    await agent.get('/api/users').expect(200);
    await agent.post('/api/auth/sign-out').expect(204);
  });

  it("an admin's reset ends the user's sessions and makes them change the password", async () => {
    const admin = await signInAs(t, { roles: ['admin'] });
    const user = await signInAs(t, { roles: ['office'] });
    await user.get('/api/auth/me').expect(200);

    await admin.patch(`/api/users/${user.user.id}`, { password: 'Copper-Willow-2931' }).expect(200);
    await user.get('/api/auth/me').expect(401);
    expect(await t.dataSource.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [user.user.id])).toEqual([]);

    const back = await http().post('/api/auth/sign-in').send({ username: user.user.username, password: 'Copper-Willow-2931' }).expect(200);
    expect(back.body.mustChangePassword).toBe(true);
  });

  it('refuses weak passwords: too short, common ones with digits added, runs, the username', async () => {
    const agent = await signInAs(t, { roles: ['admin'] });
    const change = (newPassword: string) => agent.post('/api/auth/password', { currentPassword: agent.user.password, newPassword });
    for (const weak of ['password1234', 'Password@2040', 'qwertyuiop123', '123456789012', 'aaaaaaaaaaaaaa', 'woaini1314520', `${agent.user.username}!x`]) {
      const res = await change(weak).expect(400);
      expect(res.body.errors.newPassword.join(' ')).toMatch(/过于简单|至少12位/);
    }
    const short = await change('Ab3$efgh').expect(400);
    expect(short.body.errors.newPassword).toEqual(['新密码至少12位 / The new password needs at least 12 characters']);

    const other = await createTestUser(t, { roles: ['office'] });
    const reset = await agent.patch(`/api/users/${other.id}`, { password: 'password1234' }).expect(400);
    expect(reset.body.errors.password[0]).toContain('过于简单');
    const created = await agent.post('/api/users', { username: 'weak-one', displayName: '弱密码', roles: ['office'], password: 'admin12345678' }).expect(400);
    expect(created.body.errors.password[0]).toContain('过于简单');

    await change('Granite-Meadow-815').expect(204);
  });
});

describe('change-password is rate-limited like sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp([], { SIGN_IN_RATE_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  it('answers 429 once the per-address limit is spent, even for the right current password', async () => {
    const agent = await signInAs(t, { roles: ['office'] });
    for (let i = 0; i < 4; i++) {
      await agent.post('/api/auth/password', { currentPassword: `guess-${i}-wrong`, newPassword: 'Granite-Meadow-815' }).expect(400);
    }
    const limited = await agent.post('/api/auth/password', { currentPassword: agent.user.password, newPassword: 'Granite-Meadow-815' }).expect(429);
    expect(limited.body.message).toContain('过于频繁');
    // The password did not change.
    await request(t.app.getHttpServer()).post('/api/auth/sign-in').send({ username: agent.user.username, password: agent.user.password }).expect(200);
  });
});
