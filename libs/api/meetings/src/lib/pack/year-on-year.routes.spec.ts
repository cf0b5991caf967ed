import { CockpitModule } from '@crm/api/cockpit';
import { QueueModule } from '@crm/api/core';
import { PipelineModule, headlineFigures } from '@crm/api/pipeline';
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
  defaultOpensAt,
  dueInstant,
  ManualClock,
  trimDecimal,
  yearOnYearRows,
  yearOnYearWords,
  type ChainCockpitView,
  type ChainCode,
  type CockpitView,
  type MeetingPackView,
  type RollUpView,
  type YearOnYearView,
} from '@crm/domain';
import { MeetingsModule } from '../meetings.module';

/*
 * Issue 16 §3: 同比 and 资金到位率, defined once with the headline figures, through every route
 * that shows them — the cockpit (each chain and the totals), the chain leader page, the monthly
 * roll-up (its figures, bulletin lines and narrative) and the meeting pack — on a two-year
 * fixture, against values worked out by hand below. Then a year with nothing the year before says
 * so (no 0%), and a year before the product compares 到位资金 with the office's whole-year
 * baseline (funds_baseline) for the full year only.
 *
 * Y is the seeded published plan's year; the clock stands on 15 June of Y, so every route counts
 * January to June of Y against January to June of Y − 1.
 *
 * Fixture (万元):
 *   Y − 1: A1 (chain A) first signed 10000 on 03-10, funds 2000 in 04;
 *          A6 (chain A) signed 5000 on 08-01 and funds 3000 in 09 (after June: only the full year);
 *          B2 (chain B) first signed 16000 on 01-05, no funds.
 *   Y:     A1 supplementary 2500 on 04-01 (signed amount, not a project first signed);
 *          A2 first signed 15000 on 02-01 (≥ A's threshold 10000: big), funds 1000 in 03, 2000 in 05;
 *          B1 first signed 8000 on 05-20 (below B's threshold 30000), funds 500 in 06.
 * January to June (no plan of Y − 1 is published: last year has no 亿元以上项目 figure, not 0):
 *   A: signed 17500 vs 10000 → +75.00 %; projects 1 vs 1 → 0.00 %; funds 3000 vs 2000 → +50.00 %;
 *      big 1 vs no figure → none; 资金到位率 3000 / 17500 = 17.142857… → 17.14 %
 *   B: signed 8000 vs 16000 → −50.00 %; projects 1 vs 1 → 0.00 %; funds 500 vs 0 → none (0);
 *      big 0 vs no figure → none; 资金到位率 500 / 8000 = 6.25 %
 *   city: signed 25500 vs 26000 → −1.923… → −1.92 %; projects 2 vs 2 → 0.00 %; funds 3500 vs 2000
 *      → +75.00 %; big 1 vs no figure → none; 资金到位率 3500 / 25500 = 13.7254… → 13.73 %
 *   second quarter, chain A: signed 2500 vs 0 → none; funds 2000 vs 2000 → 0.00 %
 */

const A: ChainCode = 'clean-energy';
const B: ChainCode = 'metallurgy';

/** One figure as a route shows it: [this year, last year, growth %], money trimmed. */
type Seen = [string, string | null, string | null];
interface Expected {
  signed: Seen;
  projects: Seen;
  funds: Seen;
  big: Seen;
  ratio: string | null;
}

const EXPECTED: Record<'A' | 'B' | 'city', Expected> = {
  A: {
    signed: ['17500', '10000', '75.00'],
    projects: ['1', '1', '0.00'],
    funds: ['3000', '2000', '50.00'],
    big: ['1', null, null],
    ratio: '17.14',
  },
  B: {
    signed: ['8000', '16000', '-50.00'],
    projects: ['1', '1', '0.00'],
    funds: ['500', '0', null],
    big: ['0', null, null],
    ratio: '6.25',
  },
  city: {
    signed: ['25500', '26000', '-1.92'],
    projects: ['2', '2', '0.00'],
    funds: ['3500', '2000', '75.00'],
    big: ['1', null, null],
    ratio: '13.73',
  },
};

const t2 = (v: string | number | null): string | null =>
  v === null ? null : typeof v === 'number' ? String(v) : trimDecimal(v);

/** The shape every route is compared in. */
function seen(v: YearOnYearView | undefined): Expected & { bases: (string | null)[] } {
  if (!v) throw new Error('no yearOnYear on the route');
  const f = (x: YearOnYearView['signedAmount'] | YearOnYearView['signedProjects']): Seen => [
    t2(x.thisYear) as string,
    t2(x.lastYear),
    x.growthRate,
  ];
  return {
    signed: f(v.signedAmount),
    projects: f(v.signedProjects),
    funds: f(v.fundsInPlace),
    big: f(v.bigProjects),
    ratio: v.fundsToSignedRate,
    bases: [v.signedAmount.basis, v.signedProjects.basis, v.fundsInPlace.basis, v.bigProjects.basis],
  };
}

describe('同比 and 资金到位率 through every route (issue 16 §3)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let office: SignedInAgent;
  let Y: number;
  let ownerId: string;
  const chainId: Record<string, number> = {};
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const get = async <T>(path: string, query: Record<string, string | number> = {}): Promise<T> =>
    (await office.get(path).query(query).expect(200)).body;

  async function project(
    name: string,
    code: ChainCode,
    agreements: [string, string][],
    funds: [string, string][],
  ): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status)
       VALUES ($1, $2, '投资方', 'other', (SELECT unit_id FROM chain_unit WHERE chain_id = $2 ORDER BY is_lead DESC, sort_order LIMIT 1),
               $3, 'construction', 'active')
       RETURNING id`,
      [name, chainId[code], ownerId],
    );
    await addAgreements(id, name, agreements, 0);
    for (const [month, amount] of funds) {
      await q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [id, month, amount]);
    }
    return id;
  }
  async function addAgreements(id: string, name: string, agreements: [string, string][], from: number) {
    for (const [i, [amount, signedOn]] of agreements.entries()) {
      await q(
        `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, $2, $3, $4, $5)`,
        [id, from + i === 0 ? 'initial' : 'supplementary', amount, signedOn, `${name}-${from + i}`],
      );
    }
  }
  async function meetingIn(heldOn: string): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, attendees, agenda, created_by)
       VALUES ('joint', $1, '主持人', '{张三}', '调度', $2) RETURNING id`,
      [heldOn, ownerId],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) VALUES ($1, $2), ($1, $3)`, [id, chainId[A], chainId[B]]);
    return id;
  }
  async function buildRollUp(period: string): Promise<RollUpView> {
    await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      period,
      defaultOpensAt(period),
      dueInstant(period),
    ]);
    return (
      await office.post(`/api/roll-ups/${period}/build`, {}).expect((r) => expect(r.status).toBeLessThan(300))
    ).body as RollUpView;
  }

  beforeAll(async () => {
    t = await createTestApp(
      [QueueModule, PipelineModule, CockpitModule, ReportingModule, MeetingsModule, PlanModule],
      { SIGN_IN_RATE_PER_MINUTE: '1000' },
      { clock },
    );
    [{ year: Y }] = await q(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    clock.set(`${Y}-06-15T10:00:00+08:00`);
    // The premises of the hand-worked values: no project yet, no published plan of Y − 1 (so
    // last year counts no big project), no baseline entered.
    expect(await q(`SELECT count(*)::int AS n FROM project`)).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM annual_plan WHERE year = $1 AND status = 'published'`, [Y - 1])).toEqual([{ n: 0 }]);
    await q(`DELETE FROM funds_baseline`);
    for (const r of await q(`SELECT id, code FROM chain`)) chainId[r.code] = r.id;
    await q(`UPDATE chain_target SET big_project_threshold = 10000 WHERE year = $1 AND chain_id = $2`, [Y, chainId[A]]);
    await q(`UPDATE chain_target SET big_project_threshold = 30000 WHERE year = $1 AND chain_id = $2`, [Y, chainId[B]]);

    office = await signInAs(t, { roles: ['office'] });
    const [{ unit_id: unitA }] = await q(
      `SELECT unit_id FROM chain_unit WHERE chain_id = $1 ORDER BY is_lead DESC, sort_order LIMIT 1`,
      [chainId[A]],
    );
    const [{ name: unitName }] = await q(`SELECT name FROM unit WHERE id = $1`, [unitA]);
    ownerId = (await createTestUser(t, { roles: ['staff'], unit: unitName })).id;

    const last = (md: string) => `${Y - 1}-${md}`;
    const y = (md: string) => `${Y}-${md}`;
    const a1 = await project('A1 上年签约', A, [['10000', last('03-10')]], [[last('04'), '2000']]);
    await addAgreements(a1, 'A1 上年签约', [['2500', y('04-01')]], 1);
    await project('A6 上年下半年', A, [['5000', last('08-01')]], [[last('09'), '3000']]);
    await project('B2 上年铝材', B, [['16000', last('01-05')]], []);
    await project('A2 光伏', A, [['15000', y('02-01')]], [
      [y('03'), '1000'],
      [y('05'), '2000'],
    ]);
    await project('B1 铝箔', B, [['8000', y('05-20')]], [[y('06'), '500']]);
  });
  afterAll(() => t?.close());

  it('gives the same 同比 and 资金到位率 as worked out by hand on the cockpit, the leader page, the roll-up and the meeting pack', async () => {
    const cockpit = await get<CockpitView>('/api/cockpit');
    const leader = {
      A: await get<ChainCockpitView>(`/api/cockpit/chains/${A}`),
      B: await get<ChainCockpitView>(`/api/cockpit/chains/${B}`),
    };
    const rollUp = await buildRollUp(`${Y}-06`);
    const pack = await get<MeetingPackView>(`/api/meetings/${await meetingIn(`${Y}-06-15`)}/pack`);
    expect([cockpit.month, rollUp.figures.year, pack.month]).toEqual([6, Y, 6]);

    // 亿元以上项目: no figure of last year (its plan was not published), so no basis.
    const system = ['system', 'system', 'system', null];
    for (const key of ['A', 'B'] as const) {
      const code = key === 'A' ? A : B;
      const routes: Record<string, YearOnYearView | undefined> = {
        cockpit: cockpit.chains.find((c) => c.chain.code === code)?.yearOnYear,
        'leader page': leader[key].figures.yearOnYear,
        'roll-up': rollUp.figures.chains.find((c) => c.chainCode === code)?.yearOnYear,
        'meeting pack': pack.chains.find((c) => c.chain.code === code)?.figures.yearOnYear,
      };
      for (const [route, v] of Object.entries(routes)) {
        expect({ route, code, seen: seen(v) }).toEqual({ route, code, seen: { ...EXPECTED[key], bases: system } });
        expect(v?.previousYear).toBe(Y - 1);
      }
    }
    for (const [route, v] of Object.entries({
      'cockpit totals': cockpit.totals.yearOnYear,
      'roll-up city': rollUp.figures.city.yearOnYear,
    })) {
      expect({ route, seen: seen(v) }).toEqual({ route, seen: { ...EXPECTED.city, bases: system } });
    }

    // The roll-up's bulletin lines and narrative read the same figures (one definition).
    const b = rollUp.figures.bulletin;
    expect(b?.lastYearHasData).toBe(true);
    expect([t2(b?.city.signedYearToDate.lastYear ?? null), b?.city.signedYearToDate.growthRate]).toEqual(['26000', '-1.92']);
    expect([t2(b?.city.fundsYearToDate.lastYear ?? null), b?.city.fundsYearToDate.growthRate]).toEqual(['2000', '75.00']);
    expect(b?.city.fundsToSignedRate).toBe('13.73');
    expect(b?.chains.find((c) => c.chainCode === A)?.fundsToSignedRate).toBe('17.14');
    expect(rollUp.narrative).toContain('同比下降1.92%');
    expect(rollUp.narrative).toContain('同比增长75%');
    expect(rollUp.narrative).toContain('资金到位率13.73%');
    // June alone: nothing signed in June of either year, so no 同比 is invented.
    expect(rollUp.narrative).toMatch(/6月签约项目0个，签约金额0(\.00)?万元，上年同期为0，不计同比/);

    // The words and the document rows: a rate, a fall, a zero last year.
    const a = routesOf(cockpit, A);
    expect(yearOnYearWords(a.signedAmount)).toEqual({ zh: '同比增长75.00%', en: 'Up 75.00% year on year' });
    expect(yearOnYearWords(routesOf(cockpit, B).signedAmount).zh).toBe('同比下降50.00%');
    expect(yearOnYearWords(a.bigProjects).zh).toBe('无上年同期数据');
    expect(yearOnYearWords(routesOf(cockpit, B).fundsInPlace).zh).toBe('上年同期为0，不计同比');
    expect(yearOnYearRows(a).map((r) => r[3])).toEqual([
      '同比增长75.00%',
      '同比增长0.00%',
      '同比增长50.00%',
      '无上年同期数据',
      '—',
    ]);
    expect(yearOnYearRows(a)[4][1]).toBe('17.14%');

    // The month and the quarter, from the module itself: chain A's second quarter and June.
    const [rowsA] = [await headlineFigures(t.dataSource.manager, [chainId[A]], { year: Y, month: 6 })];
    const june = rowsA[rowsA.length - 1];
    expect([t2(june.previousYear.signedAmount.quarterToDate), june.yoy.signedAmount.quarterToDate]).toEqual(['0', null]);
    expect([t2(june.previousYear.fundsInPlace.quarterToDate), june.yoy.fundsInPlace.quarterToDate]).toEqual(['2000', '0.00']);
    expect([t2(june.previousYear.fundsInPlace.month), june.yoy.fundsInPlace.month]).toEqual(['0', null]);
    const april = rowsA.find((r) => r.m === 4);
    expect([t2(april?.previousYear.fundsInPlace.month ?? null), april?.yoy.fundsInPlace.month]).toEqual(['2000', '-100.00']);
  });

  it('says there is no figure for the same period last year, rather than 0%, when the system holds none', async () => {
    // Y − 1 has no year before it in the system (and no baseline entered).
    const cockpit = await get<CockpitView>('/api/cockpit', { year: Y - 1, month: 6 });
    const leader = await get<ChainCockpitView>(`/api/cockpit/chains/${A}`, { year: Y - 1, month: 6 });
    const rollUp = await buildRollUp(`${Y - 1}-06`);
    const pack = await get<MeetingPackView>(`/api/meetings/${await meetingIn(`${Y - 1}-06-20`)}/pack`);
    const none = [null, null, null, null];
    for (const [route, v] of Object.entries({
      cockpit: cockpit.chains.find((c) => c.chain.code === A)?.yearOnYear,
      'cockpit totals': cockpit.totals.yearOnYear,
      'leader page': leader.figures.yearOnYear,
      'roll-up': rollUp.figures.chains.find((c) => c.chainCode === A)?.yearOnYear,
      'roll-up city': rollUp.figures.city.yearOnYear,
      'meeting pack': pack.chains.find((c) => c.chain.code === A)?.figures.yearOnYear,
    })) {
      const s = seen(v);
      expect({ route, last: [s.signed[1], s.projects[1], s.funds[1], s.big[1]], rates: [s.signed[2], s.projects[2], s.funds[2], s.big[2]], bases: s.bases }).toEqual({
        route,
        last: none,
        rates: none,
        bases: none,
      });
      expect(yearOnYearWords((v as YearOnYearView).fundsInPlace)).toEqual({
        zh: '无上年同期数据',
        en: 'No data for the same period last year',
      });
    }
    // Chain A, January to June of Y − 1: 10000 signed, 2000 in place → 资金到位率 20.00 %.
    expect(leader.figures.yearOnYear.fundsToSignedRate).toBe('20.00');
    expect(rollUp.figures.bulletin?.lastYearHasData).toBe(false);
    expect(rollUp.narrative).toContain('上年同期无数据，不计同比');
    expect(rollUp.narrative).not.toMatch(/同比(增长|下降)/);
  });

  it('compares 到位资金 with the office’s whole-year baseline of a year before the product, for the full year only', async () => {
    // 往年实绩 of Y − 2: chain A 3000 + 1000 (two sectors), chain B 1000.
    await q(
      `INSERT INTO funds_baseline (year, chain_id, sector, amount) VALUES ($1, $2, 'manufacturing', 3000), ($1, $2, 'modern-services', 1000), ($1, $3, 'manufacturing', 1000)`,
      [Y - 2, chainId[A], chainId[B]],
    );
    try {
      // June: the baseline is last year's whole year, so no 同比 yet, and the label says why.
      const june = await get<ChainCockpitView>(`/api/cockpit/chains/${A}`, { year: Y - 1, month: 6 });
      const fj = june.figures.yearOnYear.fundsInPlace;
      expect([t2(fj.lastYear), fj.basis, fj.growthRate]).toEqual(['4000', 'baseline-full-year', null]);
      expect(yearOnYearWords(fj).zh).toBe('上年全年实绩（往年录入）仅作全年对比');
      // Signed figures have no baseline: no data.
      expect([june.figures.yearOnYear.signedAmount.lastYear, june.figures.yearOnYear.signedAmount.basis]).toEqual([null, null]);

      // December (the full year): A 2000 + 3000 = 5000 vs 4000 → +25.00 %; B 0 vs 1000 → −100.00 %;
      // the city 5000 vs 5000 → 0.00 %.
      const cockpit = await get<CockpitView>('/api/cockpit', { year: Y - 1, month: 12 });
      const rollUp = await buildRollUp(`${Y - 1}-12`);
      const pick = (v: YearOnYearView | undefined) => [t2(v?.fundsInPlace.lastYear ?? null), v?.fundsInPlace.basis, v?.fundsInPlace.growthRate];
      expect(pick(cockpit.chains.find((c) => c.chain.code === A)?.yearOnYear)).toEqual(['4000', 'baseline-full-year', '25.00']);
      expect(pick(cockpit.chains.find((c) => c.chain.code === B)?.yearOnYear)).toEqual(['1000', 'baseline-full-year', '-100.00']);
      expect(pick(cockpit.totals.yearOnYear)).toEqual(['5000', 'baseline-full-year', '0.00']);
      expect(pick(rollUp.figures.chains.find((c) => c.chainCode === A)?.yearOnYear)).toEqual(['4000', 'baseline-full-year', '25.00']);
      expect(pick(rollUp.figures.city.yearOnYear)).toEqual(['5000', 'baseline-full-year', '0.00']);
      expect(yearOnYearWords((cockpit.chains.find((c) => c.chain.code === A) as { yearOnYear: YearOnYearView }).yearOnYear.fundsInPlace).zh).toBe(
        '同比增长25.00%（对比上年全年实绩，往年录入）',
      );
      expect(rollUp.narrative).toContain('同比增长0%（上年全年实绩');
    } finally {
      await q(`DELETE FROM funds_baseline`);
    }
  });
});

function routesOf(cockpit: CockpitView, code: ChainCode): YearOnYearView {
  const c = cockpit.chains.find((x) => x.chain.code === code);
  if (!c) throw new Error(`${code} missing`);
  return c.yearOnYear;
}
