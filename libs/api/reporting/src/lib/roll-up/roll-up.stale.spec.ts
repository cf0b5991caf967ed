import { CLOCK, QueueModule, type Clock } from '@crm/api/core';
import {
  createTestApp,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import { ManualClock, type RollUpFigures, type RollUpView } from '@crm/domain';
import { Workbook } from 'exceljs';
import { insertFixtures, PERIOD } from '../../test/roll-up-world';
import { ReportingModule } from '../reporting.module';
import { RollUpExportRunner } from './roll-up-export.runner';
import { RollUpService } from './roll-up.service';

const NARRATIVE = { workDone: '走访企业', nextMonthPlan: '推进签约', problems: '' };

/**
 * Snapshots that mean something (issue 16, item 2): a period is locked only once its window has
 * closed; a report submitted late, returned or resubmitted after the scheduled roll-up marks it out
 * of date, and the rebuild (the schedule's job, or the export runner first) lists the unit as it
 * stands, so no file made after carries stale punctuality.
 */
describe('roll-up out of date, and the lock after the window', () => {
  const clock = new ManualClock('2025-03-20T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let energy: SignedInAgent;
  let service: RollUpService;

  const rollUp = async (): Promise<RollUpView> =>
    (await office.get(`/api/roll-ups/${PERIOD}`).expect(200)).body;
  const statusOf = (f: RollUpFigures, unit: string) =>
    f.units.find((u) => u.unitName === unit)?.status;
  /** What the scheduled roll-up build job runs. */
  const buildJob = () => service.buildDue(clock.now());

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    service = t.app.get(RollUpService);
    office = await signInAs(t, { roles: ['office'] });
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    await insertFixtures(t);
  }, 120_000);
  afterAll(() => t.close());

  it('refuses to lock a period before its window has closed, naming the date it may be locked', async () => {
    clock.set('2025-03-20T09:00:00+08:00');
    const period = (await office.get(`/api/reporting-periods/${PERIOD}`).expect(200)).body;
    // The window (统计区间) runs from the day after February's cut-off to the 25th.
    expect(period.window).toEqual({ from: '2025-02-26', to: '2025-03-25' });
    expect(period.lockableFrom).toBe('2025-03-25T16:00:00.000Z');
    const refused = await office
      .post(`/api/reporting-periods/${PERIOD}/lock`, { version: period.version })
      .expect(422);
    expect(refused.body.message).toContain('统计截至2025年3月25日，2025年3月26日起方可锁定');
    clock.set('2025-03-25T23:59:59+08:00');
    await office.post(`/api/reporting-periods/${PERIOD}/lock`).expect(422);
    // Nothing changed: not locked, no snapshot, same version.
    const after = (await office.get(`/api/reporting-periods/${PERIOD}`).expect(200)).body;
    expect(after).toMatchObject({ locked: false, version: period.version });
    expect(
      await t.dataSource.query(`SELECT 1 FROM roll_up_snapshot WHERE period = $1`, [PERIOD]),
    ).toEqual([]);
  });

  it('marks the scheduled roll-up out of date on a late report, and the rebuild lists the unit as late', async () => {
    clock.set('2025-03-26T01:00:00+08:00');
    expect(await buildJob()).toContain(PERIOD);
    const scheduled = await rollUp();
    expect(scheduled.staleSince).toBeNull();
    expect(statusOf(scheduled.figures, '市能源局')).toBe('missing');

    clock.set('2025-03-26T10:00:00+08:00');
    await energy.put(`/api/monthly-reports/mine/${PERIOD}`, { ...NARRATIVE, version: 0 }).expect(200);
    const late = await energy
      .post(`/api/monthly-reports/mine/${PERIOD}/submit`, { version: 1 })
      .expect(200);
    expect(late.body).toMatchObject({ state: 'submitted', late: true });
    const stale = await rollUp();
    expect(stale).toMatchObject({
      staleSince: '2025-03-26T02:00:00.000Z',
      version: scheduled.version,
    });
    expect(statusOf(stale.figures, '市能源局')).toBe('missing');

    clock.set('2025-03-26T10:05:00+08:00');
    expect(await buildJob()).toEqual([PERIOD]);
    const rebuilt = await rollUp();
    expect(rebuilt).toMatchObject({ staleSince: null, version: scheduled.version + 1 });
    expect(statusOf(rebuilt.figures, '市能源局')).toBe('late');
    expect(rebuilt.figures.units.find((u) => u.unitName === '市能源局')).toMatchObject({
      late: true,
      submittedAt: '2025-03-26T02:00:00.000Z',
    });
    // Current again: the schedule leaves it alone.
    expect(await buildJob()).toEqual([]);
  });

  it('a report returned after the roll-up: the export made after holds the new state, not the built one', async () => {
    clock.set('2025-03-27T09:00:00+08:00');
    const reports = (await office.get(`/api/monthly-reports?period=${PERIOD}`).expect(200)).body;
    const mine = reports.find((r: { unitName: string }) => r.unitName === '市能源局');
    await office
      .post(`/api/monthly-reports/${mine.id}/return`, { version: mine.version, comment: '请补充签约项目' })
      .expect(200);
    const stale = await rollUp();
    expect(stale.staleSince).toBe('2025-03-27T01:00:00.000Z');
    expect(statusOf(stale.figures, '市能源局')).toBe('late');

    // An export asked for now is built by the worker's runner, which rebuilds the roll-up first.
    const queued = await office.post(`/api/roll-ups/${PERIOD}/exports`, { format: 'xlsx' }).expect(202);
    const runner = new RollUpExportRunner(t.dataSource, t.app.get<Clock>(CLOCK), service);
    expect(await runner.run(queued.body.id, 1, 1)).toBe('done');
    const current = await rollUp();
    expect(current).toMatchObject({ staleSince: null, version: stale.version + 1 });
    expect(statusOf(current.figures, '市能源局')).toBe('returned');
    const [row] = await t.dataSource.query(
      `SELECT file, roll_up_version FROM roll_up_export WHERE id = $1`,
      [queued.body.id],
    );
    expect(row.roll_up_version).toBe(current.version);
    const book = new Workbook();
    await book.xlsx.load(row.file);
    const lines: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((r) => lines.push((r.values as unknown[]).filter((v) => v != null).join('|'))),
    );
    const energyLine = lines.find((l) => l.includes('市能源局') && /退回修改|逾期报送|按时报送/.test(l));
    expect(energyLine).toContain('退回修改');
    expect(energyLine).not.toContain('逾期报送');

    // Resubmitted: out of date again; rebuilt, late as first stamped.
    clock.set('2025-03-27T15:00:00+08:00');
    const again = (await energy.get(`/api/monthly-reports/mine/${PERIOD}`).expect(200)).body;
    await energy
      .post(`/api/monthly-reports/mine/${PERIOD}/submit`, { version: again.version })
      .expect(200);
    expect((await rollUp()).staleSince).toBe('2025-03-27T07:00:00.000Z');
    expect(await buildJob()).toEqual([PERIOD]);
    expect(statusOf((await rollUp()).figures, '市能源局')).toBe('late');
  });

  it('locks once the window has closed: from 00:00 on the 26th', async () => {
    // Another period, so the reports above could still move at the end of March's window.
    clock.set('2025-02-25T23:59:59+08:00');
    await office.post('/api/reporting-periods/2025-02/lock').expect(422);
    clock.set('2025-02-26T00:00:00+08:00');
    const locked = await office.post('/api/reporting-periods/2025-02/lock').expect(200);
    expect(locked.body.locked).toBe(true);
    const [snapshot] = await t.dataSource.query(
      `SELECT taken_at FROM roll_up_snapshot WHERE period = '2025-02'`,
    );
    expect(snapshot.taken_at.toISOString()).toBe('2025-02-25T16:00:00.000Z');
  });
});
