import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { addDays, EVALUATION_DIMENSIONS, ManualClock, shanghaiToday, type AlertListView, type ChainCockpitView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

/**
 * 停滞最久的项目 on the leader page and the alerts on the same page count from the same business
 * date (issue 15 §4): a project entered today whose signing was 532 days ago has been signed 532
 * days, both ways, and the day it was entered stays in the audit.
 */
describe('time in stage from the business date: the leader page and its alerts agree', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let leader: SignedInAgent;
  // A clock set at a chosen instant (Shanghai noon of 15 June this year).
  const year = Number(shanghaiToday().slice(0, 4));
  const clock = new ManualClock(`${year}-06-15T04:00:00.000Z`);
  const today = `${year}-06-15`;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [staff, leader] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
    ]);
  });
  afterAll(() => t.close());

  it('counts 已停留 from the signing date, as the signed-no-land alert does', async () => {
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    const signedOn = addDays(today, -532);
    const created = await staff
      .post('/api/projects', {
        name: '停滞天数测试项目',
        chain: 'clean-energy',
        investorName: '某储能公司',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
      })
      .expect(201);
    const id: string = created.body.id;
    await staff
      .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: addDays(signedOn, -30), summary: '走访', ourParticipants: ['张三'] })
      .expect(201);
    const opened = await staff
      .post(`/api/projects/${id}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
        eliminatedCategory: false,
      })
      .expect(201);
    await staff
      .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
        conclusion: 'pass',
        concludedOn: addDays(signedOn, -10),
        version: opened.body.version,
      })
      .expect(200);
    // Entered today (by the clock), all the way to 项目签约 in one move, with the signing date of the agreement.
    await staff
      .post(`/api/projects/${id}/stage-moves`, {
        to: 'signed',
        version: (await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]))[0].version,
        plannedInvestment: '150000',
        signedAmount: '50000',
        signedOn,
        agreementRef: `TZ-${year}-532`,
      })
      .expect(201);
    const [entered] = await t.dataSource.query(`SELECT stage_entered_at, stage_since::text AS since FROM project WHERE id = $1`, [id]);
    expect(entered.stage_entered_at.toISOString()).toBe(clock.now().toISOString());
    expect(entered.since).toBe(signedOn);

    const page: ChainCockpitView = (await leader.get('/api/cockpit/chains/clean-energy').expect(200)).body;
    const stuck = page.stuck.find((s) => s.project.id === id);
    expect(stuck).toMatchObject({ since: signedOn, days: 532 });
    const alert = page.alerts.find((a) => a.project?.id === id && a.kind === 'signed-no-land');
    expect(alert).toMatchObject({ since: signedOn, days: 532 });

    const list: AlertListView = (await leader.get('/api/cockpit/alerts?chain=clean-energy').expect(200)).body;
    expect(list.asOf).toBe(today);
    expect(list.items.find((a) => a.project?.id === id && a.kind === 'signed-no-land')).toMatchObject({ since: signedOn, days: 532 });
    // The median time in 项目签约 counts from the same date.
    expect(page.stageDurations.find((d) => d.stage === 'signed')?.medianDaysCurrent).toBe(532);

    // A day later on the clock, both say 533.
    clock.set(`${addDays(today, 1)}T04:00:00.000Z`);
    // (A session idle for a day has ended: sign in again.)
    const again = await signInAs(t, { roles: ['leader'], person: '肖军' });
    const next: ChainCockpitView = (await again.get('/api/cockpit/chains/clean-energy').expect(200)).body;
    expect(next.stuck.find((s) => s.project.id === id)?.days).toBe(533);
    expect(next.alerts.find((a) => a.project?.id === id && a.kind === 'signed-no-land')?.days).toBe(533);
  });
});
