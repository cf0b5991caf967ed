import {
  createTestApp,
  createTestUser,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import {
  defaultOpensAt,
  dueInstant,
  ManualClock,
  type SubmissionBoardView,
} from '@crm/domain';
import { REFERENCE_2025 } from '@crm/migrations';
import { ReportingModule } from '../reporting.module';

/** The 责任单位 of the reference data. */
const RESPONSIBLE_UNITS = [
  '市能源局',
  '市数据局',
  '昆仑经济技术开发区管委会',
  '市发展和改革委员会',
  '市工业信息化和科技局',
  '陆港园区管委会',
  '市文体旅游广电局',
  '市农牧局',
];
/**
 * The board's rows in 2025: the 责任单位, and the units the published 2025 plan makes responsible
 * for a key task (read from the seed's source).
 */
const REPORTING_UNITS = [
  ...new Set([
    ...RESPONSIBLE_UNITS,
    ...REFERENCE_2025.chains.flatMap((c) => c.keyTasks.flatMap((k) => k.units)),
  ]),
];

describe('submission board and reminders by hand /api/monthly-reports/board, /reminders', () => {
  const clock = new ManualClock('2025-03-20T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let admin: SignedInAgent;
  let leader: SignedInAgent;
  let energy: SignedInAgent;
  let energy2Id: string;
  const ids: Record<string, number> = {};

  const report = async (
    unit: string,
    period: string,
    state: string,
    submittedAt: string | null,
    late: boolean | null,
  ) => {
    await t.dataSource.query(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [period, defaultOpensAt(period), dueInstant(period)],
    );
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO monthly_report (unit_id, period, state, work_done, submitted_at, late, snapshot)
       VALUES ($1, $2, $3, '已报', $4, $5, $6) RETURNING id`,
      [
        ids[unit],
        period,
        state,
        submittedAt,
        late,
        submittedAt ? '{"takenAt":"x","chains":[]}' : null,
      ],
    );
    return id as string;
  };
  const board = async (agent: SignedInAgent, query: string) =>
    (await agent.get(`/api/monthly-reports/board?${query}`).expect(200))
      .body as SubmissionBoardView;
  const cell = (b: SubmissionBoardView, unit: string, period: string) => {
    const row = b.rows.find((r) => r.unitName === unit);
    const i = b.periods.findIndex((p) => p.period === period);
    return row?.cells[i];
  };
  const states = (b: SubmissionBoardView, period: string) =>
    Object.fromEntries(
      b.rows.map((r) => [r.unitName, cell(b, r.unitName, period)?.state]),
    );

  beforeAll(async () => {
    t = await createTestApp([ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    for (const { id, name } of await t.dataSource.query(
      `SELECT id, name FROM unit`,
    ))
      ids[name] = id;
    office = await signInAs(t, { roles: ['office'] });
    admin = await signInAs(t, { roles: ['admin'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    energy2Id = (
      await createTestUser(t, { roles: ['staff'], unit: '市能源局' })
    ).id;
    await createTestUser(t, { roles: ['staff'], unit: '市农牧局' });
    await createTestUser(t, { roles: ['staff'], unit: '市文体旅游广电局' });

    // February: on time, late, returned, accepted, one unit extended, the rest missing.
    await report(
      '市数据局',
      '2025-02',
      'submitted',
      '2025-02-25T23:59:00+08:00',
      false,
    );
    await report(
      '市农牧局',
      '2025-02',
      'submitted',
      '2025-02-26T00:01:00+08:00',
      true,
    );
    await report(
      '市文体旅游广电局',
      '2025-02',
      'returned',
      '2025-02-20T09:00:00+08:00',
      false,
    );
    await report(
      '陆港园区管委会',
      '2025-02',
      'accepted',
      '2025-02-21T09:00:00+08:00',
      false,
    );
    await t.dataSource.query(
      `INSERT INTO unit_deadline_extension (period, unit_id, extended_to, reason) VALUES ('2025-02', $1, '2025-03-22', '机构调整')`,
      [ids['昆仑经济技术开发区管委会']],
    );
    // March: 市数据局 submitted early; 市能源局 keeps a draft.
    await report(
      '市数据局',
      '2025-03',
      'submitted',
      '2025-03-18T10:00:00+08:00',
      false,
    );
    await energy
      .put('/api/monthly-reports/mine/2025-03', {
        workDone: '草稿',
        problems: '',
        nextMonthPlan: '',
        version: 0,
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('shows units × months with each cell’s state, report id, submission time and due instant', async () => {
    const b = await board(office, 'from=2025-02&to=2025-04');
    expect(b.periods.map((p) => [p.period, p.opened, p.locked])).toEqual([
      ['2025-02', true, false],
      ['2025-03', true, false],
      ['2025-04', false, false],
    ]);
    // Each month may be locked once its window has closed: 00:00 on the 26th (Asia/Shanghai).
    expect(b.periods.map((p) => p.lockableFrom)).toEqual([
      '2025-02-25T16:00:00.000Z',
      '2025-03-25T16:00:00.000Z',
      '2025-04-25T16:00:00.000Z',
    ]);
    expect(b.periods.map((p) => p.window)).toEqual([
      { from: '2025-01-26', to: '2025-02-25' },
      { from: '2025-02-26', to: '2025-03-25' },
      { from: '2025-03-26', to: '2025-04-25' },
    ]);
    expect(b.rows.map((r) => r.unitName).sort()).toEqual(
      [...REPORTING_UNITS].sort(),
    );
    expect(states(b, '2025-02')).toEqual({
      ...Object.fromEntries(REPORTING_UNITS.map((u) => [u, 'missing'])),
      市数据局: 'on-time',
      市农牧局: 'late',
      市文体旅游广电局: 'returned',
      陆港园区管委会: 'accepted',
      // Extended to the 22nd of March: not yet due on the 20th.
      昆仑经济技术开发区管委会: 'not-due',
      市能源局: 'missing',
      市发展和改革委员会: 'missing',
      市工业信息化和科技局: 'missing',
    });
    expect(cell(b, '市农牧局', '2025-02')).toMatchObject({
      submittedAt: '2025-02-25T16:01:00.000Z',
      late: true,
      canRemind: false,
    });
    // Extended; and with no staff account here, no reminder is offered (nobody would hear it).
    expect(cell(b, '昆仑经济技术开发区管委会', '2025-02')).toMatchObject({
      extendedTo: '2025-03-22',
      dueAt: '2025-03-22T16:00:00.000Z',
      canRemind: false,
    });
    expect(cell(b, '市文体旅游广电局', '2025-02')).toMatchObject({
      late: false,
      canRemind: true,
    });
    expect(states(b, '2025-03')).toEqual({
      ...Object.fromEntries(REPORTING_UNITS.map((u) => [u, 'not-due'])),
      市数据局: 'on-time',
      市能源局: 'draft',
    });
    const mine = cell(b, '市能源局', '2025-03');
    expect(mine).toMatchObject({
      hasDraft: true,
      submittedAt: null,
      late: null,
      dueAt: '2025-03-25T16:00:00.000Z',
      canRemind: true,
    });
    expect(mine?.reportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cell(b, '市数据局', '2025-03')?.reportId).toMatch(/^[0-9a-f-]{36}$/);
    // A unit without staff accounts: nobody could hear a reminder, so none is offered.
    const noAccounts = b.rows.find((r) => r.unitName === '市发展和改革委员会');
    expect(noAccounts?.staffAccounts).toBe(0);
    expect(cell(b, '市发展和改革委员会', '2025-02')).toMatchObject({ state: 'missing', canRemind: false });
    expect(b.rows.find((r) => r.unitName === '市能源局')?.staffAccounts).toBeGreaterThan(0);
    // A month not yet open: nothing to remind of.
    expect(cell(b, '市能源局', '2025-04')).toMatchObject({
      state: 'not-due',
      canRemind: false,
    });
  });

  it('turns a month without a submission to missing at 00:00 on the 26th, Shanghai time', async () => {
    try {
      clock.set('2025-03-25T23:59:00+08:00');
      const before = await board(office, 'from=2025-03&to=2025-03');
      expect(cell(before, '市能源局', '2025-03')?.state).toBe('draft');
      expect(cell(before, '市农牧局', '2025-03')?.state).toBe('not-due');
      clock.set('2025-03-26T00:01:00+08:00');
      const after = await board(office, 'from=2025-03&to=2025-03');
      expect(cell(after, '市能源局', '2025-03')).toMatchObject({
        state: 'missing',
        hasDraft: true,
      });
      expect(cell(after, '市农牧局', '2025-03')?.state).toBe('missing');
      expect(cell(after, '市数据局', '2025-03')?.state).toBe('on-time');
      // February in a leap-free year: due at the end of the 25th all the same.
      clock.set('2025-02-25T23:59:00+08:00');
      const feb = await board(office, 'from=2025-02&to=2025-02');
      expect(cell(feb, '市能源局', '2025-02')?.state).toBe('not-due');
      clock.set('2025-02-26T00:01:00+08:00');
      const late = await board(office, 'from=2025-02&to=2025-02');
      expect(cell(late, '市能源局', '2025-02')?.state).toBe('missing');
    } finally {
      clock.set('2025-03-20T10:00:00+08:00');
    }
  });

  it('shows a leader the units of the chains they lead, without the remind action; admins see all', async () => {
    // The 责任单位 of the chains 徐进 leads, and the units of those chains' 2025 key tasks.
    const expected: { name: string }[] = await t.dataSource.query(
      `SELECT DISTINCT u.name FROM unit u
       JOIN (SELECT cu.chain_id, cu.unit_id FROM chain_unit cu WHERE cu.role = 'responsible'
             UNION
             SELECT k.chain_id, ku.unit_id FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id WHERE k.year = 2025) d
         ON d.unit_id = u.id
       JOIN chain_leader l ON l.chain_id = d.chain_id JOIN person p ON p.id = l.person_id AND p.name = '徐进'`,
    );
    const b = await board(leader, 'from=2025-03&to=2025-03');
    expect(b.rows.map((r) => r.unitName).sort()).toEqual(
      expected.map((e) => e.name).sort(),
    );
    expect(b.rows.length).toBeGreaterThan(0);
    expect(b.rows.length).toBeLessThan(REPORTING_UNITS.length);
    expect(b.rows.flatMap((r) => r.cells).some((c) => c.canRemind)).toBe(false);
    const all = await board(admin, 'from=2025-03&to=2025-03');
    expect(all.rows).toHaveLength(REPORTING_UNITS.length);
    expect(all.rows.flatMap((r) => r.cells).some((c) => c.canRemind)).toBe(
      false,
    );
  });

  it('refuses a malformed, reversed or too wide range', async () => {
    await office
      .get('/api/monthly-reports/board?from=2025-3&to=2025-04')
      .expect(400);
    await office.get('/api/monthly-reports/board?from=2025-03').expect(400);
    await office
      .get('/api/monthly-reports/board?from=2025-04&to=2025-03')
      .expect(400);
    await office
      .get('/api/monthly-reports/board?from=2023-01&to=2024-12')
      .expect(200);
    const wide = await office
      .get('/api/monthly-reports/board?from=2023-01&to=2025-01')
      .expect(400);
    expect(wide.body.message).toContain('24');
  });

  it('reminds one unit’s staff at once, audited, shown on the board; not twice in the same minute', async () => {
    const res = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市能源局'],
        period: '2025-03',
      })
      .expect(201);
    expect(res.body).toEqual({
      unitId: ids['市能源局'],
      period: '2025-03',
      recipients: 2,
      sentAt: '2025-03-20T02:00:00.000Z',
    });
    const inbox = await t.dataSource.query(
      `SELECT user_id, kind, title, body, link FROM notification WHERE kind = 'report-reminder' ORDER BY user_id`,
    );
    expect(inbox.map((n: { user_id: string }) => n.user_id)).toEqual(
      [energy.user.id, energy2Id].sort(),
    );
    expect(inbox[0].title).toContain('市能源局');
    expect(inbox[0].title).toContain('2025-03-25');
    expect(inbox[0].link).toBe('/reports/2025-03');
    const bell = await energy.get('/api/notifications').expect(200);
    expect(bell.body.unread).toBe(1);

    const [audit] = await t.dataSource.query(
      `SELECT action, entity_type, user_id, after FROM audit_log WHERE entity_type = 'report_reminder'`,
    );
    expect(audit).toMatchObject({
      action: 'create',
      after: { unitId: ids['市能源局'], period: '2025-03', recipients: 2 },
    });
    const [sent] = await t.dataSource.query(
      `SELECT kind, recipients FROM reminder_sent WHERE unit_id = $1 AND period = '2025-03'`,
      [ids['市能源局']],
    );
    expect(sent).toEqual({ kind: 'manual-202503201000', recipients: 2 });
    const b = await board(office, 'from=2025-03&to=2025-03');
    expect(cell(b, '市能源局', '2025-03')?.lastRemindedAt).toBe(
      '2025-03-20T02:00:00.000Z',
    );
    expect(cell(b, '市农牧局', '2025-03')?.lastRemindedAt).toBeNull();

    // A double click: refused, nothing more sent.
    await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市能源局'],
        period: '2025-03',
      })
      .expect(409);
    clock.advance(60_000);
    await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市能源局'],
        period: '2025-03',
      })
      .expect(201);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'report-reminder'`,
    );
    expect(n).toBe(4);
  });

  it('reminds a unit whose report was returned to resubmit it', async () => {
    const res = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市文体旅游广电局'],
        period: '2025-02',
      })
      .expect(201);
    expect(res.body.recipients).toBe(1);
    const [n] = await t.dataSource.query(
      `SELECT n.body FROM notification n JOIN app_user a ON a.id = n.user_id
       WHERE a.unit_id = $1 AND n.kind = 'report-reminder'`,
      [ids['市文体旅游广电局']],
    );
    expect(n.body).toContain('退回修改');
  });

  it('refuses with a reason: already submitted, locked or unopened period, unknown unit, nobody to tell, malformed input', async () => {
    const submitted = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市数据局'],
        period: '2025-03',
      })
      .expect(422);
    expect(submitted.body.message).toContain('已于 2025-03-18 10:00 报送');
    await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['陆港园区管委会'],
        period: '2025-02',
      })
      .expect(422);

    await t.dataSource.query(
      `INSERT INTO reporting_period (period, opens_at, due_at, locked, locked_at)
       VALUES ('2025-01', $1, $2, true, now())`,
      [defaultOpensAt('2025-01'), dueInstant('2025-01')],
    );
    const locked = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市农牧局'],
        period: '2025-01',
      })
      .expect(422);
    expect(locked.body.message).toContain('锁定');
    const unopened = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市农牧局'],
        period: '2025-04',
      })
      .expect(422);
    expect(unopened.body.message).toContain('尚未开放');
    await office
      .post('/api/monthly-reports/reminders', {
        unitId: 999999,
        period: '2025-03',
      })
      .expect(404);
    // 市发展和改革委员会 has no staff account here.
    const nobody = await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市发展和改革委员会'],
        period: '2025-03',
      })
      .expect(422);
    expect(nobody.body.message).toContain('没有在岗');
    await office
      .post('/api/monthly-reports/reminders', {
        unitId: ids['市农牧局'],
        period: '2025-3',
      })
      .expect(400);
    await office
      .post('/api/monthly-reports/reminders', { period: '2025-03' })
      .expect(400);
    // Nothing was recorded for the refused ones.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM reminder_sent WHERE kind LIKE 'manual-%'`,
    );
    expect(n).toBe(3);
  });

  it('keeps the office’s setting of idle days, within bounds, audited', async () => {
    const list = await office.get('/api/office-settings').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        key: 'project-idle-days',
        value: 30,
        default: 30,
        updatedBy: null,
      }),
      expect.objectContaining({
        key: 'action-item-reminder-days',
        value: 3,
        default: 3,
      }),
      // 季评比's weights: the office's rule.
      expect.objectContaining({ key: 'ranking-weight-signed', value: 40, default: 40 }),
      expect.objectContaining({ key: 'ranking-weight-funds', value: 40, default: 40 }),
      expect.objectContaining({ key: 'ranking-weight-big-projects', value: 20, default: 20 }),
    ]);
    await office
      .put('/api/office-settings/project-idle-days', { value: 0 })
      .expect(422);
    await office
      .put('/api/office-settings/project-idle-days', { value: 1.5 })
      .expect(400);
    await office
      .put('/api/office-settings/no-such-key', { value: 3 })
      .expect(404);
    const set = await office
      .put('/api/office-settings/project-idle-days', { value: 45 })
      .expect(200);
    expect(set.body).toMatchObject({
      value: 45,
      updatedBy: office.user.username,
    });
    const [audit] = await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'office_setting'`,
    );
    expect(audit).toEqual({ before: { value: 30 }, after: { value: 45 } });
  });
});
