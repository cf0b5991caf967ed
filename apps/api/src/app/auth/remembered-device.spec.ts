import { createTestApp, createTestUser, signInAs, type TestApp } from '@crm/api/testing';
import { ManualClock, type RememberedDeviceView } from '@crm/domain';
import request from 'supertest';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * 记住此设备: a leader's remembered session outlives the idle timeout and the browser, never the
 * maximum (SESSION_REMEMBER_DAYS, here 30); its user and the admin end it, and so does a password change.
 */
describe('remembered devices (记住此设备)', () => {
  let t: TestApp;
  const clock = new ManualClock('2040-03-01T02:00:00Z');
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp(
      [],
      { SIGN_IN_RATE_PER_MINUTE: '1000', SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '12', SESSION_REMEMBER_DAYS: '30' },
      { clock },
    );
  });
  afterAll(() => t.close());

  /** Signs in through the route; answers the cookies to send and the session cookie as set. */
  async function signIn(user: { username: string; password: string }, remember: boolean) {
    const res = await http()
      .post('/api/auth/sign-in')
      .set('User-Agent', IPHONE)
      .send({ username: user.username, password: user.password, remember })
      .expect(200);
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const pairs = set.map((c) => c.split(';')[0]);
    return {
      sessionCookie: set.find((c) => c.startsWith('crm_session=')) ?? '',
      cookie: pairs.join('; '),
      csrf: pairs.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '',
    };
  }
  const me = (s: { cookie: string }) => http().get('/api/auth/me').set('Cookie', s.cookie);

  it('keeps a leader signed in past the idle timeout and the 12 hours, not past 30 days; the cookie says until when', async () => {
    clock.set('2040-03-01T02:00:00Z');
    const leader = await createTestUser(t, { roles: ['leader'], person: '徐进' });
    const remembered = await signIn(leader, true);
    const ordinary = await signIn(leader, false);
    expect(remembered.sessionCookie).toMatch(/HttpOnly/);
    expect(remembered.sessionCookie).toMatch(/SameSite=Strict/);
    expect(remembered.sessionCookie).toMatch(/Expires=Sat, 31 Mar 2040 02:00:00 GMT/);
    expect(ordinary.sessionCookie).not.toMatch(/Expires=/);

    clock.advance(3 * HOUR); // idle past 120 minutes
    await me(ordinary).expect(401);
    await me(remembered).expect(200);
    clock.advance(10 * DAY); // past SESSION_MAX_HOURS after sign-in, and days idle
    await me(remembered).expect(200);
    clock.set(new Date(Date.parse('2040-03-31T02:00:00Z') - 60_000).toISOString());
    await me(remembered).expect(200);
    clock.set('2040-03-31T02:00:01Z'); // 30 days after sign-in: over
    await me(remembered).expect(401);
  });

  it('is for leaders only: anyone else who asks gets an ordinary session', async () => {
    clock.set('2040-04-01T02:00:00Z');
    const staff = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const s = await signIn(staff, true);
    expect(s.sessionCookie).not.toMatch(/Expires=/);
    clock.advance(3 * HOUR);
    await me(s).expect(401);
    const [row] = await t.dataSource.query(`SELECT bool_or(remembered) AS any FROM user_session WHERE user_id = $1`, [staff.id]);
    expect(row.any).toBe(false);
  });

  it('lists the user’s remembered devices; 移除 ends one (audited); another user’s device answers 404', async () => {
    clock.set('2040-05-01T02:00:00Z');
    const leader = await createTestUser(t, { roles: ['leader'], person: '徐进' });
    const phone = await signIn(leader, true);
    const other = await signIn(leader, true);
    await signIn(leader, false);
    const list = (await http().get('/api/auth/remembered-devices').set('Cookie', phone.cookie).expect(200))
      .body as RememberedDeviceView[];
    expect(list).toHaveLength(2);
    expect(list.map((d) => d.device)).toEqual(['iPhone · Safari', 'iPhone · Safari']);
    expect(list.filter((d) => d.current)).toHaveLength(1);
    expect(list[0].expiresAt).toBe('2040-05-31T02:00:00.000Z');
    const otherId = list.find((d) => !d.current)?.id as string;
    expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{64}/); // never the session's hash

    const stranger = await signInAs(t, { roles: ['leader'], person: '肖军' });
    await stranger.delete(`/api/auth/remembered-devices/${otherId}`).expect(404);
    await me(other).expect(200);

    await http()
      .delete(`/api/auth/remembered-devices/${otherId}`)
      .set('Cookie', phone.cookie)
      .set('X-XSRF-TOKEN', phone.csrf)
      .expect(204);
    await me(other).expect(401);
    await me(phone).expect(200);
    const [audit] = await t.dataSource.query(
      `SELECT action, entity_type, before FROM audit_log WHERE entity_id = $1 AND action = 'delete'`,
      [otherId],
    );
    expect(audit).toEqual({ action: 'delete', entity_type: 'remembered_device', before: { device: 'iPhone · Safari' } });
    const created = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'remembered_device' AND action = 'create' AND user_id = $1`,
      [leader.id],
    );
    expect(created[0].n).toBe(2);
  });

  it('ends with a password change (the other devices) and when the admin ends the user’s sessions (all)', async () => {
    clock.set('2040-06-01T02:00:00Z');
    const leader = await createTestUser(t, { roles: ['leader'], person: '徐进' });
    const phone = await signIn(leader, true);
    const desk = await signIn(leader, true);
    await http()
      .post('/api/auth/password')
      .set('Cookie', desk.cookie)
      .set('X-XSRF-TOKEN', desk.csrf)
      .send({ currentPassword: leader.password, newPassword: 'Golmud-2040-new-pass' })
      .expect(204);
    await me(phone).expect(401);
    await me(desk).expect(200);

    const admin = await signInAs(t, { roles: ['admin'] });
    const staffAgent = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    await staffAgent.post(`/api/users/${leader.id}/sessions/end`).expect(403);
    const ended = await admin.post(`/api/users/${leader.id}/sessions/end`).expect(200);
    expect(ended.body).toEqual({ ended: 1 });
    await me(desk).expect(401);
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND user_id = $2`,
      [leader.id, admin.user.id],
    );
    expect(audit.after).toEqual({ sessionsEnded: 1, rememberedDevicesEnded: 1 });
    await admin.post(`/api/users/00000000-0000-4000-8000-000000000000/sessions/end`).expect(404);
  });

  it('ends when the user is no longer a leader', async () => {
    clock.set('2040-07-01T02:00:00Z');
    const leader = await createTestUser(t, { roles: ['leader'], person: '徐进' });
    const phone = await signIn(leader, true);
    await me(phone).expect(200);
    await t.dataSource.query(`UPDATE app_user SET roles = '{office}' WHERE id = $1`, [leader.id]);
    await me(phone).expect(401);
  });
});
