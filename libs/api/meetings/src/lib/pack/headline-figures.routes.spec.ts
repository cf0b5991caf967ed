import { ChainMonthTotalsService, CockpitModule } from '@crm/api/cockpit';
import { QueueModule } from '@crm/api/core';
import { PipelineModule, PipelineTotalsService } from '@crm/api/pipeline';
import { PlanModule } from '@crm/api/plan';
import { ReportingModule } from '@crm/api/reporting';
import {
  createTestApp,
  createTestUser,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import {
  addDays,
  defaultOpensAt,
  dueInstant,
  ManualClock,
  trimDecimal,
  type ChainCockpitView,
  type ChainCode,
  type ChainProgressView,
  type CockpitView,
  type MeetingPackView,
  type RollUpView,
  type Stage,
  type WeeklyDigestView,
} from '@crm/domain';
import { MeetingsModule } from '../meetings.module';

/*
 * Issue 15: one definition of each headline figure. On one fixture (two chains, projects signed
 * and funded across the months of the plan's year, big and small, verified and not, one moved back
 * below signing, one dropped, one paused, one first signed the year before), every figure is read
 * through every route that shows it — chain progress, the cockpit, the chain leader page, the
 * monthly roll-up, the meeting pack and the weekly digest — and must equal the others and the
 * values worked out by hand below.
 *
 * Y is the seeded published plan's year (read, never assumed); the test sets its targets for the
 * two chains and the city, and stands the clock on a Monday in June of Y, so every route counts
 * January to June of Y.
 */

const A: ChainCode = 'clean-energy';
const B: ChainCode = 'metallurgy';

/** The figures of one chain (or the city) through June, as worked out by hand from the fixture. */
interface Expected {
  signed: string;
  signedCount: number;
  funds: string;
  verified: string;
  big: number;
  signedTarget: string;
  fundsTarget: string;
  bigTarget: number;
  signedRate: string;
  fundsRate: string;
  verifiedRate: string;
  bigRate: string;
}

/*
 * Chain A (target: signed 100000, funds 20000, big ≥ 10000 万元 × 2):
 *   A1 construction: 8000 (01-15) + 4000 (04-10) → big in April; funds 3000 (02, verified) + 1500.5 (05)
 *   A2 signed: 2500.25 in the digest week (June); funds 1000 (06, verified)
 *   A3 moved back to negotiation: 50000 (03-01) and 999 in the week do not count; its funds 700 (03) do
 *   A4 production, first signed Y-1: 20000 (Y-1) does not count, 600 (02-01) does; funds 900 (Y-1), 100 (01, verified)
 *   A5 land, paused: 11000 (05-05) → big in May
 *   signed 8000 + 4000 + 2500.25 + 600 + 11000 = 26100.25; first signed in Y: A1, A2, A5 = 3
 *   funds 3000 + 1500.5 + 1000 + 700 + 100 = 6300.5; verified 3000 + 1000 + 100 = 4100; big 2
 *   rates 26100.25 / 100000 = 26.10 %, 6300.5 / 20000 = 31.50 %, 4100 / 20000 = 20.50 %, 2 / 2 = 100.00 %
 *   pace (6/12): signed 50000.00 (gap −23899.75, 52.20 %), funds 10000.00 (gap −3699.50, 63.01 %), big 2 × 6 / 12 = 1 (gap 1, 200.00 %)
 * Chain B (target: signed 50000, funds 8000, big ≥ 30000 万元 × 1):
 *   B1 signed, dropped: 40000 (02-20) → big in February (a drop does not withdraw it); funds 5000 (03, verified)
 *   B2 construction: 20000 (05-15) + 15000 in the digest week → 35000, big in June; funds 2000 (06)
 *   B3 lead: nothing
 *   signed 75000, first signed 2; funds 7000, verified 5000; big 2
 *   rates 150.00 %, 87.50 %, 62.50 %, 200.00 %; pace 25000.00 (gap 50000.00, 300.00 %), 4000.00 (gap 3000.00, 175.00 %),
 *   big ceil(1 × 6 / 12) = 1 (a count's pace is a whole number of projects due; gap 1, 200.00 %)
 * City (the plan's city totals: signed 400000, funds 40000; big = the chains' counts: 2 + 1 + 5 × 1 = 8):
 *   signed 101100.25 (25.28 %), first signed 5, funds 13300.5 (33.25 %), verified 9100, big 4 (50.00 %)
 */
const EXPECTED: Record<'A' | 'B' | 'city', Expected> = {
  A: {
    signed: '26100.25',
    signedCount: 3,
    funds: '6300.5',
    verified: '4100',
    big: 2,
    signedTarget: '100000',
    fundsTarget: '20000',
    bigTarget: 2,
    signedRate: '26.10',
    fundsRate: '31.50',
    verifiedRate: '20.50',
    bigRate: '100.00',
  },
  B: {
    signed: '75000',
    signedCount: 2,
    funds: '7000',
    verified: '5000',
    big: 2,
    signedTarget: '50000',
    fundsTarget: '8000',
    bigTarget: 1,
    signedRate: '150.00',
    fundsRate: '87.50',
    verifiedRate: '62.50',
    bigRate: '200.00',
  },
  city: {
    signed: '101100.25',
    signedCount: 5,
    funds: '13300.5',
    verified: '9100',
    big: 4,
    signedTarget: '400000',
    fundsTarget: '40000',
    bigTarget: 8,
    signedRate: '25.28',
    fundsRate: '33.25',
    verifiedRate: '22.75',
    bigRate: '50.00',
  },
};
/** 序时进度 through June and the gap, by hand (above). */
const PACE = {
  A: {
    signed: ['50000', '-23899.75', '52.20'],
    funds: ['10000', '-3699.5', '63.01'],
    big: ['1', '1', '200.00'],
  },
  B: {
    signed: ['25000', '50000', '300.00'],
    funds: ['4000', '3000', '175.00'],
    // A count's pace is whole: ceil(1 × 6 / 12) = 1 project due by June (not 0.5), so the gap is 1.
    big: ['1', '1', '200.00'],
  },
};
/** June alone and the second quarter (April to June), by hand. */
const MONTH_AND_QUARTER = {
  A: {
    signedMonth: ['2500.25', 1],
    signedQuarter: ['17500.25', 2],
    fundsMonth: '1000',
    fundsQuarter: '2500.5',
  },
  B: {
    signedMonth: ['15000', 0],
    signedQuarter: ['35000', 1],
    fundsMonth: '2000',
    fundsQuarter: '2000',
  },
};
/** Projects now in each stage, 推进中 and 暂缓 (A5 paused counts, B1 dropped does not), and their signed amounts. */
const STAGE_COUNTS: Record<
  'A' | 'B',
  Partial<Record<Stage, [number, string]>>
> = {
  A: {
    negotiation: [1, '0'],
    signed: [1, '2500.25'],
    land: [1, '11000'],
    construction: [1, '12000'],
    production: [1, '20600'],
  },
  B: { lead: [1, '0'], construction: [1, '35000'] },
};
/** The digest week's 签约额: A2's 2500.25 (A3's 999 is of a project moved back), B2's 15000. */
const WEEK_SIGNED = { A: '2500.25', B: '15000' };

/** The figures of one chain as a route shows them, in one shape for comparing. */
interface Seen {
  signed: string;
  signedCount: number;
  funds: string;
  verified: string;
  big: number;
  signedTarget: string | null;
  fundsTarget: string | null;
  bigTarget: number | null;
  signedRate: string | null;
  fundsRate: string | null;
  verifiedRate: string | null;
  bigRate: string | null;
}

const n = (v: string | null | undefined) =>
  v === null || v === undefined ? null : trimDecimal(v);
const asSeen = (e: Expected): Seen => ({
  ...e,
  signed: n(e.signed) as string,
  funds: n(e.funds) as string,
  verified: n(e.verified) as string,
  signedTarget: n(e.signedTarget),
  fundsTarget: n(e.fundsTarget),
});

describe('the headline figures through every route (issue 15)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let office: SignedInAgent;
  let Y: number;
  let monday: string;
  let from: string;
  let meetingId: string;
  const chainId: Record<string, number> = {};
  const q = (sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params);

  beforeAll(async () => {
    t = await createTestApp(
      [
        QueueModule,
        PipelineModule,
        CockpitModule,
        ReportingModule,
        MeetingsModule,
        PlanModule,
      ],
      { SIGN_IN_RATE_PER_MINUTE: '1000' },
      { clock },
    );
    [{ year: Y }] = await q(
      `SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`,
    );
    // The first Monday from 15 June of Y: the digest's week (the seven days before) lies in June.
    monday = `${Y}-06-15`;
    while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1)
      monday = addDays(monday, 1);
    from = addDays(monday, -7);
    clock.set(`${monday}T10:00:00+08:00`);
    expect(await q(`SELECT count(*)::int AS n FROM project`)).toEqual([
      { n: 0 },
    ]);

    for (const r of await q(`SELECT id, code FROM chain`))
      chainId[r.code] = r.id;
    // The year's targets, set here so the rates can be worked out by hand.
    await q(
      `UPDATE chain_target SET big_project_min_count = 1 WHERE year = $1`,
      [Y],
    );
    await q(
      `UPDATE chain_target SET signed_amount = $3, funds_in_place = $4, big_project_threshold = $5, big_project_min_count = $6
       WHERE year = $1 AND chain_id = $2`,
      [Y, chainId[A], 100000, 20000, 10000, 2],
    );
    await q(
      `UPDATE chain_target SET signed_amount = $3, funds_in_place = $4, big_project_threshold = $5, big_project_min_count = $6
       WHERE year = $1 AND chain_id = $2`,
      [Y, chainId[B], 50000, 8000, 30000, 1],
    );
    await q(
      `UPDATE annual_plan SET city_signed_amount = 400000, city_funds_in_place = 40000 WHERE year = $1`,
      [Y],
    );

    office = await signInAs(t, { roles: ['office'] });
    const unitOf = async (code: ChainCode): Promise<number> =>
      (
        await q(
          `SELECT unit_id FROM chain_unit WHERE chain_id = $1 ORDER BY is_lead DESC, sort_order LIMIT 1`,
          [chainId[code]],
        )
      )[0].unit_id;
    const [unitA, unitB] = [await unitOf(A), await unitOf(B)];
    const owner = await createTestUser(t, {
      roles: ['staff'],
      unit: (await q(`SELECT name FROM unit WHERE id = $1`, [unitA]))[0].name,
    });

    const project = async (
      name: string,
      code: ChainCode,
      stage: Stage,
      status: 'active' | 'paused' | 'dropped',
      agreements: [string, string][],
      funds: [string, string, boolean][],
    ) => {
      const [{ id }] = await q(
        `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, status_reason)
         VALUES ($1, $2, '投资方', 'other', $3, $4, $5, $6::project_status, CASE WHEN $6::project_status = 'active' THEN NULL ELSE '原因' END)
         RETURNING id`,
        [
          name,
          chainId[code],
          code === A ? unitA : unitB,
          owner.id,
          stage,
          status,
        ],
      );
      for (const [i, [amount, signedOn]] of agreements.entries()) {
        await q(
          `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, $2, $3, $4, $5)`,
          [
            id,
            i === 0 ? 'initial' : 'supplementary',
            amount,
            signedOn,
            `${name}-${i}`,
          ],
        );
      }
      for (const [month, amount, verified] of funds) {
        await q(
          `INSERT INTO fund_arrival (project_id, month, amount, verified, verified_at) VALUES ($1, $2, $3, $4::boolean, CASE WHEN $4::boolean THEN $5::timestamptz END)`,
          [id, month, amount, verified, clock.now()],
        );
      }
    };
    const y = (md: string) => `${Y}-${md}`;
    await project(
      'A1 光伏',
      A,
      'construction',
      'active',
      [
        ['8000', y('01-15')],
        ['4000', y('04-10')],
      ],
      [
        [y('02'), '3000', true],
        [y('05'), '1500.5', false],
      ],
    );
    await project(
      'A2 储能',
      A,
      'signed',
      'active',
      [['2500.25', addDays(from, 1)]],
      [[y('06'), '1000', true]],
    );
    await project(
      'A3 回退',
      A,
      'negotiation',
      'active',
      [
        ['50000', y('03-01')],
        ['999', addDays(from, 3)],
      ],
      [[y('03'), '700', false]],
    );
    await project(
      'A4 上年',
      A,
      'production',
      'active',
      [
        ['20000', `${Y - 1}-11-20`],
        ['600', y('02-01')],
      ],
      [
        [`${Y - 1}-12`, '900', false],
        [y('01'), '100', true],
      ],
    );
    await project('A5 暂缓', A, 'land', 'paused', [['11000', y('05-05')]], []);
    await project(
      'B1 终止',
      B,
      'signed',
      'dropped',
      [['40000', y('02-20')]],
      [[y('03'), '5000', true]],
    );
    await project(
      'B2 铝箔',
      B,
      'construction',
      'active',
      [
        ['20000', y('05-15')],
        ['15000', addDays(from, 2)],
      ],
      [[y('06'), '2000', false]],
    );
    await project('B3 线索', B, 'lead', 'active', [], []);

    // The roll-up's period, and a joint meeting of both chains held on the clock's day.
    await q(
      `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [y('06'), defaultOpensAt(y('06')), dueInstant(y('06'))],
    );
    [{ id: meetingId }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, attendees, agenda, created_by)
       VALUES ('joint', $1, '主持人', '{张三}', '调度', $2) RETURNING id`,
      [monday, owner.id],
    );
    await q(
      `INSERT INTO meeting_chain (meeting_id, chain_id) VALUES ($1, $2), ($1, $3)`,
      [meetingId, chainId[A], chainId[B]],
    );
  });
  afterAll(() => t?.close());

  /** How many projects GET /api/projects lists for a figure's query (arrays as comma lists). */
  const listed = async (query: object): Promise<number> =>
    (
      await office
        .get('/api/projects')
        .query(
          Object.fromEntries(
            Object.entries(query).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.join(',') : String(v),
            ]),
          ),
        )
        .expect(200)
    ).body.total;

  it('keeps the trigger-kept totals equal to a full recount of the fixture', async () => {
    expect(await t.app.get(PipelineTotalsService).discrepancies()).toEqual([]);
    expect(await t.app.get(ChainMonthTotalsService).discrepancies()).toEqual(
      [],
    );
  });

  it('gives every figure the same, and as worked out by hand, on all six routes', async () => {
    const get = async <T>(
      path: string,
      query: Record<string, string> = {},
    ): Promise<T> => (await office.get(path).query(query).expect(200)).body;
    const progress = {
      A: await get<ChainProgressView>(`/api/chains/${A}/progress`),
      B: await get<ChainProgressView>(`/api/chains/${B}/progress`),
    };
    const cockpit = await get<CockpitView>('/api/cockpit');
    const leader = {
      A: await get<ChainCockpitView>(`/api/cockpit/chains/${A}`),
      B: await get<ChainCockpitView>(`/api/cockpit/chains/${B}`),
    };
    const rollUp = (
      await office
        .post(`/api/roll-ups/${Y}-06/build`, {})
        .expect((r) => expect(r.status).toBeLessThan(300))
    ).body as RollUpView;
    const pack = await get<MeetingPackView>(`/api/meetings/${meetingId}/pack`);
    const digest = await get<WeeklyDigestView>('/api/digests/weekly', {
      week: monday,
    });

    expect([
      progress.A.year,
      cockpit.year,
      cockpit.month,
      leader.A.month,
      rollUp.figures.year,
      pack.year,
      pack.month,
    ]).toEqual([Y, Y, 6, 6, Y, Y, 6]);
    for (const key of ['A', 'B'] as const) {
      const code = key === 'A' ? A : B;
      const p = progress[key];
      const c = cockpit.chains.find((x) => x.chain.code === code);
      const r = rollUp.figures.chains.find((x) => x.chainCode === code);
      const s = pack.chains.find((x) => x.chain.code === code);
      const d = digest.chains.find((x) => x.chain.code === code);
      if (!c || !r || !s || !d?.figures)
        throw new Error(`${code} missing on a route`);
      const fromCockpit = (f: typeof c): Seen => ({
        signed: n(f.signedAmount.actual) as string,
        signedCount: f.signedProjects.count,
        funds: n(f.fundsInPlace.actual) as string,
        verified: n(f.fundsInPlaceVerified.actual) as string,
        big: f.bigProjects.actual,
        signedTarget: n(f.signedAmount.target),
        fundsTarget: n(f.fundsInPlace.target),
        bigTarget: f.bigProjects.target,
        signedRate: f.signedAmount.rate,
        fundsRate: f.fundsInPlace.rate,
        verifiedRate: f.fundsInPlaceVerified.rate,
        bigRate: f.bigProjects.rate,
      });
      const seen: Record<string, Seen> = {
        'chain progress': {
          signed: n(p.signedAmount.actual) as string,
          signedCount: p.signedProjectCount,
          funds: n(p.fundsInPlace.actual) as string,
          verified: n(p.fundsInPlaceVerified.actual) as string,
          big: p.bigProjects.count,
          signedTarget: n(p.signedAmount.target),
          fundsTarget: n(p.fundsInPlace.target),
          bigTarget: p.bigProjects.target,
          signedRate: p.signedAmount.rate,
          fundsRate: p.fundsInPlace.rate,
          verifiedRate: p.fundsInPlaceVerified.rate,
          bigRate: p.bigProjects.rate,
        },
        cockpit: fromCockpit(c),
        'leader page': fromCockpit(leader[key].figures),
        'roll-up': {
          signed: n(r.signedYearToDate.actual) as string,
          signedCount: r.signedYearToDate.count,
          funds: n(r.fundsYearToDate.actual) as string,
          // The roll-up shows no verified funds: the cockpit's stand in, compared above.
          verified: n(c.fundsInPlaceVerified.actual) as string,
          big: r.bigProjects.count,
          signedTarget: n(r.signedYearToDate.target),
          fundsTarget: n(r.fundsYearToDate.target),
          bigTarget: r.bigProjects.target,
          signedRate: r.signedYearToDate.rate,
          fundsRate: r.fundsYearToDate.rate,
          verifiedRate: c.fundsInPlaceVerified.rate,
          bigRate: r.bigProjects.rate,
        },
        'meeting pack': fromCockpit(s.figures),
        'weekly digest': fromCockpit(d.figures),
      };
      const expected = asSeen(EXPECTED[key]);
      for (const [route, figures] of Object.entries(seen))
        expect({ route, code, figures }).toEqual({
          route,
          code,
          figures: expected,
        });

      // The project lists the cockpit links each count to hold exactly the projects counted.
      expect(await listed(c.bigProjects.query)).toBe(EXPECTED[key].big);
      expect(await listed(c.signedProjects.query)).toBe(
        EXPECTED[key].signedCount,
      );

      // The threshold each chain's big projects are counted against is its own, from the plan.
      const threshold = key === 'A' ? '10000' : '30000';
      expect(
        [
          p.bigProjects.threshold,
          r.bigProjects.threshold,
          c.target?.bigProjectThreshold,
        ].map(n),
      ).toEqual([threshold, threshold, threshold]);

      // 序时进度 and the gap: the same on the cockpit, the leader page, the pack and the digest.
      const pace = PACE[key];
      for (const f of [c, leader[key].figures, s.figures, d.figures]) {
        expect([
          n(f.signedAmount.pace),
          n(f.signedAmount.gap),
          f.signedAmount.paceRate,
        ]).toEqual(pace.signed);
        expect([
          n(f.fundsInPlace.pace),
          n(f.fundsInPlace.gap),
          f.fundsInPlace.paceRate,
        ]).toEqual(pace.funds);
        expect([
          n(f.bigProjects.pace),
          n(f.bigProjects.gap),
          f.bigProjects.paceRate,
        ]).toEqual(pace.big);
      }

      // June and the second quarter (the roll-up's month and quarter; the trend's last month).
      const mq = MONTH_AND_QUARTER[key];
      expect([n(r.signedMonth.amount), r.signedMonth.count]).toEqual(
        mq.signedMonth,
      );
      expect(n(r.fundsMonth)).toBe(mq.fundsMonth);
      const rank = rollUp.figures.quarter.rows.find(
        (x) => x.chainCode === code,
      );
      expect([
        n(rank?.quarterSigned.amount),
        rank?.quarterSigned.count,
        n(rank?.quarterFunds),
      ]).toEqual([...mq.signedQuarter, mq.fundsQuarter]);
      const trend = leader[key].trend;
      expect([n(trend.signedAmount[5]), n(trend.fundsInPlace[5])]).toEqual([
        mq.signedMonth[0],
        mq.fundsMonth,
      ]);
      const june = rollUp.figures.yearView.chains.find(
        (x) => x.chainCode === code,
      )?.months[5];
      expect([
        n(june?.signed.amount),
        june?.signed.count,
        n(june?.fundsInPlace),
      ]).toEqual([...mq.signedMonth, mq.fundsMonth]);

      // Projects in each stage: chain progress, the leader page, the roll-up and the pack.
      const stages = (
        rows: { stage: Stage; count: number; signedAmount: string }[],
      ) =>
        Object.fromEntries(
          rows
            .filter((x) => x.count > 0)
            .map((x) => [x.stage, [x.count, n(x.signedAmount)]]),
        );
      for (const rows of [p.pipeline, leader[key].funnel, r.pipeline, s.funnel])
        expect(stages(rows)).toEqual(STAGE_COUNTS[key]);

      // The digest week's 签约额, and its signings listed.
      expect(n(d.signedTotal)).toBe(WEEK_SIGNED[key]);
      expect(d.signings.reduce((sum, x) => sum + Number(x.amount), 0)).toBe(
        Number(WEEK_SIGNED[key]),
      );
    }

    // The city: the cockpit's totals and the roll-up's, against the plan's city totals.
    const city = asSeen(EXPECTED.city);
    const totals = cockpit.totals;
    expect(totals.scope).toBe('city');
    expect({
      signed: n(totals.signedAmount.actual),
      signedCount: totals.signedProjects.count,
      funds: n(totals.fundsInPlace.actual),
      big: totals.bigProjects.actual,
      signedTarget: n(totals.signedAmount.target),
      fundsTarget: n(totals.fundsInPlace.target),
      bigTarget: totals.bigProjects.target,
      signedRate: totals.signedAmount.rate,
      fundsRate: totals.fundsInPlace.rate,
      bigRate: totals.bigProjects.rate,
    }).toEqual({
      signed: city.signed,
      signedCount: city.signedCount,
      funds: city.funds,
      big: city.big,
      signedTarget: city.signedTarget,
      fundsTarget: city.fundsTarget,
      bigTarget: city.bigTarget,
      signedRate: city.signedRate,
      fundsRate: city.fundsRate,
      bigRate: city.bigRate,
    });
    const rc = rollUp.figures.city;
    expect({
      signed: n(rc.signedYearToDate.actual),
      signedCount: rc.signedYearToDate.count,
      funds: n(rc.fundsYearToDate.actual),
      big: rc.bigProjects.count,
      signedTarget: n(rc.signedYearToDate.target),
      fundsTarget: n(rc.fundsYearToDate.target),
      bigTarget: rc.bigProjects.target,
      signedRate: rc.signedYearToDate.rate,
      fundsRate: rc.fundsYearToDate.rate,
      bigRate: rc.bigProjects.rate,
    }).toEqual({
      signed: city.signed,
      signedCount: city.signedCount,
      funds: city.funds,
      big: city.big,
      signedTarget: city.signedTarget,
      fundsTarget: city.fundsTarget,
      bigTarget: city.bigTarget,
      signedRate: city.signedRate,
      fundsRate: city.fundsRate,
      bigRate: city.bigRate,
    });
    expect([
      n(totals.cityTargets.signedAmount),
      n(totals.cityTargets.fundsInPlace),
      totals.cityTargets.bigProjects,
    ]).toEqual(['400000', '40000', 8]);
  });

  it('counts no project as big, on any route, while the year’s plan is not published', async () => {
    const [{ published_at: publishedAt }] = await q(
      `SELECT published_at FROM annual_plan WHERE year = $1`,
      [Y],
    );
    await q(
      `UPDATE annual_plan SET status = 'draft', published_at = NULL WHERE year = $1`,
      [Y],
    );
    try {
      const progress: ChainProgressView = (
        await office.get(`/api/chains/${A}/progress`).expect(200)
      ).body;
      const cockpit: CockpitView = (
        await office.get('/api/cockpit').expect(200)
      ).body;
      const leader: ChainCockpitView = (
        await office.get(`/api/cockpit/chains/${A}`).expect(200)
      ).body;
      const rollUp: RollUpView = (
        await office
          .post(`/api/roll-ups/${Y}-06/build`, {})
          .expect((r) => expect(r.status).toBeLessThan(300))
      ).body;
      const pack: MeetingPackView = (
        await office.get(`/api/meetings/${meetingId}/pack`).expect(200)
      ).body;
      const digest: WeeklyDigestView = (
        await office
          .get('/api/digests/weekly')
          .query({ week: monday })
          .expect(200)
      ).body;
      const bigs = [
        progress.bigProjects.count,
        cockpit.chains.find((c) => c.chain.code === A)?.bigProjects.actual,
        cockpit.totals.bigProjects.actual,
        leader.figures.bigProjects.actual,
        rollUp.figures.chains.find((c) => c.chainCode === A)?.bigProjects.count,
        rollUp.figures.city.bigProjects.count,
        pack.chains.find((c) => c.chain.code === A)?.figures.bigProjects.actual,
        digest.chains.find((c) => c.chain.code === A)?.figures?.bigProjects
          .actual,
      ];
      expect(bigs).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      expect(await listed({ chain: A, bigBy: `${Y}-06` })).toBe(0);
      // The actuals stay, the same everywhere; no target and no rate.
      expect(n(progress.signedAmount.actual)).toBe(EXPECTED.A.signed);
      expect(n(leader.figures.signedAmount.actual)).toBe(EXPECTED.A.signed);
      expect([
        progress.signedAmount.rate,
        leader.figures.signedAmount.rate,
        leader.figures.signedAmount.pace,
      ]).toEqual([null, null, null]);
    } finally {
      await q(
        `UPDATE annual_plan SET status = 'published', published_at = $2 WHERE year = $1`,
        [Y, publishedAt],
      );
    }
  });
});
