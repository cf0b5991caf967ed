import {
  createTestApp,
  createTestUser,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import { ReportingModule } from '../reporting.module';

const NARRATIVE = {
  workDone: '走访企业三家',
  problems: '用地指标需协调',
  nextMonthPlan: '推进签约',
};

describe('monthly reports /api/monthly-reports', () => {
  const clock = new ManualClock('2025-03-10T10:00:00+08:00');
  let t: TestApp;
  let energy: SignedInAgent;
  let data: SignedInAgent;
  let kunlun: SignedInAgent;
  let office: SignedInAgent;
  let projectId: string;

  const unitId = async (name: string) =>
    (await t.dataSource.query(`SELECT id FROM unit WHERE name = $1`, [name]))[0]
      .id;

  beforeAll(async () => {
    t = await createTestApp([ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    data = await signInAs(t, { roles: ['staff'], unit: '市数据局' });
    kunlun = await signInAs(t, {
      roles: ['staff'],
      unit: '昆仑经济技术开发区管委会',
    });
    office = await signInAs(t, { roles: ['office'] });
    const owner = await createTestUser(t, {
      roles: ['staff'],
      unit: '市能源局',
    });
    // One clean-energy project of 市能源局, with March activity, signing and funds, and events
    // on either side of the window's edges (Shanghai dates).
    [{ id: projectId }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, created_at)
       VALUES ('光伏制氢', (SELECT id FROM chain WHERE code = 'clean-energy'), '某能源公司', 'through-firms', $1, $2,
               '2025-03-01T00:30:00+08:00') RETURNING id`,
      [await unitId('市能源局'), owner.id],
    );
    await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, created_at)
       VALUES ('二月线索', (SELECT id FROM chain WHERE code = 'clean-energy'), '某公司', 'through-firms', $1, $2,
               '2025-02-28T23:30:00+08:00')`,
      [await unitId('市能源局'), owner.id],
    );
    await t.dataSource.query(
      `INSERT INTO project_activity (project_id, kind, occurred_on, summary) VALUES
         ($1, 'visit', '2025-03-03', '上门拜访'), ($1, 'visit', '2025-03-31', '再访'), ($1, 'call', '2025-03-05', '电话'),
         ($1, 'call', '2025-04-01', '四月')`,
      [projectId],
    );
    await t.dataSource.query(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', '12000.5', '2025-03-18', 'XY-1')`,
      [projectId],
    );
    await t.dataSource.query(
      `INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, '2025-03', '100.25'), ($1, '2025-03', '0.75'), ($1, '2025-02', '9')`,
      [projectId],
    );
  });
  afterAll(() => t.close());

  it('pre-fills a draft from the month of the pipeline, one section per chain the unit serves', async () => {
    const res = await energy
      .get('/api/monthly-reports/mine/2025-03')
      .expect(200);
    expect(res.body).toMatchObject({
      id: null,
      state: 'draft',
      version: 0,
      dueAt: '2025-03-25T16:00:00.000Z',
      late: null,
    });
    // The chains it serves, and 冶金, whose 2025 key tasks the published plan gives it.
    expect(
      res.body.figures.chains.map((c: { chainCode: string }) => c.chainCode),
    ).toEqual(['clean-energy', 'metallurgy', 'oil-gas-chemical']);
    // March's window runs from 26 February to 25 March: the lead of 28 February counts, the visit
    // of 31 March is April's.
    expect(res.body.figures.window).toEqual({ from: '2025-02-26', to: '2025-03-25' });
    expect(res.body.figures.chains[0]).toMatchObject({
      activitiesByKind: { visit: 1, call: 1 },
      newLeads: 2,
      signings: { count: 1, amount: '12000.500000' },
      fundsInPlace: '101.000000',
    });
    expect(res.body.figures.chains[2]).toMatchObject({
      newLeads: 0,
      fundsInPlace: '0.000000',
      signings: { count: 0, amount: '0.000000' },
    });
    const metallurgyTasks = await t.dataSource.query(
      `SELECT k.id FROM key_task k JOIN chain c ON c.id = k.chain_id JOIN key_task_unit ku ON ku.key_task_id = k.id
       WHERE c.code = 'metallurgy' AND k.year = 2025 AND ku.unit_id = $1 ORDER BY k.seq`,
      [await unitId('市能源局')],
    );
    expect(metallurgyTasks.length).toBeGreaterThan(0);
    expect(
      res.body.figures.chains[1].keyTasks.map((k: { id: number }) => k.id),
    ).toEqual(metallurgyTasks.map((k: { id: number }) => k.id));
  });

  it('refuses a period not yet open, and a malformed one', async () => {
    await energy.get('/api/monthly-reports/mine/2025-04').expect(422);
    await energy.get('/api/monthly-reports/mine/2025-4').expect(400);
  });

  it('saves the narrative with a version, refusing a stale one', async () => {
    const saved = await energy
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 0 })
      .expect(200);
    expect(saved.body).toMatchObject({
      ...NARRATIVE,
      version: 1,
      state: 'draft',
    });
    await energy
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 0 })
      .expect(409);
    const bad = await energy
      .put('/api/monthly-reports/mine/2025-03', {
        version: 1,
        workDone: 5,
        extra: 1,
      })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/工作开展情况/);
    const [audit] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'monthly_report' ORDER BY id LIMIT 1`,
    );
    expect(audit.action).toBe('create');
  });

  it('submits at 23:59 on the 25th on time, freezing the figures', async () => {
    clock.set('2025-03-25T23:59:00+08:00');
    const res = await energy
      .post('/api/monthly-reports/mine/2025-03/submit', { version: 1 })
      .expect(200);
    expect(res.body).toMatchObject({
      state: 'submitted',
      late: false,
      submittedAt: '2025-03-25T15:59:00.000Z',
      version: 2,
    });
    const frozen = res.body.figures;
    // Later edits to the project change nothing that was reported.
    await t.dataSource.query(
      `INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, '2025-03', '500')`,
      [projectId],
    );
    await t.dataSource.query(
      `INSERT INTO project_activity (project_id, kind, occurred_on, summary) VALUES ($1, 'meeting', '2025-03-20', '会')`,
      [projectId],
    );
    const after = await energy
      .get('/api/monthly-reports/mine/2025-03')
      .expect(200);
    expect(after.body.figures).toEqual(frozen);
    expect(after.body.figures.chains[0].fundsInPlace).toBe('101.000000');
    await energy
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 2 })
      .expect(422);
  });

  it('stamps a submission at 00:01 on the 26th late, unless the unit has an extension', async () => {
    clock.set('2025-03-26T00:01:00+08:00');
    await data
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 0 })
      .expect(200);
    const late = await data
      .post('/api/monthly-reports/mine/2025-03/submit', { version: 1 })
      .expect(200);
    expect(late.body).toMatchObject({ state: 'submitted', late: true });

    const kunlunId = await unitId('昆仑经济技术开发区管委会');
    await office
      .post('/api/reporting-periods/2025-03/extensions', {
        unitId: kunlunId,
        extendedTo: '2025-03-25',
        reason: '',
      })
      .expect(400);
    const ext = await office
      .post('/api/reporting-periods/2025-03/extensions', {
        unitId: kunlunId,
        extendedTo: '2025-03-28',
        reason: '园区机构调整',
      })
      .expect(200);
    expect(ext.body.extensions).toEqual([
      {
        unitId: kunlunId,
        unitName: '昆仑经济技术开发区管委会',
        extendedTo: '2025-03-28',
        reason: '园区机构调整',
      },
    ]);
    await kunlun
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 0 })
      .expect(200);
    const onTime = await kunlun
      .post('/api/monthly-reports/mine/2025-03/submit', { version: 1 })
      .expect(200);
    expect(onTime.body).toMatchObject({
      late: false,
      dueAt: '2025-03-28T16:00:00.000Z',
    });
  });

  it('lets the office return a report with a comment and accept the revision; the unit is notified', async () => {
    const list = await office
      .get('/api/monthly-reports?period=2025-03')
      .expect(200);
    const mine = list.body.find(
      (r: { unitName: string }) => r.unitName === '市能源局',
    );
    expect(mine).toMatchObject({ state: 'submitted', late: false });
    expect(
      list.body.find((r: { unitName: string }) => r.unitName === '市农牧局'),
    ).toMatchObject({ state: 'draft', id: null });

    await office
      .post(`/api/monthly-reports/${mine.id}/return`, {
        version: mine.version,
        comment: '',
      })
      .expect(400);
    const returned = await office
      .post(`/api/monthly-reports/${mine.id}/return`, {
        version: mine.version,
        comment: '请补充资金到位佐证',
      })
      .expect(200);
    expect(returned.body).toMatchObject({
      state: 'returned',
      returnComment: '请补充资金到位佐证',
    });

    const inbox = await energy.get('/api/notifications').expect(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'report-returned',
      body: '请补充资金到位佐证',
      readAt: null,
    });
    await energy
      .post(`/api/notifications/${inbox.body.items[0].id}/read`)
      .expect(200);
    expect(
      (await energy.get('/api/notifications/unread-count').expect(200)).body,
    ).toEqual({ unread: 0 });
    // Someone else's notification is not found.
    await data
      .post(`/api/notifications/${inbox.body.items[0].id}/read`)
      .expect(404);

    clock.set('2025-03-27T10:00:00+08:00');
    const revised = await energy
      .put('/api/monthly-reports/mine/2025-03', {
        ...NARRATIVE,
        workDone: '补充佐证',
        version: returned.body.version,
      })
      .expect(200);
    const resubmitted = await energy
      .post('/api/monthly-reports/mine/2025-03/submit', {
        version: revised.body.version,
      })
      .expect(200);
    // The first submission was on time; a revision asked for does not make it late.
    expect(resubmitted.body).toMatchObject({
      state: 'submitted',
      late: false,
      workDone: '补充佐证',
    });
    // The resubmission takes the figures of now.
    expect(resubmitted.body.figures.chains[0].fundsInPlace).toBe('601.000000');
    await office
      .post(`/api/monthly-reports/${mine.id}/accept`, {
        version: resubmitted.body.version,
      })
      .expect(200);
    await office
      .post(`/api/monthly-reports/${mine.id}/accept`, {
        version: resubmitted.body.version + 1,
      })
      .expect(422);
    const states = await t.dataSource.query(
      `SELECT after->>'state' AS state FROM audit_log WHERE entity_type = 'monthly_report' AND entity_id = $1 ORDER BY id`,
      [mine.id],
    );
    expect(states.map((s: { state: string | null }) => s.state)).toEqual([
      null,
      'submitted',
      'returned',
      null,
      'submitted',
      'accepted',
    ]);
  });

  it('lets the office open a period early and lock one', async () => {
    await office
      .post('/api/reporting-periods', {
        period: '2025-04',
        opensAt: '2025-03-27T00:00:00+08:00',
      })
      .expect(200);
    const april = await energy
      .get('/api/monthly-reports/mine/2025-04')
      .expect(200);
    expect(april.body).toMatchObject({
      period: '2025-04',
      state: 'draft',
      dueAt: '2025-04-25T16:00:00.000Z',
    });

    // An impossible opening day is refused, not stored as another day.
    const impossible = await office
      .post('/api/reporting-periods', { period: '2025-05', opensAt: '2025-02-30' })
      .expect(400);
    expect(Object.keys(impossible.body.errors)).toEqual(['opensAt']);
    await office
      .post('/api/reporting-periods', { period: '2025-05', opensAt: '2025-02-30T00:00:00+08:00' })
      .expect(400);
    expect(
      await t.dataSource.query(`SELECT 1 FROM reporting_period WHERE period = '2025-05'`),
    ).toEqual([]);

    // Extensions and the lock name the version read: a stale one gets the period as it is now.
    // April (opened early) is still in its window, which runs to the 25th: too early to lock.
    const aprilPeriod = (await office.get('/api/reporting-periods/2025-04').expect(200)).body;
    expect(aprilPeriod.lockableFrom).toBe('2025-04-25T16:00:00.000Z');
    const early = await office
      .post('/api/reporting-periods/2025-04/lock', { version: aprilPeriod.version })
      .expect(422);
    expect(early.body.message).toContain('统计截至2025年4月25日，2025年4月26日起方可锁定');
    const march = (await office.get('/api/reporting-periods/2025-03').expect(200)).body;
    expect(march.lockableFrom).toBe('2025-03-25T16:00:00.000Z');
    clock.set('2025-04-01T08:00:00+08:00');
    const stale = await office
      .post('/api/reporting-periods/2025-03/lock', { version: march.version + 5 })
      .expect(409);
    expect(stale.body.message).toContain('该报告期已被他人修改，请刷新后再试');
    expect(stale.body.current).toMatchObject({ period: '2025-03', locked: false, version: march.version });
    const locked = await office
      .post('/api/reporting-periods/2025-03/lock', { version: march.version })
      .expect(200);
    expect(locked.body).toMatchObject({ locked: true, version: march.version + 1 });
    await office
      .post(`/api/reporting-periods/2025-03/extensions`, {
        unitId: 1,
        extendedTo: '2025-03-30',
        reason: 'x',
      })
      .expect(422);
    await energy
      .put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 99 })
      .expect(422);
    const periods = await energy.get('/api/reporting-periods').expect(200);
    expect(periods.body.map((p: { period: string }) => p.period)).toEqual([
      '2025-04',
      '2025-03',
    ]);
  });
});
