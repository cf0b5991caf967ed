import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import { AppModule } from './app.module';

/**
 * A month lived at a set clock, years away from the real calendar: the figures the product shows
 * are the ones a person computes by hand for that month, and no row written along the way carries
 * the database's own now() (every timestamp comes from the one injected clock). The year is the
 * seeded published plan's, whatever it is.
 */
describe('a dated scenario at a set clock', () => {
  let t: TestApp;
  let clock: ManualClock;
  let year: number;
  let energy: SignedInAgent;
  let office: SignedInAgent;
  let realStart: Date;
  const at = (monthDay: string, time = '10:00') => `${year}-${monthDay}T${time}:00+08:00`;

  beforeAll(async () => {
    clock = new ManualClock('2000-01-01T00:00:00Z');
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [{ year }] = await t.dataSource.query(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    clock.set(at('09-08'));
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    office = await signInAs(t, { roles: ['office'] });
    realStart = new Date();
  });
  afterAll(() => t.close());

  it('counts the month’s new leads, shows a late report’s days from its deadline, and writes no database now()', async () => {
    const [{ id: energyUnit }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    const period = `${year}-09`;
    // The web app's "today" follows the API's clock (/api/auth/me answers it).
    expect((await energy.get('/api/auth/me').expect(200)).body.serverTime).toBe(clock.now().toISOString());

    // Two leads logged in September, one contact each.
    for (const [day, name] of [['09-08', '定日光伏制氢'], ['09-15', '储能电站扩建']] as const) {
      clock.set(at(day));
      const created = await energy
        .post('/api/projects')
        .send({ name, chain: 'clean-energy', investorName: '某能源公司', sourceChannel: 'through-firms', responsibleUnitId: energyUnit })
        .expect(201);
      await energy
        .post(`/api/projects/${created.body.id}/activities`)
        .send({ kind: 'visit', occurredOn: `${year}-${day}`, summary: '上门对接' })
        .expect(201);
    }

    // The office opens September's period on the 10th; it is due by the 25th.
    clock.set(at('09-10'));
    const opened = await office.post('/api/reporting-periods').send({ period });
    expect(opened.status).toBeLessThan(300);

    // On the 20th 市能源局's draft counts the two leads of the month.
    clock.set(at('09-20'));
    const draft = await energy.get(`/api/monthly-reports/mine/${period}`).expect(200);
    const section = draft.body.figures.chains.find((c: { chainCode: string }) => c.chainCode === 'clean-energy');
    expect(section.newLeads).toBe(2);
    expect(section.activitiesByKind.visit).toBe(2);

    // A dispatch meeting on the 22nd gives 市能源局 an action item, closed with a note on the 24th.
    clock.set(at('09-22'));
    const [{ id: xiao }] = await t.dataSource.query(`SELECT id FROM person WHERE name = '肖军'`);
    const meeting = await energy
      .post('/api/meetings', {
        kind: 'monthly-dispatch',
        heldOn: `${year}-09-22`,
        chains: ['clean-energy'],
        chairPersonId: xiao,
        attendingUnitIds: [energyUnit],
        attendees: ['张三'],
        agenda: '一、审议项目推进情况',
        minutes: '会议听取了项目进展汇报。',
      })
      .expect(201);
    const item = await energy
      .post(`/api/meetings/${meeting.body.id}/action-items`, { text: '协调项目用地指标', ownerUnitId: energyUnit, dueOn: `${year}-09-30` })
      .expect(201);
    clock.set(at('09-24'));
    await energy.post(`/api/action-items/${item.body.id}/notes`, { text: '已与自然资源局对接' }).expect(201);
    // The leader of the chain writes an instruction on the first lead.
    const leader = await signInAs(t, { roles: ['leader'], person: '肖军' });
    const [{ id: firstLead }] = await t.dataSource.query(`SELECT id FROM project WHERE name = '定日光伏制氢'`);
    await leader.post(`/api/projects/${firstLead}/instructions`, { text: '加快推进' }).expect(201);

    // On 2 October nothing has been submitted: the late alert says 7 days (26 Sep … 2 Oct).
    clock.set(at('10-02'));
    const alerts = await office.get('/api/cockpit/alerts').expect(200);
    const late = alerts.body.items.filter((i: { kind: string }) => i.kind === 'report-late');
    expect(late.length).toBeGreaterThan(0);
    for (const item of late) {
      expect(item.period).toBe(period);
      expect(item.days).toBe(7);
    }

    // The office reminds 市能源局; it submits on the 3rd, late by the clock's reckoning.
    await office.post('/api/monthly-reports/reminders', { unitId: energyUnit, period }).expect((r) => expect(r.status).toBeLessThan(300));
    clock.set(at('10-03'));
    const saved = await energy
      .put(`/api/monthly-reports/mine/${period}`, { workDone: '走访企业两家', problems: '无', nextMonthPlan: '推进签约', version: draft.body.version })
      .expect(200);
    const submitted = await energy.post(`/api/monthly-reports/mine/${period}/submit`, { version: saved.body.version }).expect(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', late: true, submittedAt: new Date(at('10-03')).toISOString() });

    // The roll-up built on the 3rd counts the same two leads for the chain.
    const built = await office.post(`/api/roll-ups/${period}/build`);
    expect(built.status).toBeLessThan(300);
    const rollUp = built.body.report ?? built.body;
    const chainRow = JSON.stringify(rollUp);
    expect(chainRow).toContain('"newLeads":2');

    // No timestamp written during the scenario is the real time of day: all came from the clock.
    const realEnd = new Date(Date.now() + 1000);
    const columns: { table_name: string; column_name: string }[] = await t.dataSource.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
       WHERE c.table_schema = 'public' AND c.data_type = 'timestamp with time zone' AND tb.table_type = 'BASE TABLE'`,
    );
    const leaks: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}" BETWEEN $1 AND $2`,
        [realStart, realEnd],
      );
      if (n > 0) leaks.push(`${table_name}.${column_name} (${n})`);
    }
    expect(leaks).toEqual([]);
  });
});
