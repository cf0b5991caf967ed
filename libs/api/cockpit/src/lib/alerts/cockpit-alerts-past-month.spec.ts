import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import {
  addDays,
  EVALUATION_DIMENSIONS,
  ManualClock,
  projectListParams,
  shanghaiToday,
  type CockpitView,
  type ProjectPage,
} from '@crm/domain';
import { CockpitModule } from '../cockpit.module';
import { monthsBefore } from './alert.service';

/**
 * The cockpit's alert counts are those of the month chosen (issue 19 §3): a past month counts as
 * of its window's end, not today, and each count carries the project list behind it, which lists
 * exactly the projects counted.
 */
describe('the cockpit counts alerts for the month chosen', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let office: SignedInAgent;
  const year = Number(shanghaiToday().slice(0, 4));
  // Today: Shanghai noon of 15 June.
  const clock = new ManualClock(`${year}-06-15T04:00:00.000Z`);
  const today = `${year}-06-15`;
  let projectId = '';

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [staff, office] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['office'] }),
    ]);
    // Signed ten days before the 6-month mark of today: a 签约未供地 alert today, not yet in April.
    const signedOn = addDays(monthsBefore(today, 6), -10);
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    const created = await staff
      .post('/api/projects', {
        name: '预警月份测试项目',
        chain: 'clean-energy',
        investorName: '某储能公司',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
      })
      .expect(201);
    projectId = created.body.id;
    await staff
      .post(`/api/projects/${projectId}/activities`, { kind: 'visit', occurredOn: addDays(signedOn, -30), summary: '走访', ourParticipants: ['张三'] })
      .expect(201);
    const opened = await staff
      .post(`/api/projects/${projectId}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
        eliminatedCategory: false,
      })
      .expect(201);
    await staff
      .post(`/api/projects/${projectId}/evaluations/${opened.body.id}/conclusion`, {
        conclusion: 'pass',
        concludedOn: addDays(signedOn, -10),
        version: opened.body.version,
      })
      .expect(200);
    await staff
      .post(`/api/projects/${projectId}/stage-moves`, {
        to: 'signed',
        version: (await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [projectId]))[0].version,
        plannedInvestment: '150000',
        signedAmount: '50000',
        signedOn,
        agreementRef: `TZ-${year}-ALERT`,
      })
      .expect(201);
  });
  afterAll(() => t.close());

  async function listed(query: NonNullable<CockpitView['alertQueries']>['signed-no-land']): Promise<string[]> {
    const params = new URLSearchParams(projectListParams(query ?? {}) as Record<string, string>);
    params.set('limit', '100');
    const page: ProjectPage = (await office.get(`/api/projects?${params}`).expect(200)).body;
    return page.items.map((p) => p.id);
  }

  it('counts the running month as of today, each count linking to the projects it counts', async () => {
    const view: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=6`).expect(200)).body;
    expect(view.alertsAsOf).toBe(today);
    expect(view.alertCounts['signed-no-land']).toBe(1);
    expect(await listed(view.alertQueries?.['signed-no-land'] ?? null)).toEqual([projectId]);
    expect(view.alertQueries?.['report-late']).toBeNull();
  });

  it('counts a past month as of its window’s end, not today: the alert had not fallen due then', async () => {
    const view: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=4`).expect(200)).body;
    expect(view.alertsAsOf).toBe(view.window?.to);
    expect(view.alertsAsOf! < today).toBe(true);
    expect(view.alertCounts['signed-no-land']).toBe(0);
    // The list behind the count, as of the same day, lists nothing either.
    expect(await listed(view.alertQueries?.['signed-no-land'] ?? null)).toEqual([]);
  });

  it('a past month’s 久未跟进 lists the projects idle as of its window’s end, as it counts them', async () => {
    const april: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=4`).expect(200)).body;
    const asOf = april.alertsAsOf!;
    // A visit two days before April's end: not idle then (30 days), idle today (mid-June).
    await staff
      .post(`/api/projects/${projectId}/activities`, { kind: 'visit', occurredOn: addDays(asOf, -2), summary: '回访', ourParticipants: ['张三'] })
      .expect(201);
    const past: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=4`).expect(200)).body;
    expect(past.alertCounts.idle).toBe(0);
    expect(past.alertQueries?.idle?.idleAsOf).toBe(asOf);
    expect(await listed(past.alertQueries?.idle ?? null)).toEqual([]);
    const now: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=6`).expect(200)).body;
    expect(now.alertCounts.idle).toBe(1);
    expect(await listed(now.alertQueries?.idle ?? null)).toEqual([projectId]);
  });

  it('refuses an idleAsOf that is not a date, in words', async () => {
    const res = await office.get('/api/projects?idleDays=30&idleAsOf=2025-02-30').expect(400);
    expect(JSON.stringify(res.body)).toContain('无跟进的截止日期');
  });
});
