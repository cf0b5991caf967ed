import { QueueModule } from '@crm/api/core';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import {
  ManualClock,
  statPeriodOf,
  statWindow,
  type MonthlyReportView,
  type ReportingPeriodView,
  type RollUpView,
  type StatCutoffs,
} from '@crm/domain';
import { ReportingModule } from '../reporting.module';

const NARRATIVE = { workDone: '走访企业', nextMonthPlan: '推进签约', problems: '' };

/**
 * 统计区间 (issue 16 §1, §2): the SQL rule and the TypeScript rule agree day by day; the office moves a
 * cut-off only within its month (a gap or an overlap is refused, nothing written), the kept totals
 * follow in the same transaction, and a lock waits for the moved window; what reaches a window after
 * its report was submitted is in the roll-up and, flagged, in the next report.
 */
describe('statistical windows: the rule, the office’s cut-offs, the lock and what comes after submission', () => {
  const clock = new ManualClock('2025-03-20T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let energy: SignedInAgent;
  let energyUnit: number;
  let projectId: string;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    t.dataSource.query(sql, params);
  const period = async (p: string): Promise<ReportingPeriodView> =>
    (await office.get(`/api/reporting-periods/${p}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    energy = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    [{ id: energyUnit }] = await q<{ id: number }>(`SELECT id FROM unit WHERE name = '市能源局'`);
    [{ id: projectId }] = await q<{ id: string }>(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, created_at)
       VALUES ('光伏制氢', (SELECT id FROM chain WHERE code = 'clean-energy'), '投资方', 'other', $1, $2, 'signed',
               '2025-01-05T10:00:00+08:00') RETURNING id`,
      [energyUnit, energy.user.id],
    );
  }, 120_000);
  afterAll(() => t.close());

  it('stat_period and stat_period_bounds in SQL give what statPeriodOf and statWindow give, every day of three years', async () => {
    const cutoffs: StatCutoffs = { '2024-02': '2024-02-29', '2024-07': '2024-07-01', '2025-05': '2025-05-31', '2023-11': '2023-11-10' };
    for (const [p, c] of Object.entries(cutoffs)) {
      await q(`INSERT INTO stat_period_cutoff (period, cutoff) VALUES ($1, $2)`, [p, c]);
    }
    try {
      const days = await q<{ day: string; period: string }>(
        `SELECT d::date::text AS day, stat_period(d::date)::text AS period
         FROM generate_series('2023-01-01'::date, '2025-12-31'::date, interval '1 day') d`,
      );
      expect(days).toHaveLength(365 + 366 + 365);
      const differ = days.filter((d) => d.period !== statPeriodOf(d.day, cutoffs));
      expect(differ).toEqual([]);
      const bounds = await q<{ period: string; from: string; to: string }>(
        `SELECT p AS period, b.first_day::text AS from, b.last_day::text AS to
         FROM (SELECT to_char(m, 'YYYY-MM') AS p FROM generate_series('2023-01-01'::date, '2025-12-01'::date, interval '1 month') m) x,
              stat_period_bounds(x.p) b`,
      );
      expect(bounds).toHaveLength(36);
      for (const b of bounds) expect(b).toEqual({ period: b.period, ...statWindow(b.period, cutoffs) });
    } finally {
      await q(`DELETE FROM stat_period_cutoff`);
    }
  });

  it('refuses a cut-off that leaves a gap or overlaps a neighbour (422, nothing written), and a bad date (400)', async () => {
    const gap = await office.put('/api/reporting-periods/2025-12/cutoff', { cutoff: '2025-12-25' }).expect(422);
    expect(gap.body.message).toContain('12月的统计区间须截至2025年12月31日，否则年末将留下空档');
    expect(gap.body.message).toContain("December's window must run to 2025-12-31");
    const overlap = await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-04-02' }).expect(422);
    expect(overlap.body.message).toContain('重叠');
    const before = await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-02-27' }).expect(422);
    expect(before.body.message).toContain('上月');
    await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-02-30' }).expect(400);
    await energy.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-03-28' }).expect(403);
    expect(await q(`SELECT * FROM stat_period_cutoff`)).toEqual([]);
    expect((await period('2025-03')).window).toEqual({ from: '2025-02-26', to: '2025-03-25' });
  });

  it('moves a cut-off within its month: both windows follow, the kept totals in the same transaction, the lock waits', async () => {
    await q(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, created_at)
       VALUES ($1, 'initial', 5000, '2025-03-27', 'XY-27', '2025-03-20T10:00:00+08:00')`,
      [projectId],
    );
    const month = async () =>
      (await q<{ month: string }>(`SELECT month FROM project_month_share WHERE project_id = $1 AND signed_amount > 0`, [projectId]))
        .map((r) => r.month);
    // Signed on the 27th: past March's cut-off, in April's window.
    expect(await month()).toEqual(['2025-04']);

    const march = await period('2025-03');
    const moved: ReportingPeriodView = (
      await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-03-28', version: march.version }).expect(200)
    ).body;
    expect(moved).toMatchObject({
      window: { from: '2025-02-26', to: '2025-03-28' },
      cutoffSet: true,
      lockableFrom: '2025-03-28T16:00:00.000Z',
      version: march.version + 1,
    });
    // April (not open yet) starts the day after.
    expect(await q(`SELECT first_day::text AS from, last_day::text AS to FROM stat_period_bounds('2025-04')`)).toEqual([
      { from: '2025-03-29', to: '2025-04-25' },
    ]);
    expect(await month()).toEqual(['2025-03']);
    const [audit] = await q<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE entity_type = 'reporting_period' AND entity_id = '2025-03' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit?.after).toEqual({ cutoff: '2025-03-28' });

    // The lock waits for the moved window, naming the day.
    clock.set('2025-03-28T12:00:00+08:00');
    const refused = await office.post('/api/reporting-periods/2025-03/lock', {}).expect(422);
    expect(refused.body.message).toContain('统计截至2025年3月28日，2025年3月29日起方可锁定');

    // Back to the default (null): the signing returns to April.
    await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: null }).expect(200);
    expect(await month()).toEqual(['2025-04']);
    expect(await period('2025-03')).toMatchObject({ window: { from: '2025-02-26', to: '2025-03-25' }, cutoffSet: false });
    await q(`DELETE FROM project_agreement WHERE agreement_ref = 'XY-27'`);
  });

  it('a report’s snapshot covers its window up to submission; what comes later is in the roll-up and, flagged, in the next report', async () => {
    clock.set('2025-03-20T10:00:00+08:00');
    await energy.put('/api/monthly-reports/mine/2025-03', { ...NARRATIVE, version: 0 }).expect(200);
    const submitted: MonthlyReportView = (
      await energy.post('/api/monthly-reports/mine/2025-03/submit', { version: 1 }).expect(200)
    ).body;
    expect(submitted.figures.window).toEqual({ from: '2025-02-26', to: '2025-03-25' });
    const signedIn = (r: MonthlyReportView) =>
      r.figures.chains.find((c) => c.chainCode === 'clean-energy')?.signings;
    expect(signedIn(submitted)).toEqual({ count: 0, amount: '0.000000' });

    // On the 22nd an agreement of the 21st is entered, and a lead on the 25th at 23:59:59.
    clock.set('2025-03-22T09:00:00+08:00');
    await q(
      `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, created_at)
       VALUES ($1, 'initial', 3000.5, '2025-03-21', 'XY-21', '2025-03-22T09:00:00+08:00')`,
      [projectId],
    );
    await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, created_at)
       VALUES ('储能电站', (SELECT id FROM chain WHERE code = 'clean-energy'), '投资方', 'other', $1, $2, '2025-03-25T23:59:59+08:00')`,
      [energyUnit, energy.user.id],
    );

    clock.set('2025-03-26T09:00:00+08:00');
    // The submitted report keeps its snapshot.
    const kept: MonthlyReportView = (await energy.get('/api/monthly-reports/mine/2025-03').expect(200)).body;
    expect(signedIn(kept)).toEqual({ count: 0, amount: '0.000000' });
    // The roll-up of March counts them.
    const rollUp: RollUpView = (await office.post('/api/roll-ups/2025-03/build', {}).expect(200)).body;
    const chain = rollUp.figures.chains.find((c) => c.chainCode === 'clean-energy');
    expect(chain?.signedMonth).toEqual({ count: 1, amount: '3000.500000' });
    expect(chain?.newLeads).toBe(1);
    expect(rollUp.figures.window).toEqual({ from: '2025-02-26', to: '2025-03-25' });

    // April's report flags them as arrived after March's submission.
    clock.set('2025-04-02T09:00:00+08:00');
    const april: MonthlyReportView = (await energy.get('/api/monthly-reports/mine/2025-04').expect(200)).body;
    expect(april.figures.window).toEqual({ from: '2025-03-26', to: '2025-04-25' });
    expect(april.figures.afterSubmission).toEqual({
      period: '2025-03',
      window: { from: '2025-02-26', to: '2025-03-25' },
      submittedAt: submitted.submittedAt,
      chains: [
        expect.objectContaining({
          chainCode: 'clean-energy',
          newLeads: 1,
          stageMoves: 0,
          signings: { count: 1, amount: '3000.500000' },
          fundsInPlace: '0.000000',
        }),
      ],
    });
    // …and April's own figures do not count them again.
    expect(signedIn(april)).toEqual({ count: 0, amount: '0.000000' });
  });

  it('refuses to move the cut-off of a locked period, or the one before it (whose window ends where it starts)', async () => {
    clock.set('2025-03-26T00:00:00+08:00');
    await office.post('/api/reporting-periods/2025-03/lock', {}).expect(200);
    const locked = await office.put('/api/reporting-periods/2025-03/cutoff', { cutoff: '2025-03-20' }).expect(422);
    expect(locked.body.message).toContain('2025-03 报告期已锁定');
    await office.put('/api/reporting-periods/2025-02/cutoff', { cutoff: '2025-02-20' }).expect(422);
    expect(await q(`SELECT * FROM stat_period_cutoff`)).toEqual([]);
  });
});
