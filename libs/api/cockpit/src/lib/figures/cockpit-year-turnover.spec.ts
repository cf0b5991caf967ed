import { PlanModule } from '@crm/api/plan';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import {
  defaultOpensAt,
  dueInstant,
  ManualClock,
  type AlertListView,
  type AnnualPlanView,
  type ChainCockpitView,
  type ChainCode,
  type CockpitView,
} from '@crm/domain';
import { divRound, insertProjects, micro, norm, type FixtureProject } from '../../test/cockpit-fixtures';
import { CockpitModule } from '../cockpit.module';

/*
 * The cockpit as the year turns over. Y is the seeded published plan's year (read, never assumed).
 * The clock stands at 00:30 on 1 January of Y+1 in Shanghai, which is still 31 December of Y in
 * UTC: the cockpit opens on Y+1 (its plan missing until the office publishes it) and still
 * answers Y when asked. The late-report alerts then are December's, owed by the units of Y's plan.
 */

interface TargetRow {
  code: ChainCode;
  signed: string | null;
  funds: string | null;
  big: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('the cockpit on 1 January of the year after the plan year', () => {
  const clock = new ManualClock('2000-01-01T00:00:00Z');
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let Y: number;
  let projects: FixtureProject[];
  let chains: { id: number; code: ChainCode }[];
  let submittedUnit: number;
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  /** Signed amount and funds of the year to the end of month m, from the fixture records. */
  function expected(subset: FixtureProject[], y: number, m: number) {
    const from = `${y}-01-01`;
    const to = `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
    let signed = 0n;
    let funds = 0n;
    for (const p of subset) {
      for (const a of p.agreements) if (a.signedOn >= from && a.signedOn <= to) signed += micro(a.amount);
      for (const f of p.funds) if (f.month >= `${y}-01` && f.month <= `${y}-${pad(m)}`) funds += micro(f.amount);
    }
    return { signed: norm(divRound(signed, 1_000_000n, 6)), funds: norm(divRound(funds, 1_000_000n, 6)) };
  }
  const targetsOf = (year: number): Promise<TargetRow[]> =>
    q(
      `SELECT c.code, t.signed_amount::text AS signed, t.funds_in_place::text AS funds, t.big_project_min_count AS big
       FROM chain c LEFT JOIN chain_target t ON t.chain_id = c.id AND t.year = $1
         AND EXISTS (SELECT 1 FROM annual_plan a WHERE a.year = t.year AND a.status = 'published')
       ORDER BY c.sort_order, c.id`,
      [year],
    );
  const viewTargets = (view: CockpitView): TargetRow[] =>
    view.chains.map((c) => ({
      code: c.chain.code,
      signed: c.target ? c.target.signedAmount : null,
      funds: c.target ? c.target.fundsInPlace : null,
      big: c.target ? c.target.bigProjectMinCount : null,
    }));
  const cockpit = async (agent: SignedInAgent, query = ''): Promise<CockpitView> =>
    (await agent.get(`/api/cockpit${query}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp([CockpitModule, PlanModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [{ year: Y }] = await q(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    clock.set(`${Y + 1}-01-01T00:30:00+08:00`);
    expect(clock.now().getUTCFullYear()).toBe(Y);
    [office, leader] = await Promise.all([signInAs(t, { roles: ['office'] }), signInAs(t, { roles: ['leader'], person: '徐进' })]);
    chains = await q(`SELECT id, code FROM chain ORDER BY sort_order, id`);
    const id = (code: ChainCode) => (chains.find((c) => c.code === code) as { id: number }).id;
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市能源局'`);
    // Signings and funds on both sides of the new year, and one the year before.
    projects = [
      {
        name: '跨年光伏',
        chainId: id('clean-energy'),
        stage: 'signed',
        status: 'active',
        major: false,
        agreements: [
          { kind: 'initial', amount: '5000', signedOn: `${Y}-06-10` },
          { kind: 'supplementary', amount: '1000.5', signedOn: `${Y}-12-31` },
          { kind: 'supplementary', amount: '250', signedOn: `${Y + 1}-01-01` },
        ],
        funds: [
          { month: `${Y}-12`, amount: '300', verified: false },
          { month: `${Y + 1}-01`, amount: '70.25', verified: false },
        ],
      },
      {
        name: '元旦签约冶金',
        chainId: id('metallurgy'),
        stage: 'construction',
        status: 'active',
        major: true,
        agreements: [{ kind: 'initial', amount: '120000', signedOn: `${Y + 1}-01-01` }],
        funds: [{ month: `${Y + 1}-01`, amount: '40', verified: true }],
      },
      {
        name: '去年盐湖',
        chainId: id('salt-lake-chemical'),
        stage: 'signed',
        status: 'active',
        major: false,
        agreements: [{ kind: 'initial', amount: '9000', signedOn: `${Y - 1}-12-31` }],
        funds: [{ month: `${Y - 1}-12`, amount: '800', verified: false }],
      },
    ];
    await insertProjects(t, owner.id, unitId, projects);

    // December's and January's periods, as the reminder worker made them; one unit reported December.
    for (const period of [`${Y}-12`, `${Y + 1}-01`]) {
      await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        period,
        defaultOpensAt(period),
        dueInstant(period),
      ]);
    }
    submittedUnit = unitId;
    await q(
      `INSERT INTO monthly_report (unit_id, period, state, work_done, submitted_at, late, snapshot)
       VALUES ($1, $2, 'submitted', '已报', $3, false, '{"takenAt":"x","chains":[]}')`,
      [submittedUnit, `${Y}-12`, `${Y}-12-20T10:00:00+08:00`],
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('opens on January of Y+1 and says its plan is not entered: actuals only, no ranking', async () => {
    const view = await cockpit(office);
    expect([view.year, view.month, view.asOf]).toEqual([Y + 1, 1, `${Y + 1}-01`]);
    expect(view.plan).toMatchObject({ year: Y + 1, planStatus: 'none' });
    expect(view.plan?.message).toContain(`${Y + 1}年度工作方案尚未录入`);
    expect(view.ranking.rows).toEqual([]);
    expect([view.ranking.quarter, view.ranking.throughMonth]).toEqual([1, `${Y + 1}-01`]);
    expect(view.trend.months).toEqual([`${Y + 1}-01`]);
    const e = expected(projects, Y + 1, 1);
    expect([norm(view.totals.signedAmount.actual), norm(view.totals.fundsInPlace.actual)]).toEqual([e.signed, e.funds]);
    expect(view.totals.signedAmount).toMatchObject({ target: null, rate: null, pace: null });
    expect(view.totals.cityTargets).toMatchObject({ signedAmount: null, fundsInPlace: null, bigProjects: null });
    expect(view.chains.every((c) => c.target === null)).toBe(true);
    expect(view.sectorGrowth).toMatchObject({ year: Y + 1, month: 1, planPublished: false });
  });

  it('still answers year Y when asked: December, against Y’s published targets, ranked', async () => {
    const view = await cockpit(office, `?year=${Y}`);
    expect([view.year, view.month, view.asOf, view.plan]).toEqual([Y, 12, `${Y}-12`, null]);
    expect(viewTargets(view)).toEqual(await targetsOf(Y));
    const e = expected(projects, Y, 12);
    expect([norm(view.totals.signedAmount.actual), norm(view.totals.fundsInPlace.actual)]).toEqual([e.signed, e.funds]);
    for (const chain of chains) {
      const figures = view.chains.find((c) => c.chain.code === chain.code);
      const own = expected(
        projects.filter((p) => p.chainId === chain.id),
        Y,
        12,
      );
      expect({ code: chain.code, signed: norm(figures?.signedAmount.actual ?? null) }).toEqual({ code: chain.code, signed: own.signed });
    }
    expect(view.ranking).toMatchObject({ quarter: 4, throughMonth: `${Y}-12`, quarterComplete: true });
    expect(view.ranking.rows).toHaveLength(7);
    expect(view.trend.months).toHaveLength(12);
    expect((await cockpit(office, `?year=${Y}&month=12`)).totals).toEqual(view.totals);
  });

  it('gives a leader the chains they lead on 1 January, in Y+1 by default and in Y when asked', async () => {
    const led: { code: ChainCode }[] = await q(
      `SELECT DISTINCT c.code, c.sort_order, c.id FROM chain_leader cl JOIN chain c ON c.id = cl.chain_id JOIN person p ON p.id = cl.person_id
       WHERE p.name = '徐进' AND (cl.valid_from IS NULL OR cl.valid_from <= $1::date) AND (cl.valid_to IS NULL OR cl.valid_to >= $1::date)
       ORDER BY c.sort_order, c.id`,
      [`${Y + 1}-01-01`],
    );
    expect(led.length).toBeGreaterThan(0);
    const now = await cockpit(leader);
    expect([now.year, now.month]).toEqual([Y + 1, 1]);
    expect(now.plan).toMatchObject({ year: Y + 1, planStatus: 'none' });
    expect(now.chains.map((c) => c.chain.code)).toEqual(led.map((c) => c.code));
    expect(now.ranking.rows).toEqual([]);
    const last = await cockpit(leader, `?year=${Y}`);
    expect([last.year, last.month, last.plan]).toEqual([Y, 12, null]);
    expect(last.chains.map((c) => c.chain.code)).toEqual(led.map((c) => c.code));
    expect(last.ranking.rows.map((r) => r.chainCode).sort()).toEqual(led.map((c) => c.code).sort());

    const page = (await leader.get(`/api/cockpit/chains/${led[0].code}`).expect(200)).body as ChainCockpitView;
    expect([page.year, page.month]).toEqual([Y + 1, 1]);
    expect(page.plan).toMatchObject({ year: Y + 1, planStatus: 'none' });
    expect(page.figures.target).toBeNull();
    const lastPage = (await leader.get(`/api/cockpit/chains/${led[0].code}?year=${Y}`).expect(200)).body as ChainCockpitView;
    expect([lastPage.year, lastPage.month, lastPage.plan]).toEqual([Y, 12, null]);
    expect(lastPage.figures.target?.year).toBe(Y);
  });

  it('lists the late reports of December, owed by the units of Y’s plan, as of 1 January', async () => {
    // Each chain–unit pair owing December's report (责任单位 on 31 December, key-task units of Y's plan), but the one that reported.
    const owing: { chain_id: number; unit_id: number }[] = await q(
      `SELECT chain_id, unit_id FROM chain_unit
       WHERE role = 'responsible' AND (valid_from IS NULL OR valid_from <= $2::date) AND (valid_to IS NULL OR valid_to >= $2::date)
       UNION
       SELECT k.chain_id, ku.unit_id FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id WHERE k.year = $1
       ORDER BY chain_id, unit_id`,
      [Y, `${Y}-12-31`],
    );
    const late = owing.filter((p) => p.unit_id !== submittedUnit);
    const list = (await office.get('/api/cockpit/alerts').expect(200)).body as AlertListView;
    expect(list.asOf).toBe(`${Y + 1}-01-01`);
    const reports = list.items.filter((i) => i.kind === 'report-late');
    expect(reports.every((i) => i.period === `${Y}-12` && i.since === `${Y}-12-25` && i.days === 7)).toBe(true);
    const pairs = reports.map((i) => `${chains.find((c) => c.code === i.chain.code)?.id}:${i.unit?.id}`).sort();
    expect(pairs).toEqual(late.map((p) => `${p.chain_id}:${p.unit_id}`).sort());
    expect(list.counts['report-late']).toBe(late.length);
    expect((await cockpit(office)).alertCounts['report-late']).toBe(late.length);
  });

  it('reads no targets from a Y+1 draft; once published, opens on Y+1 against its targets and leaves Y as it was', async () => {
    const yearY = await cockpit(office, `?year=${Y}`);
    let plan = (await office.post(`/api/plans/${Y + 1}/draft`, { fromYear: Y }).expect(201)).body as AnnualPlanView;
    const target = plan.targets.find((x) => x.chainCode === 'metallurgy');
    if (!target) throw new Error('no metallurgy target');
    plan = (
      await office
        .put(`/api/plans/${Y + 1}/targets/metallurgy`, {
          signedAmount: String(Number(target.signedAmount) + 50000),
          signedAtLeast: target.signedAtLeast,
          fundsInPlace: target.fundsInPlace,
          fundsAtLeast: target.fundsAtLeast,
          bigProjectThreshold: target.bigProjectThreshold,
          bigProjectMinCount: target.bigProjectMinCount,
          bigProjectAtLeast: target.bigProjectAtLeast,
        })
        .expect(200)
    ).body;
    const draft = await cockpit(office);
    expect(draft.plan).toMatchObject({ year: Y + 1, planStatus: 'draft' });
    expect(draft.ranking.rows).toEqual([]);
    expect(draft.chains.every((c) => c.target === null)).toBe(true);

    await office.post(`/api/plans/${Y + 1}/publish`, { version: plan.version }).expect(200);
    const published = await cockpit(office);
    expect([published.year, published.month, published.plan]).toEqual([Y + 1, 1, null]);
    const targets = await targetsOf(Y + 1);
    expect(viewTargets(published)).toEqual(targets);
    expect(targets).not.toEqual(await targetsOf(Y));
    expect(published.ranking.rows).toHaveLength(7);
    expect(norm(published.totals.signedAmount.actual)).toBe(expected(projects, Y + 1, 1).signed);
    // Year Y is unchanged by Y+1's plan.
    const again = await cockpit(office, `?year=${Y}`);
    expect({ ...again, alertCounts: null }).toEqual({ ...yearY, alertCounts: null });
  });
});
