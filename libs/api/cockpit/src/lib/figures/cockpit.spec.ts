import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { PipelineModule } from '@crm/api/pipeline';
import {
  ManualClock,
  projectListParams,
  SECTORS,
  type AmountMeasure,
  type ChainCockpitView,
  type ChainCode,
  type CockpitView,
  type CountMeasure,
  type ProjectListQuery,
  type ProjectPage,
  type Sector,
  statWindow,
} from '@crm/domain';
import {
  divRound,
  generateProjects,
  insertProjects,
  micro,
  norm,
  SIGNED_OR_LATER,
  type FixtureProject,
} from '../../test/cockpit-fixtures';
import { CockpitModule } from '../cockpit.module';

interface Chain {
  id: number;
  code: ChainCode;
  target: { signed: string; funds: string; threshold: string; min: number } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of period m's statistical window (the 25th; 31 December), as the cockpit counts it. */
const windowEnd = (y: number, m: number) => statWindow(`${y}-${pad(m)}`).to;

/** The figures of some projects at the end of period m of year y (its window), straight from the fixture records. */
function expected(projects: FixtureProject[], y: number, m: number, threshold: (p: FixtureProject) => string | null) {
  const from = `${y}-01-01`;
  const to = windowEnd(y, m);
  const inSpan = (d: string) => d >= from && d <= to;
  const counts = (p: FixtureProject) => SIGNED_OR_LATER.includes(p.stage);
  let signed = 0n;
  let funds = 0n;
  let verified = 0n;
  const signedIds: string[] = [];
  const firstIds: string[] = [];
  const fundIds: string[] = [];
  const bigIds: string[] = [];
  for (const p of projects) {
    if (counts(p)) {
      const dated = p.agreements.filter((a) => inSpan(a.signedOn));
      for (const a of dated) signed += micro(a.amount);
      if (dated.length) signedIds.push(p.id as string);
      const initial = p.agreements.find((a) => a.kind === 'initial');
      if (initial && inSpan(initial.signedOn)) {
        firstIds.push(p.id as string);
        const t = threshold(p);
        const byThen = p.agreements.filter((a) => a.signedOn <= to).reduce((s, a) => s + micro(a.amount), 0n);
        if (t !== null && byThen >= micro(t)) bigIds.push(p.id as string);
      }
    }
    const entries = p.funds.filter((f) => f.month >= `${y}-01` && f.month <= `${y}-${pad(m)}`);
    for (const f of entries) {
      funds += micro(f.amount);
      if (f.verified) verified += micro(f.amount);
    }
    if (entries.length) fundIds.push(p.id as string);
  }
  return { signed, funds, verified, signedIds, firstIds, fundIds, bigIds };
}

/** rate, pace, gap and pace rate of an actual against an annual target at month m. */
function paced(actual: bigint, target: bigint | null, m: number) {
  if (target === null) return { rate: null, pace: null, gap: null, paceRate: null };
  const pace = micro(divRound(target * BigInt(m), 12n * 1_000_000n, 2));
  return {
    rate: target === 0n ? null : divRound(actual * 100n, target, 2),
    pace: norm(divRound(pace, 1_000_000n, 2)),
    gap: norm(divRound(actual - pace, 1_000_000n, 6)),
    paceRate: pace === 0n ? null : divRound(actual * 100n, pace, 2),
  };
}

/**
 * The same for a count (亿元以上项目): its pace is the whole number of projects due by month m,
 * ceil(target × m / 12), so the pace and the gap are whole ("落后序时 2 个", never 1.5).
 */
function pacedCount(actual: number, target: number | null, m: number) {
  if (target === null) return { rate: null, pace: null, gap: null, paceRate: null };
  const pace = Math.ceil((target * m) / 12);
  return {
    rate: target === 0 ? null : divRound(BigInt(actual) * 100n, BigInt(target), 2),
    pace: String(pace),
    gap: String(actual - pace),
    paceRate: pace === 0 ? null : divRound(BigInt(actual) * 100n, BigInt(pace), 2),
  };
}

function amountOf(m: AmountMeasure | CountMeasure) {
  const n = (v: string | number | null) => (v === null ? null : norm(String(v)));
  return { actual: n(m.actual), target: n(m.target), rate: m.rate, pace: n(m.pace), gap: n(m.gap), paceRate: m.paceRate };
}

/** 季评比 score from the three rates, written out (hundredths, capped at 150%, weights 40/40/20). */
function score(rates: (string | null)[]): number {
  const h = (r: string | null) => (r === null ? 0 : Math.min(Math.round(Number(r) * 100), 15000));
  return Math.floor((h(rates[0]) * 40 + h(rates[1]) * 40 + h(rates[2]) * 20 + 50) / 100);
}

describe('GET /api/cockpit', () => {
  // "Today" for the cockpit: a new year with no plan yet (every other test asks for its year).
  const clock = new ManualClock('2027-01-02T09:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let staff: SignedInAgent;
  let chains: Chain[];
  let projects: FixtureProject[];

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [office, leader, staff] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '徐进' }),
      signInAs(t, { roles: ['staff'], unit: '市能源局' }),
    ]);
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    chains = (
      await t.dataSource.query(
        `SELECT c.id, c.code, t.signed_amount::text AS signed, t.funds_in_place::text AS funds,
                t.big_project_threshold::text AS threshold, t.big_project_min_count AS min
         FROM chain c LEFT JOIN chain_target t ON t.chain_id = c.id AND t.year = 2025 ORDER BY c.sort_order`,
      )
    ).map((r: { id: number; code: ChainCode; signed: string | null; funds: string; threshold: string; min: number }) => ({
      id: r.id,
      code: r.code,
      target: r.signed === null ? null : { signed: r.signed, funds: r.funds, threshold: r.threshold, min: r.min },
    }));
    projects = generateProjects(2025, chains.map((c) => c.id), 90);
    await insertProjects(t, owner.id, unitId, projects);
  });
  afterAll(() => t.close());

  const chainOf = (p: FixtureProject) => chains.find((c) => c.id === p.chainId) as Chain;
  const threshold2025 = (p: FixtureProject) => chainOf(p).target?.threshold ?? null;
  const ofChain = (c: Chain) => projects.filter((p) => p.chainId === c.id);

  /** The ids GET /api/projects lists for a figure's query, every page. */
  async function listed(agent: SignedInAgent, query: ProjectListQuery): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const params: URLSearchParams = new URLSearchParams({ ...projectListParams(query), limit: '200', ...(cursor ? { cursor } : {}) });
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await agent.get(`/api/projects?${params}`).expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids.sort();
  }

  it.each([
    [2025, 6],
    [2025, 12],
    [2025, 1],
  ])('gives each chain its figures for %i-%i, with targets, pace and gap, as computed from the records', async (y, m) => {
    const res = await office.get(`/api/cockpit?year=${y}&month=${m}`).expect(200);
    const view = res.body as CockpitView;
    expect(view.chains.map((c) => c.chain.code)).toEqual(chains.map((c) => c.code));
    for (const chain of chains) {
      const figures = must(view.chains.find((c) => c.chain.code === chain.code));
      const e = expected(ofChain(chain), y, m, threshold2025);
      const target = chain.target;
      expect({ chain: chain.code, signed: amountOf(figures.signedAmount) }).toEqual({
        chain: chain.code,
        signed: { actual: normMicro(e.signed), target: norm(target?.signed ?? null), ...paced(e.signed, target ? micro(target.signed) : null, m) },
      });
      expect({ chain: chain.code, funds: amountOf(figures.fundsInPlace) }).toEqual({
        chain: chain.code,
        funds: { actual: normMicro(e.funds), target: norm(target?.funds ?? null), ...paced(e.funds, target ? micro(target.funds) : null, m) },
      });
      expect({ chain: chain.code, big: amountOf(figures.bigProjects) }).toEqual({
        chain: chain.code,
        big: {
          actual: String(e.bigIds.length),
          target: target ? String(target.min) : null,
          ...pacedCount(e.bigIds.length, target ? target.min : null, m),
        },
      });
      expect(figures.signedProjects.count).toBe(e.firstIds.length);
      expect(norm(figures.fundsInPlaceVerified.actual)).toBe(normMicro(e.verified));
    }
  });

  it('lists behind each figure exactly the projects that make it', async () => {
    const res = await office.get(`/api/cockpit?year=2025&month=6`).expect(200);
    const view = res.body as CockpitView;
    for (const chain of chains) {
      const figures = must(view.chains.find((c) => c.chain.code === chain.code));
      const e = expected(ofChain(chain), 2025, 6, threshold2025);
      expect(await listed(office, figures.signedAmount.query)).toEqual([...e.signedIds].sort());
      expect(await listed(office, figures.signedProjects.query)).toEqual([...e.firstIds].sort());
      expect(await listed(office, figures.fundsInPlace.query)).toEqual([...e.fundIds].sort());
      expect(await listed(office, figures.bigProjects.query)).toEqual([...e.bigIds].sort());
    }
  });

  it('gives each drill-down a total equal to the figure tapped (funds in place, signed amount)', async () => {
    const sumOf = async (query: ProjectListQuery) => {
      const params = new URLSearchParams({ ...projectListParams(query), limit: '1' });
      const res: { body: ProjectPage } = await office.get(`/api/projects?${params}`).expect(200);
      return res.body.sums;
    };
    for (const m of [6, 12]) {
      const view = (await office.get(`/api/cockpit?year=2025&month=${m}`).expect(200)).body as CockpitView;
      for (const f of [...view.chains, view.totals]) {
        // Summed over every page (the page holds one project), as the figure is.
        expect(norm((await sumOf(f.fundsInPlace.query))?.funds ?? null)).toBe(norm(f.fundsInPlace.actual));
        expect(norm((await sumOf(f.signedAmount.query))?.signed ?? null)).toBe(norm(f.signedAmount.actual));
      }
    }
    // A list not opened from a figure carries no total.
    const plain: { body: ProjectPage } = await office.get('/api/projects?limit=1').expect(200);
    expect(plain.body.sums).toBeUndefined();
  });

  it('totals the city against the plan’s city totals (220 亿以上 signed, 100 亿 in place), with the trend by month', async () => {
    const view = (await office.get(`/api/cockpit?year=2025&month=9`).expect(200)).body as CockpitView;
    expect(view.totals.scope).toBe('city');
    expect(view.totals.chainCount).toBe(7);
    expect(view.plan).toBeNull();
    expect(norm(view.totals.cityTargets.signedAmount)).toBe('2200000');
    expect(norm(view.totals.cityTargets.fundsInPlace)).toBe('1000000');
    // As the plan writes them: 220亿元以上 (at least), 100亿元 (exact).
    expect(view.totals.cityTargets).toMatchObject({ signedAtLeast: true, fundsAtLeast: false });
    const e = expected(projects, 2025, 9, threshold2025);
    // The fixtures do exercise every figure.
    expect([e.signed > BigInt(0), e.funds > BigInt(0), e.bigIds.length > 0, e.firstIds.length > 0]).toEqual([true, true, true, true]);
    expect(amountOf(view.totals.signedAmount)).toEqual({
      actual: normMicro(e.signed),
      target: '2200000',
      ...paced(e.signed, micro('2200000'), 9),
    });
    expect(amountOf(view.totals.fundsInPlace)).toEqual({
      actual: normMicro(e.funds),
      target: '1000000',
      ...paced(e.funds, micro('1000000'), 9),
    });
    expect(view.totals.bigProjects.actual).toBe(e.bigIds.length);

    expect(view.trend.months).toEqual(Array.from({ length: 9 }, (_, i) => `2025-${pad(i + 1)}`));
    expect(view.trend.series.map((s) => s.chain?.code ?? null)).toEqual([...chains.map((c) => c.code), null]);
    for (const series of view.trend.series) {
      const code = series.chain?.code;
      const subset = code ? ofChain(must(chains.find((c) => c.code === code))) : projects;
      for (let m = 1; m <= 9; m++) {
        const upTo = expected(subset, 2025, m, threshold2025);
        const before = m === 1 ? { signed: 0n, funds: 0n } : expected(subset, 2025, m - 1, threshold2025);
        expect(norm(series.signedAmountCumulative[m - 1])).toBe(normMicro(upTo.signed));
        expect(norm(series.signedAmount[m - 1])).toBe(normMicro(upTo.signed - before.signed));
        expect(norm(series.fundsInPlaceCumulative[m - 1])).toBe(normMicro(upTo.funds));
        expect(norm(series.fundsInPlace[m - 1])).toBe(normMicro(upTo.funds - before.funds));
        expect(series.bigProjectsCumulative[m - 1]).toBe(upTo.bigIds.length);
      }
    }
  });

  it('ranks the quarter by the formula, from the same rates', async () => {
    const view = (await office.get(`/api/cockpit?year=2025&month=5`).expect(200)).body as CockpitView;
    expect(view.ranking).toMatchObject({ quarter: 2, throughMonth: '2025-05', quarterComplete: false, partial: false });
    expect(view.ranking.formula.zh).toContain('签约额完成率 × 40%');
    const scored = chains.map((c, i) => {
      const e = expected(ofChain(c), 2025, 5, threshold2025);
      const rates = c.target
        ? [
            divRound(e.signed * 100n, micro(c.target.signed), 2),
            divRound(e.funds * 100n, micro(c.target.funds), 2),
            c.target.min ? divRound(BigInt(e.bigIds.length) * 100n, BigInt(c.target.min), 2) : null,
          ]
        : [null, null, null];
      return { code: c.code, i, score: score(rates) };
    });
    const order = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
    expect(view.ranking.rows.map((r) => r.chainCode)).toEqual(order.map((s) => s.code));
    expect(view.ranking.rows.map((r) => Math.round(Number(r.score) * 100))).toEqual(order.map((s) => s.score));
    const ranks = order.map((s) => 1 + order.findIndex((o) => o.score === s.score));
    expect(view.ranking.rows.map((r) => r.rank)).toEqual(ranks);
  });

  it('shows a leader only the chains they lead, totals over those, and their rows of the city ranking', async () => {
    const led: ChainCode[] = ['salt-lake-chemical', 'metallurgy', 'land-port-logistics'];
    const [all, mine] = await Promise.all([
      office.get(`/api/cockpit?year=2025&month=6`).expect(200),
      leader.get(`/api/cockpit?year=2025&month=6`).expect(200),
    ]);
    const view = mine.body as CockpitView;
    expect(view.chains.map((c) => c.chain.code)).toEqual(led);
    expect(view.totals.scope).toBe('led-chains');
    expect(view.totals.chainCount).toBe(3);
    const subset = projects.filter((p) => led.includes(chainOf(p).code));
    const e = expected(subset, 2025, 6, threshold2025);
    const targets = chains.filter((c) => led.includes(c.code));
    const targetSigned = targets.reduce((s, c) => s + micro(must(c.target).signed), 0n);
    expect(amountOf(view.totals.signedAmount)).toEqual({
      actual: normMicro(e.signed),
      target: normMicro(targetSigned),
      ...paced(e.signed, targetSigned, 6),
    });
    expect(view.trend.series.map((s) => s.chain?.code ?? null)).toEqual([...led, null]);
    expect(view.ranking.partial).toBe(true);
    const cityRanks = (all.body as CockpitView).ranking.rows.filter((r) => led.includes(r.chainCode as ChainCode));
    expect(view.ranking.rows).toEqual(cityRanks);
    // The city's targets stay the city's.
    expect(norm(view.totals.cityTargets.signedAmount)).toBe('2200000');

    await leader.get('/api/cockpit/chains/metallurgy?year=2025&month=6').expect(200);
    await leader.get('/api/cockpit/chains/clean-energy?year=2025&month=6').expect(403);
    await leader.get('/api/cockpit/alerts?chain=clean-energy').expect(403);
    await office.get('/api/cockpit/chains/clean-energy?year=2025&month=6').expect(200);
    await office.get('/api/cockpit/chains/no-such-chain').expect(404);
    await staff.get('/api/cockpit').expect(403);
  });

  it('refuses a month that does not exist', async () => {
    const res = await office.get('/api/cockpit?year=2025&month=13').expect(400);
    expect(JSON.stringify(res.body)).toContain('month');
  });

  it('reads a year without a plan as actuals only, says the plan is missing, and ranks nothing', async () => {
    const view = (await office.get(`/api/cockpit?year=2024&month=12`).expect(200)).body as CockpitView;
    const e = expected(projects, 2024, 12, () => null);
    expect(norm(view.totals.signedAmount.actual)).toBe(normMicro(e.signed));
    expect(view.totals.signedAmount).toMatchObject({ target: null, rate: null, pace: null, gap: null });
    expect(view.totals.bigProjects.actual).toBe(0);
    expect(view.plan).toMatchObject({ year: 2024, planStatus: 'none' });
    expect(view.plan?.message).toContain('2024年度工作方案尚未录入');
    expect(view.ranking.rows).toEqual([]);
    expect(view.totals.cityTargets).toMatchObject({ signedAmount: null, fundsInPlace: null, bigProjects: null });
    expect(view.chains.every((c) => c.target === null && c.fundsInPlace.rate === null && c.bigProjects.pace === null)).toBe(true);
    expect(view.trend.series.every((s) => s.signedPace === null && s.fundsPace === null)).toBe(true);
  });

  it('reads no targets from a draft plan; once published, the city is measured against the plan’s city totals', async () => {
    const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    // 2026 drafted with targets for every chain, and city totals that are not the chains' sum.
    await q(`INSERT INTO annual_plan (year, status, city_signed_amount, city_signed_at_least, city_funds_in_place, city_funds_at_least)
             VALUES (2026, 'draft', 2500000, true, 1200000, true)`);
    await q(
      `INSERT INTO chain_target (chain_id, year, signed_amount, big_project_threshold, big_project_min_count, funds_in_place,
         signed_at_least, funds_at_least, big_project_at_least)
       SELECT id, 2026, 300000, 1000, 1, 100000, true, false, true FROM chain`,
    );
    try {
      const draft = (await office.get(`/api/cockpit?year=2026&month=1`).expect(200)).body as CockpitView;
      expect(draft.plan).toMatchObject({ year: 2026, planStatus: 'draft' });
      expect(draft.plan?.message).toContain('尚未发布');
      expect(draft.ranking.rows).toEqual([]);
      expect(draft.totals.signedAmount).toMatchObject({ target: null, rate: null, pace: null });
      expect(draft.chains.every((c) => c.target === null && c.signedAmount.target === null)).toBe(true);
      const page = (await office.get('/api/cockpit/chains/metallurgy?year=2026&month=1').expect(200)).body as ChainCockpitView;
      expect(page.plan).toMatchObject({ year: 2026, planStatus: 'draft' });
      expect(page.figures.target).toBeNull();

      await q(`UPDATE annual_plan SET status = 'published', published_at = now() WHERE year = 2026`);
      const published = (await office.get(`/api/cockpit?year=2026&month=1`).expect(200)).body as CockpitView;
      expect(published.plan).toBeNull();
      expect(published.totals.cityTargets).toEqual({
        signedAmount: '2500000.000000',
        signedAtLeast: true,
        fundsInPlace: '1200000.000000',
        fundsAtLeast: true,
        bigProjects: 7,
      });
      // The city's totals against the plan's city figures, not 7 × 300000.
      const e = expected(projects, 2026, 1, () => '1000');
      expect(amountOf(published.totals.signedAmount)).toEqual({
        actual: normMicro(e.signed),
        target: '2500000',
        ...paced(e.signed, micro('2500000'), 1),
      });
      expect(norm(published.totals.fundsInPlace.target)).toBe('1200000');
      expect(published.chains[0].target).toMatchObject({ year: 2026, signedAtLeast: true, fundsAtLeast: false, bigProjectAtLeast: true });
      expect(published.ranking.rows).toHaveLength(7);
      // A leader's totals stay the sum of their chains' targets.
      const led = (await leader.get(`/api/cockpit?year=2026&month=1`).expect(200)).body as CockpitView;
      expect(norm(led.totals.signedAmount.target)).toBe('900000');
      expect(norm(led.totals.cityTargets.signedAmount)).toBe('2500000');
    } finally {
      await q(`DELETE FROM chain_target WHERE year = 2026`);
      await q(`DELETE FROM annual_plan WHERE year = 2026`);
    }
  });

  it('on 2 January of a year without a plan, opens on that year and says the plan is not published', async () => {
    const view = (await office.get('/api/cockpit').expect(200)).body as CockpitView;
    expect([view.year, view.month, view.asOf]).toEqual([2027, 1, '2027-01']);
    expect(view.plan).toMatchObject({ year: 2027, planStatus: 'none' });
    expect(view.ranking.rows).toEqual([]);
    expect(view.ranking.throughMonth).toBe('2027-01');
    expect(view.totals.signedAmount).toMatchObject({ target: null, rate: null, pace: null });
    expect(view.sectorGrowth).toMatchObject({ year: 2027, month: 1, planPublished: false });
    const led = (await leader.get('/api/cockpit').expect(200)).body as CockpitView;
    expect(led.plan).toMatchObject({ year: 2027, planStatus: 'none' });
    expect(led.ranking.rows).toEqual([]);
    const page = (await leader.get('/api/cockpit/chains/metallurgy').expect(200)).body as ChainCockpitView;
    expect([page.year, page.month]).toEqual([2027, 1]);
    expect(page.plan).toMatchObject({ year: 2027, planStatus: 'none' });
    expect(page.figures).toMatchObject({ target: null, signedAmount: { target: null, rate: null, pace: null } });
  });

  it('shows 分行业到位资金同比 for the city (the leader: over their chains), as summed from the fixture', async () => {
    const sectorOf = new Map<string, Sector>(
      (await t.dataSource.query(`SELECT id, sector FROM project`)).map((r: { id: string; sector: Sector }) => [r.id, r.sector]),
    );
    const [{ targets }] = await t.dataSource.query(
      `SELECT json_object_agg(sector, growth_rate::text) AS targets FROM sector_growth_target WHERE year = 2025`,
    );
    const sum = (subset: FixtureProject[], sector: Sector, from: string, to: string) =>
      subset
        .filter((p) => sectorOf.get(p.id as string) === sector)
        .flatMap((p) => p.funds)
        .filter((f) => f.month >= from && f.month <= to)
        .reduce((s, f) => s + micro(f.amount), 0n);
    const check = (view: CockpitView, subset: FixtureProject[]) => {
      expect(view.sectorGrowth?.rows.map((r) => r.sector)).toEqual([...SECTORS]);
      for (const sector of SECTORS) {
        const thisYear = sum(subset, sector, '2025-01', '2025-12');
        // The fixture has entries in 2024: last year is the system's own, the same months.
        const last = sum(subset, sector, '2024-01', '2024-12');
        const rate = last === 0n ? null : divRound((thisYear - last) * 100n, last, 2);
        const target = targets[sector] ?? null;
        const row = view.sectorGrowth?.rows.find((r) => r.sector === sector);
        expect({ sector, ...row, thisYear: norm(row?.thisYear ?? null), lastYear: norm(row?.lastYear ?? null) }).toMatchObject({
          sector,
          thisYear: normMicro(thisYear),
          lastYear: normMicro(last),
          basis: 'system',
          growthRate: rate,
          target,
          met: rate === null || target === null ? null : Number(rate) >= Number(target),
        });
      }
    };
    const city = (await office.get(`/api/cockpit?year=2025&month=12`).expect(200)).body as CockpitView;
    check(city, projects);
    expect(city.sectorGrowth?.planPublished).toBe(true);
    const led: ChainCode[] = ['salt-lake-chemical', 'metallurgy', 'land-port-logistics'];
    const mine = (await leader.get(`/api/cockpit?year=2025&month=12`).expect(200)).body as CockpitView;
    check(mine, projects.filter((p) => led.includes(chainOf(p).code)));
  });

  it('shows each chain’s 交办事项完成率 at the month end beside the score, not weighted', async () => {
    const before = (await office.get(`/api/cockpit?year=2025&month=5`).expect(200)).body as CockpitView;
    expect(before.ranking.rows.every((r) => r.actionItemRate === null)).toBe(true);
    const q = (sql: string, params: unknown[]) => t.dataSource.query(sql, params);
    const meeting = async (heldOn: string, codes: ChainCode[]) => {
      const [{ id }] = await q(
        `INSERT INTO meeting (kind, held_on, chair_name, created_by) VALUES ($1, $2, '主持人', $3) RETURNING id`,
        [codes.length > 1 ? 'joint' : 'monthly-dispatch', heldOn, office.user.id],
      );
      await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`, [id, codes]);
      return id as string;
    };
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市能源局'`, []);
    const item = (meetingId: string, dueOn: string, doneAt: string | null) =>
      q(
        `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
         VALUES ($1, '事项', $2, $3, $4, $5, $6, $7)`,
        [meetingId, unitId, dueOn, doneAt ? 'done' : 'open', doneAt ? '已办结' : null, doneAt, office.user.id],
      );
    const joint = await meeting('2025-05-05', ['clean-energy', 'metallurgy']);
    const own = await meeting('2025-05-06', ['clean-energy']);
    try {
      await item(joint, '2025-05-10', '2025-05-20T10:00:00+08:00'); // done late
      await item(joint, '2025-05-20', null); // overdue
      await item(joint, '2025-05-25', '2025-06-01T00:10:00+08:00'); // done after the month end (Shanghai)
      await item(joint, '2025-06-10', null); // not yet due
      await item(own, '2025-05-15', '2025-05-14T10:00:00+08:00');
      const view = (await office.get(`/api/cockpit?year=2025&month=5`).expect(200)).body as CockpitView;
      const rateOf = (code: ChainCode) => view.ranking.rows.find((r) => r.chainCode === code)?.actionItemRate;
      expect(rateOf('clean-energy')).toBe('50.00'); // 2 of 4
      expect(rateOf('metallurgy')).toBe('33.33'); // 1 of 3
      expect(rateOf('salt-lake-chemical')).toBeNull();
      // Not weighted: the order and scores are as before.
      expect(view.ranking.rows.map((r) => [r.chainCode, r.score, r.rank])).toEqual(
        before.ranking.rows.map((r) => [r.chainCode, r.score, r.rank]),
      );
      expect(view.ranking.formula.zh).toContain('交办事项完成率仅作参考列示，不计入得分');
      // In June the item done on 1 June counts, and the one due on 10 June too.
      const june = (await office.get(`/api/cockpit?year=2025&month=6`).expect(200)).body as CockpitView;
      expect(june.ranking.rows.find((r) => r.chainCode === 'metallurgy')?.actionItemRate).toBe('50.00'); // 2 of 4
      // A leader's rows carry it too.
      const led = (await leader.get(`/api/cockpit?year=2025&month=5`).expect(200)).body as CockpitView;
      expect(led.ranking.rows.find((r) => r.chainCode === 'metallurgy')?.actionItemRate).toBe('33.33');
    } finally {
      await q(`DELETE FROM meeting WHERE id = ANY ($1)`, [[joint, own]]);
    }
  });
});

/** The value, failing the test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing');
  return value;
}

function normMicro(v: bigint): string {
  return norm(divRound(v, 1_000_000n, 6)) as string;
}
