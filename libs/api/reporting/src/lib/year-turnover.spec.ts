import { QueueModule } from '@crm/api/core';
import { PlanModule } from '@crm/api/plan';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { defaultOpensAt, dueInstant, ManualClock, type AnnualPlanView, type RollUpView } from '@crm/domain';
import { MonthlyReminderService, type ReminderSent } from './reminders/monthly-reminder.service';
import { ReportingJobsModule, ReportingModule } from './reporting.module';
import { RollUpService } from './roll-up/roll-up.service';

/*
 * The year turns over: reminders and the roll-up across 31 December → 1 January. Y is the seeded
 * published plan's year (read from the database, never assumed); Y+1 has no plan at first, then
 * the office drafts it from Y through the plan API (a target changed, a unit's key tasks dropped,
 * a key task for a new unit added) and publishes it in January.
 *
 * December's report is owed by the units of Y's plan (reporting_units_on 31 December: 责任单位
 * then, and the key-task units of Y's published plan); January's by those of Y+1's published
 * plan, and while Y+1 has none, by the 责任单位 alone (key-task duty comes from a published plan).
 */

type Q = (sql: string, params?: unknown[]) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An instant given as a Shanghai wall-clock date and time. */
const sh = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);
const sorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
const idsOf = (sent: ReminderSent[], period?: string, kind?: string) =>
  sorted(sent.filter((s) => (!period || s.period === period) && (!kind || s.kind === kind)).map((s) => s.unitId));

/** The seeded plan's year: the latest published. */
async function planYear(q: Q): Promise<number> {
  const [{ year }] = await q(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
  return year;
}

/** 责任单位 holding the role on a day, straight from chain_unit. */
async function responsibleOn(q: Q, day: string): Promise<number[]> {
  const rows = await q(
    `SELECT DISTINCT unit_id FROM chain_unit
     WHERE role = 'responsible' AND (valid_from IS NULL OR valid_from <= $1::date) AND (valid_to IS NULL OR valid_to >= $1::date)`,
    [day],
  );
  return sorted(rows.map((r) => r.unit_id));
}

/** Units responsible for a key task of the year's plan, if that plan is published. */
async function keyTaskUnits(q: Q, year: number): Promise<number[]> {
  const rows = await q(
    `SELECT DISTINCT ku.unit_id FROM key_task_unit ku JOIN key_task k ON k.id = ku.key_task_id
     JOIN annual_plan ap ON ap.year = k.year AND ap.status = 'published'
     WHERE k.year = $1`,
    [year],
  );
  return sorted(rows.map((r) => r.unit_id));
}

/** A unit's staff's monthly report, submitted at an instant. */
async function submitReport(q: Q, unitId: number, period: string, at: Date) {
  await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    period,
    defaultOpensAt(period),
    dueInstant(period),
  ]);
  await q(
    `INSERT INTO monthly_report (unit_id, period, state, work_done, submitted_at, late, snapshot)
     VALUES ($1, $2, 'submitted', '已报', $3, false, '{"takenAt":"x","chains":[]}')`,
    [unitId, period, at],
  );
}

async function bootApp(clock: ManualClock): Promise<TestApp> {
  return createTestApp(
    [QueueModule, ReportingModule, ReportingJobsModule, PlanModule],
    { SIGN_IN_RATE_PER_MINUTE: '1000' },
    { clock },
  );
}

describe('the year turns over: reminders and the roll-up from December of the plan year into January', () => {
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let q: Q;
  let reminders: MonthlyReminderService;
  let rollUps: RollUpService;
  let office: SignedInAgent;
  let Y: number;
  let DEC: string;
  let JAN: string;
  let owingDec: number[];
  let responsibleJan: number[];
  /** A unit owing December's report only by a key task of Y's plan (serving no chain as 责任单位). */
  let keyTaskOnly: number;
  let submitted: number;
  let newUnit: number;
  /** A unit of Y's key tasks whose Y+1 key tasks are dropped (and that is no 责任单位). */
  let dropped: number;
  const sentKinds = new Map<string, number[]>();

  const run = async (at: Date) => {
    clock.set(at);
    return reminders.run(clock.now());
  };
  const buildDue = (at: Date) => {
    clock.set(at);
    return rollUps.buildDue(clock.now());
  };
  const build = async (period: string): Promise<RollUpView> =>
    (await office.post(`/api/roll-ups/${period}/build`, {}).expect(200)).body;
  const remindedUnits = async (period: string, kind: string) =>
    sorted((await q(`SELECT unit_id FROM reminder_sent WHERE period = $1 AND kind = $2`, [period, kind])).map((r) => r.unit_id));
  const targetsOf = (year: number) =>
    q(
      `SELECT c.code, t.signed_amount::text AS signed, t.funds_in_place::text AS funds, t.big_project_min_count AS big
       FROM chain c LEFT JOIN chain_target t ON t.chain_id = c.id AND t.year = $1 ORDER BY c.sort_order, c.id`,
      [year],
    );
  const figureTargets = (view: RollUpView) =>
    view.figures.chains.map((c) => ({
      code: c.chainCode,
      signed: c.signedYearToDate.target,
      funds: c.fundsYearToDate.target,
      big: c.bigProjects.target,
    }));

  beforeAll(async () => {
    t = await bootApp(clock);
    q = (sql, params = []) => t.dataSource.query(sql, params);
    reminders = t.app.get(MonthlyReminderService);
    rollUps = t.app.get(RollUpService);
    Y = await planYear(q);
    DEC = `${Y}-12`;
    JAN = `${Y + 1}-01`;
    clock.set(sh(`${Y}-12-01`, '09:00'));
    office = await signInAs(t, { roles: ['office'] });

    const responsibleDec = await responsibleOn(q, `${Y}-12-31`);
    owingDec = sorted([...responsibleDec, ...(await keyTaskUnits(q, Y))]);
    responsibleJan = await responsibleOn(q, `${Y + 1}-01-31`);
    const keyOnly = owingDec.filter((u) => !responsibleDec.includes(u));
    // The seed's plan makes units responsible for key tasks of chains they do not serve.
    expect(keyOnly.length).toBeGreaterThan(1);
    keyTaskOnly = keyOnly[0];
    // Another, sharing no key task with the first: Y+1 drops its key tasks and keeps the first's.
    const [other] = await q(
      `SELECT ku.unit_id FROM key_task_unit ku JOIN key_task k ON k.id = ku.key_task_id
       WHERE k.year = $1 AND ku.unit_id = ANY ($2::int[]) AND ku.unit_id <> $3
       GROUP BY ku.unit_id
       HAVING NOT bool_or(EXISTS (SELECT 1 FROM key_task_unit x WHERE x.key_task_id = k.id AND x.unit_id = $3))
       ORDER BY ku.unit_id DESC LIMIT 1`,
      [Y, keyOnly, keyTaskOnly],
    );
    dropped = other.unit_id;
    submitted = responsibleDec[0];
    await submitReport(q, submitted, DEC, sh(`${Y}-12-18`, '10:00'));

    // Staff of the key-task-only unit, and the 责任领导 of the chains it has key tasks in, as users.
    await createTestUser(t, { roles: ['staff'], unit: (await q(`SELECT name FROM unit WHERE id = $1`, [keyTaskOnly]))[0].name });
    const leaders = await q(
      `SELECT DISTINCT p.name FROM chain_leader cl JOIN person p ON p.id = cl.person_id
       WHERE cl.role = 'responsible' AND cl.chain_id IN (
         SELECT k.chain_id FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id WHERE k.year = $1 AND ku.unit_id = $2)`,
      [Y, keyTaskOnly],
    );
    for (const l of leaders) await createTestUser(t, { roles: ['leader'], person: l.name });

    // Signings and funds on both sides of the new year (clean-energy), to see each year's windows.
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, created_at)
       VALUES ('跨年项目', (SELECT id FROM chain WHERE code = 'clean-energy'), '投资方', 'other',
               (SELECT id FROM unit WHERE name = '市能源局'), $1, 'signed', 'active', $2) RETURNING id`,
      [owner.id, sh(`${Y}-12-01`, '09:00')],
    );
    await q(`INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, NULL, 'lead', $2)`, [
      id,
      sh(`${Y}-12-01`, '09:00'),
    ]);
    await q(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref)
       VALUES ($1, 'initial', 1000, $2, 'KN-1'), ($1, 'supplementary', 250, $3, 'KN-2')`,
      [id, `${Y}-12-31`, `${Y + 1}-01-01`],
    );
    await q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, 300), ($1, $3, 70)`, [id, DEC, JAN]);
  }, 120_000);
  afterAll(() => t?.close());

  it('chases December on the 20th, 23rd and 25th and escalates as the 26th begins, to the units of Y’s plan', async () => {
    const pending = owingDec.filter((u) => u !== submitted);
    expect(await run(sh(`${Y}-12-20`, '08:59'))).toEqual([]);
    for (const [at, kind] of [
      [sh(`${Y}-12-20`, '09:00'), 'before-5d'],
      [sh(`${Y}-12-23`, '09:00'), 'before-2d'],
      [sh(`${Y}-12-25`, '08:00'), 'due-day'],
      [sh(`${Y}-12-26`, '00:00'), 'escalation'],
    ] as const) {
      const sent = await run(at);
      expect({ kind, periods: [...new Set(sent.map((s) => s.period))], units: idsOf(sent, DEC, kind) }).toEqual({
        kind,
        periods: [DEC],
        units: pending,
      });
      sentKinds.set(kind, idsOf(sent));
    }
    expect(pending).toContain(keyTaskOnly);
    // The escalation of the key-task-only unit: the office and the 责任领导 of its key tasks' chains on 31 December.
    const [{ name }] = await q(`SELECT name FROM unit WHERE id = $1`, [keyTaskOnly]);
    const told = await q(
      `SELECT user_id FROM notification WHERE kind = 'report-escalation' AND title LIKE $1 ORDER BY user_id`,
      [`${name} ${DEC} %`],
    );
    const expected = await q(
      `SELECT a.id FROM app_user a WHERE 'office' = ANY (a.roles) OR a.person_id IN (
         SELECT cl.person_id FROM chain_leader cl
         WHERE cl.role = 'responsible' AND (cl.valid_from IS NULL OR cl.valid_from <= $3::date) AND (cl.valid_to IS NULL OR cl.valid_to >= $3::date)
           AND cl.chain_id IN (SELECT k.chain_id FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id
                               WHERE k.year = $1 AND ku.unit_id = $2)) ORDER BY a.id`,
      [Y, keyTaskOnly, `${Y}-12-31`],
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(told.map((r) => r.user_id)).toEqual(expected.map((r) => r.id));
  });

  it('builds December’s roll-up once its deadline has passed, against Y’s published targets and Y’s units', async () => {
    expect(await buildDue(sh(`${Y}-12-25`, '23:59'))).not.toContain(DEC);
    expect(await buildDue(sh(`${Y}-12-26`, '01:00'))).toContain(DEC);
    const view = await rollUps.get(DEC);
    expect(view.builtBy).toBeNull();
    const f = view.figures;
    expect([f.year, f.plan, f.yearToDateLabel, f.quarter.quarter]).toEqual([Y, null, '1-12月', 4]);
    expect(figureTargets(view)).toEqual(await targetsOf(Y));
    expect(f.quarter.rows).toHaveLength(7);
    const clean = f.chains.find((c) => c.chainCode === 'clean-energy');
    expect([Number(clean?.signedYearToDate.actual), clean?.signedYearToDate.count, Number(clean?.fundsYearToDate.actual)]).toEqual([
      1000, 1, 300,
    ]);
    expect(sorted(f.units.map((u) => u.unitId))).toEqual(owingDec);
    expect(f.units.filter((u) => u.status === 'on-time').map((u) => u.unitId)).toEqual([submitted]);
    expect(await buildDue(sh(`${Y}-12-27`, '01:00'))).toEqual([]);
  });

  it('on 1 and 2 January of Y+1 sends nothing twice and nothing for January yet', async () => {
    const before = (await q(`SELECT count(*)::int AS n FROM notification`))[0].n;
    expect(await run(sh(`${Y + 1}-01-01`, '00:00'))).toEqual([]);
    expect(await run(sh(`${Y + 1}-01-01`, '00:30'))).toEqual([]);
    expect(await run(sh(`${Y + 1}-01-02`, '09:00'))).toEqual([]);
    expect((await q(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(before);
    for (const [kind, units] of sentKinds) expect(await remindedUnits(DEC, kind)).toEqual(units);
    expect(await q(`SELECT * FROM reminder_sent WHERE period = $1`, [JAN])).toEqual([]);
    // January's period is open (the worker made it as the month began), due on its 25th.
    const [jan] = await q(`SELECT opens_at, due_at, locked FROM reporting_period WHERE period = $1`, [JAN]);
    expect([jan.opens_at, jan.due_at, jan.locked]).toEqual([sh(`${Y + 1}-01-01`), sh(`${Y + 1}-01-26`), false]);
  });

  it('rebuilds December in January with Y’s targets; January without a Y+1 plan says the plan is missing', async () => {
    clock.set(sh(`${Y + 1}-01-02`, '10:00'));
    expect(await rollUps.buildDue(clock.now())).toEqual([]);
    const dec = await build(DEC);
    expect(dec.version).toBe(2);
    expect([dec.figures.year, dec.figures.plan]).toEqual([Y, null]);
    expect(figureTargets(dec)).toEqual(await targetsOf(Y));
    expect(sorted(dec.figures.units.map((u) => u.unitId))).toEqual(owingDec);
    expect(Number(dec.figures.chains.find((c) => c.chainCode === 'clean-energy')?.signedYearToDate.actual)).toBe(1000);

    const jan = await build(JAN);
    const f = jan.figures;
    expect([f.year, f.yearToDateLabel]).toEqual([Y + 1, '1月']);
    expect(f.plan).toMatchObject({ year: Y + 1, planStatus: 'none' });
    expect(f.quarter.rows).toEqual([]);
    expect(f.chains.every((c) => c.signedYearToDate.target === null && c.bigProjects.target === null)).toBe(true);
    expect(f.city.signedYearToDate).toMatchObject({ target: null, rate: null });
    const clean = f.chains.find((c) => c.chainCode === 'clean-energy');
    // The supplementary signing of 1 January and January's funds only: December is last year.
    expect([Number(clean?.signedYearToDate.actual), clean?.signedYearToDate.count, Number(clean?.fundsYearToDate.actual)]).toEqual([
      250, 0, 70,
    ]);
    expect(jan.narrative).toContain(`${Y + 1}年度工作方案尚未录入`);
    expect(jan.narrative).not.toMatch(/位列前|位列第/);
    // Without a published Y+1 plan no key-task duty: January is owed by the 责任单位 alone.
    expect(sorted(f.units.map((u) => u.unitId))).toEqual(responsibleJan);
  });

  it('starts January’s reminders on the 20th of January, to the 责任单位 alone while Y+1 has no published plan', async () => {
    expect(await run(sh(`${Y + 1}-01-19`, '09:00'))).toEqual([]);
    expect(await run(sh(`${Y + 1}-01-20`, '08:59'))).toEqual([]);
    const sent = await run(sh(`${Y + 1}-01-20`, '09:00'));
    expect(sent.every((s) => s.period === JAN && s.kind === 'before-5d')).toBe(true);
    expect(idsOf(sent)).toEqual(responsibleJan);
    expect(idsOf(sent)).not.toContain(keyTaskOnly);
  });

  it('once Y+1’s plan is published, January is owed by its key-task units too, each reminded once', async () => {
    clock.set(sh(`${Y + 1}-01-20`, '09:30'));
    let plan = (await office.post(`/api/plans/${Y + 1}/draft`, { fromYear: Y }).expect(201)).body as AnnualPlanView;
    const metallurgy = plan.targets.find((x) => x.chainCode === 'metallurgy');
    if (!metallurgy) throw new Error('no metallurgy target');
    const target = {
      signedAmount: String(Number(metallurgy.signedAmount) + 12345),
      signedAtLeast: metallurgy.signedAtLeast,
      fundsInPlace: metallurgy.fundsInPlace,
      fundsAtLeast: metallurgy.fundsAtLeast,
      bigProjectThreshold: metallurgy.bigProjectThreshold,
      bigProjectMinCount: metallurgy.bigProjectMinCount,
      bigProjectAtLeast: metallurgy.bigProjectAtLeast,
    };
    plan = (await office.put(`/api/plans/${Y + 1}/targets/metallurgy`, target).expect(200)).body;
    // The dropped unit's key tasks are not in Y+1's plan; a new unit gets one.
    for (const task of plan.keyTasks.filter((k) => k.units.some((u) => u.id === dropped))) {
      plan = (await office.delete(`/api/plans/${Y + 1}/key-tasks/${task.id}`).expect(200)).body;
    }
    [{ id: newUnit }] = await q(`INSERT INTO unit (name, kind) VALUES ('市跨年测试服务中心', 'bureau') RETURNING id`);
    plan = (
      await office
        .post(`/api/plans/${Y + 1}/key-tasks`, { chainCode: 'clean-energy', text: '跨年新增重点任务', unitIds: [newUnit], milestones: [], goals: [] })
        .expect(201)
    ).body;
    plan = (await office.post(`/api/plans/${Y + 1}/publish`, { version: plan.version }).expect(200)).body;
    expect(plan.status).toBe('published');

    const owingJan = sorted([...responsibleJan, ...(await keyTaskUnits(q, Y + 1))]);
    expect(owingJan).toContain(newUnit);
    expect(owingJan).toContain(keyTaskOnly);
    expect(owingJan).not.toContain(dropped);
    const sent = await run(sh(`${Y + 1}-01-20`, '10:00'));
    expect(sent.every((s) => s.period === JAN && s.kind === 'before-5d')).toBe(true);
    expect(idsOf(sent)).toEqual(owingJan.filter((u) => !responsibleJan.includes(u)));
    expect(await remindedUnits(JAN, 'before-5d')).toEqual(owingJan);
    expect(await run(sh(`${Y + 1}-01-20`, '11:00'))).toEqual([]);
    // December stays Y's: its units, nothing more for it.
    expect(await remindedUnits(DEC, 'escalation')).toEqual(sentKinds.get('escalation'));
  });

  it('keeps December on Y’s plan after Y+1 is published; January reads Y+1’s targets', async () => {
    const dec = await build(DEC);
    expect(dec.figures.plan).toBeNull();
    expect(figureTargets(dec)).toEqual(await targetsOf(Y));
    expect(sorted(dec.figures.units.map((u) => u.unitId))).toEqual(owingDec);
    const jan = await build(JAN);
    expect(jan.figures.plan).toBeNull();
    const y1 = await targetsOf(Y + 1);
    expect(figureTargets(jan)).toEqual(y1);
    expect(y1).not.toEqual(await targetsOf(Y));
    expect(jan.figures.quarter.rows).toHaveLength(7);
    expect(sorted(jan.figures.units.map((u) => u.unitId))).toEqual(sorted([...responsibleJan, ...(await keyTaskUnits(q, Y + 1))]));
  });

  it('rebuilds December once from its snapshot when the office locks it in January', async () => {
    clock.set(sh(`${Y + 1}-01-21`, '10:00'));
    await office.post(`/api/reporting-periods/${DEC}/lock`).expect(200);
    expect(await buildDue(sh(`${Y + 1}-01-22`, '01:00'))).toEqual([DEC]);
    const dec = await rollUps.get(DEC);
    expect(dec.fromSnapshot).toBe(true);
    expect([dec.figures.year, dec.figures.plan]).toEqual([Y, null]);
    expect(figureTargets(dec)).toEqual(await targetsOf(Y));
    expect(await buildDue(sh(`${Y + 1}-01-23`, '01:00'))).toEqual([]);
  });
});

describe('the year turns over: a December deadline extended into January', () => {
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let q: Q;
  let reminders: MonthlyReminderService;
  let rollUps: RollUpService;
  let Y: number;
  let DEC: string;
  let owingDec: number[];
  /** Extended to 5 January, and to 31 January (the latest allowed: the end of the next month). */
  let early: number;
  let late: number;

  const run = async (at: Date) => {
    clock.set(at);
    return reminders.run(clock.now());
  };
  const buildDue = (at: Date) => {
    clock.set(at);
    return rollUps.buildDue(clock.now());
  };

  beforeAll(async () => {
    t = await bootApp(clock);
    q = (sql, params = []) => t.dataSource.query(sql, params);
    reminders = t.app.get(MonthlyReminderService);
    rollUps = t.app.get(RollUpService);
    Y = await planYear(q);
    DEC = `${Y}-12`;
    clock.set(sh(`${Y}-12-15`, '10:00'));
    const office = await signInAs(t, { roles: ['office'] });
    owingDec = sorted([...(await responsibleOn(q, `${Y}-12-31`)), ...(await keyTaskUnits(q, Y))]);
    [early, late] = [owingDec[0], owingDec[1]];
    const [{ name }] = await q(`SELECT name FROM unit WHERE id = $1`, [early]);
    await createTestUser(t, { roles: ['staff'], unit: name });
    await office.post(`/api/reporting-periods/${DEC}/extensions`, { unitId: early, extendedTo: `${Y + 1}-01-05`, reason: '年终决算' }).expect(200);
    await office.post(`/api/reporting-periods/${DEC}/extensions`, { unitId: late, extendedTo: `${Y + 1}-01-31`, reason: '机构调整' }).expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('escalates the other units on 26 December and waits for the extended units', async () => {
    const others = owingDec.filter((u) => u !== early && u !== late);
    expect(idsOf(await run(sh(`${Y}-12-20`, '09:00')), DEC, 'before-5d')).toEqual(others);
    const escalated = await run(sh(`${Y}-12-26`, '00:00'));
    expect(idsOf(escalated, DEC, 'escalation')).toEqual(others);
    expect(idsOf(escalated)).toEqual(others);
    // The roll-up waits for the latest extension.
    expect(await buildDue(sh(`${Y}-12-26`, '01:00'))).not.toContain(DEC);
  });

  it('chases the unit extended to 5 January across the new year: a missed 31 December caught up once on 1 January', async () => {
    // No run on 31 December: the reminder due then (5 days before 5 January) goes out on 1 January.
    const caught = await run(sh(`${Y + 1}-01-01`, '00:30'));
    expect(caught).toEqual([expect.objectContaining({ unitId: early, period: DEC, kind: 'before-5d' })]);
    expect(await run(sh(`${Y + 1}-01-02`, '09:00'))).toEqual([]);
    expect(idsOf(await run(sh(`${Y + 1}-01-03`, '09:00')), DEC, 'before-2d')).toEqual([early]);
    expect(idsOf(await run(sh(`${Y + 1}-01-05`, '08:00')), DEC, 'due-day')).toEqual([early]);
    expect(await run(sh(`${Y + 1}-01-05`, '23:59'))).toEqual([]);
    const escalated = await run(sh(`${Y + 1}-01-06`, '00:00'));
    expect(escalated.filter((s) => s.period === DEC)).toEqual([expect.objectContaining({ unitId: early, kind: 'escalation' })]);
    const [notice] = await q(`SELECT title FROM notification WHERE kind = 'report-reminder' AND title LIKE $1 LIMIT 1`, [
      `%${Y + 1}-01-05 24时前报送 ${DEC} 月报%`,
    ]);
    expect(notice).toBeDefined();
  });

  it('escalates the unit extended to 31 January as February begins, and then builds December’s roll-up', async () => {
    expect(idsOf(await run(sh(`${Y + 1}-01-26`, '09:00')), DEC, 'before-5d')).toEqual([late]);
    expect(await buildDue(sh(`${Y + 1}-01-31`, '01:00'))).not.toContain(DEC);
    const feb = await run(sh(`${Y + 1}-02-01`, '00:01'));
    expect(feb.filter((s) => s.period === DEC)).toEqual([expect.objectContaining({ unitId: late, kind: 'escalation' })]);
    expect((await run(sh(`${Y + 1}-02-01`, '01:00'))).filter((s) => s.period === DEC)).toEqual([]);
    expect(await buildDue(sh(`${Y + 1}-02-01`, '01:00'))).toContain(DEC);
    const view = await rollUps.get(DEC);
    expect([view.figures.year, view.figures.plan]).toEqual([Y, null]);
    expect(sorted(view.figures.units.map((u) => u.unitId))).toEqual(owingDec);
    expect(view.figures.units.find((u) => u.unitId === late)?.dueAt).toBe(sh(`${Y + 1}-02-01`).toISOString());
    expect(await buildDue(sh(`${Y + 1}-02-02`, '01:00'))).toEqual([]);
  });
});
