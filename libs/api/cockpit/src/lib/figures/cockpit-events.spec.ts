import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type CockpitView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

/**
 * 招商活动 on the city cockpit (issue 20 §4): the events of the year to the end of the chosen
 * period's window, the firms met, the linked projects and their results up to then, read from the
 * events area (eventPeriodTotals, as the roll-up reads it) and checked against an independent count
 * of a fixture; a chain's event is counted for the office, not for a leader of another chain.
 */
describe('GET /api/cockpit: 招商活动 totals', () => {
  const Y = 2042;
  const clock = new ManualClock(`${Y + 1}-01-10T09:00:00+08:00`);
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [office, leader] = await Promise.all([signInAs(t, { roles: ['office'] }), signInAs(t, { roles: ['leader'], person: '徐进' })]);
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市数据局' });
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市数据局'`);
    const [{ id: chainId }] = await q(`SELECT id FROM chain WHERE code = 'clean-energy'`);
    const firm = async (name: string) =>
      (await q(`INSERT INTO enterprise (name, normalised_name, created_at, updated_at) VALUES ($1, $1, now(), now()) RETURNING id`, [name]))[0]
        .id as string;
    const event = async (name: string, from: string, to: string, firms: string[], chains: number[] = []) => {
      const [{ id }] = await q(
        `INSERT INTO promotion_event (name, normalised_name, kind, starts_on, ends_on, chain_ids, created_at, updated_at)
         VALUES ($1, $1, 'trip', $2, $3, $4::smallint[], now(), now()) RETURNING id`,
        [name, from, to, chains],
      );
      for (const f of firms) await q(`INSERT INTO promotion_event_enterprise (event_id, enterprise_id) VALUES ($1, $2)`, [id, f]);
      return id as string;
    };
    const project = async (name: string, eventId: string) =>
      (
        await q(
          `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, event_id)
           VALUES ($1, $2, '投资方', 'other', $3, $4, 'lead', 'active', $5) RETURNING id`,
          [name, chainId, unitId, owner.id, eventId],
        )
      )[0].id as string;
    const sign = (projectId: string, amount: string, on: string) =>
      q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', $2, $3, $4)`, [
        projectId,
        amount,
        on,
        `C-${projectId.slice(0, 8)}`,
      ]);
    const fund = (projectId: string, month: string, amount: string) =>
      q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [projectId, month, amount]);

    const [f1, f2, f3] = [await firm('驾驶舱活动甲公司'), await firm('驾驶舱活动乙公司'), await firm('驾驶舱活动丙公司')];
    const winter = await event('驾驶舱活动跨年考察', `${Y - 1}-12-30`, `${Y}-01-02`, [f1]); // held in part this year
    const spring = await event('驾驶舱活动春季展会', `${Y}-03-05`, `${Y}-03-07`, [f1, f2], [chainId]); // clean energy's own
    await event('驾驶舱活动十月论坛', `${Y}-09-26`, `${Y}-10-01`, [f3]); // after September's window
    await event('驾驶舱活动去年展会', `${Y - 1}-06-01`, `${Y - 1}-06-03`, [f3]);
    const p1 = await project('驾驶舱活动项目一', spring);
    await sign(p1, '8000', `${Y}-04-01`);
    await fund(p1, `${Y}-06`, '1200.25');
    await fund(p1, `${Y}-10`, '99');
    await project('驾驶舱活动项目二', winter);
    const p3 = await project('驾驶舱活动项目三', winter);
    await sign(p3, '3000', `${Y}-09-26`); // the day after September's window
  });
  afterAll(() => t.close());

  it('the office’s figure equals an independent count of the year to September’s window end', async () => {
    const view = (await office.get(`/api/cockpit?year=${Y}&month=9`).expect(200)).body as CockpitView;
    const totals = view.eventTotals;
    expect(totals).toBeDefined();
    const { from, to } = totals as { from: string; to: string };
    expect([from, to]).toEqual([`${Y}-01-01`, `${Y}-09-25`]);
    const held = `SELECT id FROM promotion_event WHERE starts_on <= $2 AND ends_on >= $1`;
    const [expected] = await q(
      `SELECT (SELECT count(*) FROM (${held}) e)::int AS events,
              (SELECT count(DISTINCT enterprise_id) FROM promotion_event_enterprise WHERE event_id IN (${held}))::int AS firms,
              (SELECT count(*) FROM project WHERE event_id IN (${held}))::int AS projects,
              (SELECT count(DISTINCT project_id) FROM project_agreement
               WHERE signed_on <= $2 AND project_id IN (SELECT id FROM project WHERE event_id IN (${held})))::int AS signed,
              (SELECT coalesce(sum(amount), 0) FROM project_agreement
               WHERE signed_on <= $2 AND project_id IN (SELECT id FROM project WHERE event_id IN (${held}))) AS amount,
              (SELECT coalesce(sum(amount), 0) FROM fund_arrival
               WHERE month <= $3 AND project_id IN (SELECT id FROM project WHERE event_id IN (${held}))) AS funds`,
      [from, to, `${Y}-09`],
    );
    expect(totals).toMatchObject({ events: expected.events, firmsMet: expected.firms, projects: expected.projects, signedProjects: expected.signed });
    expect(Number(totals?.signedAmount)).toBe(Number(expected.amount));
    expect(Number(totals?.fundsInPlace)).toBe(Number(expected.funds));
    expect(totals).toMatchObject({ events: 2, firmsMet: 2, projects: 3, signedProjects: 1, signedAmount: '8000', fundsInPlace: '1200.25' });
  });

  it('a leader of another chain counts the city-wide events only', async () => {
    const view = (await leader.get(`/api/cockpit?year=${Y}&month=9`).expect(200)).body as CockpitView;
    expect(view.eventTotals).toMatchObject({ events: 1, firmsMet: 1, projects: 2, signedProjects: 0, signedAmount: '0', fundsInPlace: '0' });
  });
});
