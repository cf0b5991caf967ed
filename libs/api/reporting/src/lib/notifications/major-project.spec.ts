import { PipelineModule } from '@crm/api/pipeline';
import {
  createTestApp,
  createTestUser,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import { ReportingModule } from '../reporting.module';

/** 重大项目随时报: the office hears of a major project, or a major event on one, at once. */
describe('major projects notify the office at once', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let office: SignedInAgent;
  const officeIds: string[] = [];
  let unitId: number;

  const majorNotices = (): Promise<
    { user_id: string; title: string; body: string; link: string }[]
  > =>
    t.dataSource.query(
      `SELECT user_id, title, body, link FROM notification WHERE kind = 'major-project' ORDER BY created_at, user_id`,
    );
  const create = async (name: string, major: boolean) =>
    (
      await staff
        .post('/api/projects', {
          name,
          chain: 'clean-energy',
          investorName: '青海某新能源公司',
          sourceChannel: 'platform-expo',
          responsibleUnitId: unitId,
          plannedInvestment: 25000.5,
          major,
        })
        .expect(201)
    ).body as { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    [{ id: unitId }] = await t.dataSource.query(
      `SELECT id FROM unit WHERE name = '市能源局'`,
    );
    office = await signInAs(t, { roles: ['office'] });
    officeIds.push(
      office.user.id,
      (await createTestUser(t, { roles: ['office', 'admin'] })).id,
    );
    officeIds.sort();
    // Not told: an office account switched off, an admin, a leader.
    const gone = await createTestUser(t, { roles: ['office'] });
    await t.dataSource.query(
      `UPDATE app_user SET active = false WHERE id = $1`,
      [gone.id],
    );
    await createTestUser(t, { roles: ['admin'] });
    await createTestUser(t, { roles: ['leader'], person: '徐进' });
  });
  afterAll(() => t.close());

  it('notifies every active office user when a project is created major, in the same request', async () => {
    const p = await create('百万千瓦光伏基地', true);
    const notices = await majorNotices();
    expect(notices.map((n) => n.user_id)).toEqual(officeIds);
    expect(notices[0]).toEqual({
      user_id: officeIds[0],
      title: '重大项目：百万千瓦光伏基地 / Major project: 百万千瓦光伏基地',
      body: expect.stringContaining(
        '市能源局 · 青海某新能源公司 · 计划投资 25000.5 万元',
      ),
      link: `/projects/${p.id}`,
    });
    expect(notices[0].body).toContain('新建为重大项目');
    const bell = await office
      .get('/api/notifications/unread-count')
      .expect(200);
    expect(bell.body).toEqual(expect.objectContaining({ unread: 1 }));
  });

  it('notifies when a project is flagged major, once, and not on other edits or a refused change', async () => {
    const p = await create('储能电站', false);
    expect(await majorNotices()).toHaveLength(2);
    // A stale edit that would flag it (made on the version before another edit) is refused:
    // nothing written, nobody told.
    const edited = await staff
      .patch(`/api/projects/${p.id}`, { location: '德令哈', version: p.version })
      .expect(200);
    await staff
      .patch(`/api/projects/${p.id}`, { major: true, version: p.version })
      .expect(409);
    expect(await majorNotices()).toHaveLength(2);
    const flagged = await staff
      .patch(`/api/projects/${p.id}`, { major: true, version: edited.body.version })
      .expect(200);
    const notices = await majorNotices();
    expect(notices).toHaveLength(4);
    expect(notices[3].title).toBe(
      '重大项目：储能电站 / Major project: 储能电站',
    );
    expect(notices[3].body).toContain('标记为重大项目');
    await staff
      .patch(`/api/projects/${p.id}`, {
        location: '格尔木',
        major: true,
        version: flagged.body.version,
      })
      .expect(200);
    expect(await majorNotices()).toHaveLength(4);
  });

  it('notifies of a follow-up marked as a major event, not of an ordinary one', async () => {
    const p = await create('氢能产业园', false);
    await staff
      .post(`/api/projects/${p.id}/activities`, {
        kind: 'visit',
        occurredOn: '2025-03-10',
        summary: '例行走访',
      })
      .expect(201);
    expect(await majorNotices()).toHaveLength(4);
    await staff
      .post(`/api/projects/${p.id}/activities`, {
        kind: 'negotiation',
        occurredOn: '2025-03-12',
        summary: '投资方决定追加投资至 50 亿元',
        major: true,
      })
      .expect(201);
    const notices = await majorNotices();
    expect(notices).toHaveLength(6);
    expect(notices[5]).toMatchObject({
      title: '重大事项：氢能产业园 / Major event on 氢能产业园',
      link: `/projects/${p.id}`,
    });
    expect(notices[5].body).toContain('2025-03-12');
    expect(notices[5].body).toContain('投资方决定追加投资至 50 亿元');
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'activity' AND project_id = $1 ORDER BY at DESC LIMIT 1`,
      [p.id],
    );
    expect(audit.after.major).toBe(true);
    await staff
      .post(`/api/projects/${p.id}/activities`, {
        kind: 'visit',
        occurredOn: '2025-03-12',
        summary: 'x',
        major: 'yes',
      })
      .expect(400);
  });
});
