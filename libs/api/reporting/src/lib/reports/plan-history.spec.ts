import { QueueModule } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import {
  addPeriods,
  defaultOpensAt,
  dueInstant,
  ManualClock,
  type MonthlyReportView,
  type RollUpView,
  type SubmissionBoardView,
} from '@crm/domain';
import { REFERENCE_2025 } from '@crm/migrations';
import { MonthlyReminderService } from '../reminders/monthly-reminder.service';
import { ReportingJobsModule, ReportingModule } from '../reporting.module';
import { monthlyFigures } from './monthly-report.figures';

/*
 * Two years of plan: 2025 as the annex has it, 2026 drafted from it, in which 陆港园区管委会 hands
 * the 陆港物流 chain to a new 格尔木国际陆港管理局 on 1 July and 市农牧局 is renamed
 * 市农业农村和牧业局 on 1 March. Everything is read in December 2026, after the changes: each period
 * shows the units owing its report, under the names they had then, and a renamed unit's reports
 * are one history.
 */
const OLD_NAME = '市农牧局';
const NEW_NAME = '市农业农村和牧业局';
const OLD_PORT = '陆港园区管委会';
const NEW_PORT = '格尔木国际陆港管理局';

/** The units owing a 2025 report, read from the seed's source: 责任单位 and key-task units. */
const OWING_2025 = [
  ...new Set(
    REFERENCE_2025.chains.flatMap((c) => [
      ...c.responsibleUnits.map((u) => u.unit),
      ...c.keyTasks.flatMap((k) => k.units),
    ]),
  ),
].sort();
/** The 责任单位 of 2026 (no key tasks are in its plan): the seed's, with the two changes. */
const RESPONSIBLE_SEED = [...new Set(REFERENCE_2025.chains.flatMap((c) => c.responsibleUnits.map((u) => u.unit)))];

describe('people and units over time in reports, the board, the roll-up and reminders', () => {
  const clock = new ManualClock('2026-12-10T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let agri: SignedInAgent;
  let agriId: number;
  const reports: Record<string, string> = {};

  const board = async (from: string, to: string) =>
    (await office.get(`/api/monthly-reports/board?from=${from}&to=${to}`).expect(200)).body as SubmissionBoardView;
  const rollUp = async (period: string) =>
    (await office.post(`/api/roll-ups/${period}/build`, {}).expect(200)).body as RollUpView;
  const sorted = (names: string[]) => [...names].sort();
  const submitted = async (unit: string, period: string, problems: string) => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO monthly_report (unit_id, period, state, work_done, problems, submitted_at, late, snapshot)
       VALUES ((SELECT id FROM unit WHERE name = $1), $2, 'submitted', '已报', $3, $4, false, '{"takenAt":"x","chains":[]}')
       RETURNING id`,
      [unit, period, problems, `${period}-20T10:00:00+08:00`],
    );
    return id as string;
  };

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule, ReportingJobsModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    // The 2025 plan as published (the seed's), and 2026 drafted from it and published.
    await q(
      `INSERT INTO annual_plan (year, status, published_at) VALUES (2025, 'published', '2025-02-01T00:00:00+08:00')
       ON CONFLICT (year) DO UPDATE SET status = 'published', published_at = coalesce(annual_plan.published_at, EXCLUDED.published_at)`,
    );
    await q(
      `INSERT INTO annual_plan (year, status, city_signed_amount, city_signed_at_least, city_funds_in_place, city_funds_at_least,
                                drafted_from, published_at)
       SELECT 2026, 'published', city_signed_amount, city_signed_at_least, city_funds_in_place, city_funds_at_least, 2025,
              '2026-01-20T00:00:00+08:00'
       FROM annual_plan WHERE year = 2025 ON CONFLICT (year) DO NOTHING`,
    );
    await q(
      `INSERT INTO chain_target (chain_id, year, signed_amount, big_project_threshold, big_project_min_count, funds_in_place,
                                 signed_at_least, funds_at_least, big_project_at_least)
       SELECT chain_id, 2026, signed_amount, big_project_threshold, big_project_min_count, funds_in_place,
              signed_at_least, funds_at_least, big_project_at_least
       FROM chain_target WHERE year = 2025 ON CONFLICT DO NOTHING`,
    );
    await q(
      `INSERT INTO sector_growth_target (year, sector, growth_rate)
       SELECT 2026, sector, growth_rate FROM sector_growth_target WHERE year = 2025 ON CONFLICT DO NOTHING`,
    );
    // 陆港园区管委会 serves 陆港物流 until 30 June 2026; the new bureau from 1 July.
    await q(`INSERT INTO unit (name, kind) VALUES ($1, 'bureau')`, [NEW_PORT]);
    await q(
      `UPDATE chain_unit SET valid_to = '2026-06-30'
       WHERE unit_id = (SELECT id FROM unit WHERE name = $1) AND chain_id = (SELECT id FROM chain WHERE code = 'land-port-logistics')`,
      [OLD_PORT],
    );
    await q(
      `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order, valid_from)
       SELECT (SELECT id FROM chain WHERE code = 'land-port-logistics'), id, 'responsible', false, 0, '2026-07-01'
       FROM unit WHERE name = $1`,
      [NEW_PORT],
    );
    // 市农牧局 is 市农业农村和牧业局 from 1 March 2026: same unit, its former name kept with its dates.
    [{ id: agriId }] = await q(`SELECT id FROM unit WHERE name = $1`, [OLD_NAME]);
    await q(`UPDATE unit SET name = $2 WHERE id = $1`, [agriId, NEW_NAME]);
    await q(`INSERT INTO unit_name (unit_id, name, valid_from, valid_to) VALUES ($1, $2, NULL, '2026-02-28')`, [
      agriId,
      OLD_NAME,
    ]);
    // Every month of both years is open.
    for (let p = '2025-01'; p <= '2026-12'; p = addPeriods(p, 1)) {
      await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        p,
        defaultOpensAt(p),
        dueInstant(p),
      ]);
    }
    reports['2025-11'] = await submitted(NEW_NAME, '2025-11', '饲草基地用地待协调。');
    reports['2026-05'] = await submitted(NEW_NAME, '2026-05', '冷链仓储资金缺口。');
    office = await signInAs(t, { roles: ['office'] });
    agri = await signInAs(t, { roles: ['staff'], unit: NEW_NAME });
  }, 120_000);
  afterAll(() => t.close());

  it('shows a renamed unit under the name of each report’s period, as one history', async () => {
    const old = (await office.get(`/api/monthly-reports/${reports['2025-11']}`).expect(200)).body as MonthlyReportView;
    const renamed = (await office.get(`/api/monthly-reports/${reports['2026-05']}`).expect(200)).body as MonthlyReportView;
    expect([old.unitId, old.unitName]).toEqual([agriId, OLD_NAME]);
    expect([renamed.unitId, renamed.unitName]).toEqual([agriId, NEW_NAME]);
    // The unit's own staff see the same: the February draft under the old name, March's under the new.
    expect((await agri.get('/api/monthly-reports/mine/2026-02').expect(200)).body.unitName).toBe(OLD_NAME);
    expect((await agri.get('/api/monthly-reports/mine/2026-03').expect(200)).body.unitName).toBe(NEW_NAME);
    const list2025 = (await office.get('/api/monthly-reports?period=2025-11').expect(200)).body as MonthlyReportView[];
    expect(list2025.find((r) => r.unitId === agriId)).toMatchObject({ unitName: OLD_NAME, id: reports['2025-11'] });
    // One row across the rename, named as at the board's end, with both reports in it.
    const across = await board('2025-11', '2026-05');
    const rows = across.rows.filter((r) => r.unitId === agriId);
    expect(rows.map((r) => r.unitName)).toEqual([NEW_NAME]);
    expect(rows[0].cells.filter((c) => c.reportId).map((c) => [c.period, c.reportId])).toEqual([
      ['2025-11', reports['2025-11']],
      ['2026-05', reports['2026-05']],
    ]);
  });

  it('gives a key-task unit a section on each chain whose 2025 key tasks it is responsible for', async () => {
    // The key tasks of each unit–chain pair, from the seeded tables: a unit may serve the chain or not.
    const duties: { unit_id: number; code: string; tasks: number[] }[] = await t.dataSource.query(
      `SELECT ku.unit_id, c.code, array_agg(k.id ORDER BY k.seq) AS tasks
       FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id JOIN chain c ON c.id = k.chain_id
       WHERE k.year = 2025 GROUP BY ku.unit_id, c.code ORDER BY ku.unit_id, c.code`,
    );
    expect(duties.length).toBeGreaterThan(0);
    for (const d of duties) {
      const figures = await monthlyFigures(t.dataSource.manager, d.unit_id, '2025-06', clock.now());
      const section = figures.chains.find((c) => c.chainCode === d.code);
      expect({ ...d, tasks: section?.keyTasks.map((k) => k.id) }).toEqual(d);
    }
  });

  it('keeps the 2025 board as it was: the units owing 2025 reports, under their 2025 names', async () => {
    const b2025 = await board('2025-01', '2025-12');
    expect(sorted(b2025.rows.map((r) => r.unitName))).toEqual(OWING_2025);
    expect(b2025.rows.map((r) => r.unitName)).not.toContain(NEW_PORT);
    expect(b2025.rows.map((r) => r.unitName)).not.toContain(NEW_NAME);
  });

  it('shows 2026 with the new unit from July, the old one until June, and the new name', async () => {
    const owing2026 = sorted([...RESPONSIBLE_SEED.map((u) => (u === OLD_NAME ? NEW_NAME : u)), NEW_PORT]);
    expect(sorted((await board('2026-01', '2026-12')).rows.map((r) => r.unitName))).toEqual(owing2026);
    expect(sorted((await board('2026-07', '2026-12')).rows.map((r) => r.unitName))).toEqual(
      owing2026.filter((u) => u !== OLD_PORT),
    );
    expect(sorted((await board('2026-01', '2026-06')).rows.map((r) => r.unitName))).toEqual(
      owing2026.filter((u) => u !== NEW_PORT),
    );
  });

  it('builds a 2025 roll-up after the changes with the 2025 units and names', async () => {
    const v2025 = await rollUp('2025-11');
    expect(sorted(v2025.figures.units.map((u) => u.unitName))).toEqual(OWING_2025);
    expect(v2025.figures.units.find((u) => u.unitId === agriId)).toMatchObject({ unitName: OLD_NAME, status: 'on-time' });
    expect(v2025.figures.problems).toEqual([
      expect.objectContaining({ unitId: agriId, unitName: OLD_NAME, text: '饲草基地用地待协调。' }),
    ]);
    const v2026 = await rollUp('2026-08');
    const names2026 = v2026.figures.units.map((u) => u.unitName);
    expect(names2026).toContain(NEW_PORT);
    expect(names2026).toContain(NEW_NAME);
    expect(names2026).not.toContain(OLD_PORT);
    expect(names2026).not.toContain(OLD_NAME);
    const may = await rollUp('2026-05');
    expect(may.figures.units.map((u) => u.unitName)).toContain(OLD_PORT);
    expect(may.figures.problems).toEqual([
      expect.objectContaining({ unitId: agriId, unitName: NEW_NAME, text: '冷链仓储资金缺口。' }),
    ]);
  });

  it('reminds the units owing each period, under the name of the period', async () => {
    const reminders = t.app.get(MonthlyReminderService);
    await createTestUser(t, { roles: ['staff'], unit: NEW_PORT });
    await createTestUser(t, { roles: ['staff'], unit: OLD_PORT });
    const unitNames = async (sent: { unitId: number }[]) =>
      sorted(
        (
          await t.dataSource.query(`SELECT unit_name_on(id, '2025-12-31') AS name FROM unit WHERE id = ANY ($1::int[])`, [
            sent.map((s) => s.unitId),
          ])
        ).map((r: { name: string }) => r.name),
      );

    // November 2025: every unit owing a 2025 report (key-task units included) but 市农牧局, which reported.
    clock.set('2025-11-20T09:00:00+08:00');
    const nov = await reminders.run(clock.now());
    expect(nov.every((s) => s.period === '2025-11' && s.kind === 'before-5d')).toBe(true);
    expect(await unitNames(nov)).toEqual(OWING_2025.filter((u) => u !== OLD_NAME));

    // Escalation goes to the 责任领导 of the chains the unit reports on, its key-task chains
    // included: a leader who leads none of the chains a key-task unit serves hears it is late.
    const [duty] = await t.dataSource.query(
      `SELECT u.name AS unit, p.name AS person FROM key_task k
       JOIN key_task_unit ku ON ku.key_task_id = k.id JOIN unit u ON u.id = ku.unit_id
       JOIN chain_leader l ON l.chain_id = k.chain_id AND l.role = 'responsible' JOIN person p ON p.id = l.person_id
       WHERE k.year = 2025 AND u.id <> $1
         AND NOT EXISTS (SELECT 1 FROM chain_leader o JOIN chain_unit cu ON cu.chain_id = o.chain_id
                         WHERE o.person_id = l.person_id AND o.role = 'responsible' AND cu.unit_id = u.id)
       ORDER BY k.chain_id, k.seq, u.name, p.name LIMIT 1`,
      [agriId],
    );
    expect(duty).toBeDefined();
    const dutyLeader = await createTestUser(t, { roles: ['leader'], person: duty.person });
    clock.set('2025-11-26T00:00:00+08:00');
    await reminders.run(clock.now());
    const escalations: { title: string }[] = await t.dataSource.query(
      `SELECT title FROM notification WHERE user_id = $1 AND kind = 'report-escalation'`,
      [dutyLeader.id],
    );
    expect(escalations.map((e) => e.title)).toContainEqual(expect.stringMatching(new RegExp(`^${duty.unit} 2025-11 月报逾期未报`)));

    // June 2026: 陆港园区管委会 still owes, the new bureau not yet; 市农牧局 is reminded under its new name.
    clock.set('2026-06-20T09:00:00+08:00');
    const june = (await reminders.run(clock.now())).filter((s) => s.period === '2026-06');
    const juneIds = june.map((s) => s.unitId);
    const idOf = async (name: string) => (await t.dataSource.query(`SELECT id FROM unit WHERE name = $1`, [name]))[0].id;
    expect(juneIds).toContain(await idOf(OLD_PORT));
    expect(juneIds).not.toContain(await idOf(NEW_PORT));
    clock.set('2026-07-20T09:00:00+08:00');
    const july = (await reminders.run(clock.now())).filter((s) => s.period === '2026-07');
    expect(july.map((s) => s.unitId)).toContain(await idOf(NEW_PORT));
    expect(july.map((s) => s.unitId)).not.toContain(await idOf(OLD_PORT));
    expect(july.map((s) => s.unitId).sort((a, b) => a - b)).toEqual(
      (await Promise.all([...RESPONSIBLE_SEED.filter((u) => u !== OLD_PORT && u !== OLD_NAME), NEW_NAME, NEW_PORT].map(idOf))).sort(
        (a, b) => a - b,
      ),
    );

    // The notices name the unit as it was in the period.
    clock.set('2026-02-20T09:00:00+08:00');
    await reminders.run(clock.now());
    const titles: { title: string }[] = await t.dataSource.query(
      `SELECT n.title FROM notification n JOIN app_user a ON a.id = n.user_id
       WHERE a.unit_id = $1 AND n.kind = 'report-reminder' ORDER BY n.created_at`,
      [agriId],
    );
    expect(titles.find((n) => n.title.includes('2026-02'))?.title).toMatch(new RegExp(`^${OLD_NAME}：`));
    expect(titles.find((n) => n.title.includes('2026-06'))?.title).toMatch(new RegExp(`^${NEW_NAME}：`));
  });
});
