import { STAGES } from '@crm/domain';
import Decimal from 'decimal.js';
import {
  advance,
  createLead,
  createPipelineWorld,
  totalsDiscrepancies,
  versionOf,
  type PipelineWorld,
} from '../../test/pipeline-world';

/** The amounts the test itself posts, to sum them without the database. */
interface Posted {
  project: string;
  signedOn: string;
  amount: string;
}

describe('chain board and progress', () => {
  let w: PipelineWorld;
  const agreements: Posted[] = [];
  const funds: { project: string; month: string; amount: string; verified: boolean }[] = [];
  const initial: Record<string, string> = {};
  const withdrawn = new Set<string>();

  async function sign(name: string, amount: string, signedOn: string): Promise<string> {
    const { id } = await createLead(w, { name });
    await advance(w, id, 'signed', { signed: { signedAmount: amount, signedOn, agreementRef: `${name}-A` } });
    agreements.push({ project: id, signedOn, amount });
    initial[id] = signedOn;
    return id;
  }
  async function supplement(id: string, amount: string, signedOn: string): Promise<void> {
    await w.staff
      .post(`/api/projects/${id}/agreements`, { amount, signedOn, agreementRef: `S-${agreements.length}` })
      .expect(201);
    agreements.push({ project: id, signedOn, amount });
  }
  async function fund(id: string, month: string, amount: string, verify = false): Promise<void> {
    const res = await w.staff.post(`/api/projects/${id}/fund-arrivals`, { month, amount }).expect(201);
    if (verify)
      await w.office
        .patch(`/api/projects/${id}/fund-arrivals/${res.body.id}/verification`, { verified: true })
        .expect(200);
    funds.push({ project: id, month, amount, verified: verify });
  }
  const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0));

  beforeAll(async () => {
    w = await createPipelineWorld();
    const a = await sign('甲 风电整机', '120000', '2025-02-10');
    const b = await sign('乙 叶片制造', '60000', '2025-03-05');
    await supplement(b, '50000.000001', '2025-04-01');
    await sign('丙 储能', '99999.999999', '2025-01-15');
    const d = await sign('丁 去年签约', '200000', '2024-11-20');
    await supplement(d, '1234.56', '2025-01-08');
    const e = await sign('戊 退回洽谈', '77777.7', '2025-02-01');
    const f = await sign('己 已终止', '3000.3', '2025-05-05');
    for (const [id, month, amount, verify] of [
      [a, '2025-02', '1000.1', true],
      [a, '2025-03', '0.1', false],
      [b, '2025-04', '2222.22', true],
      [d, '2024-12', '50000', true],
      [d, '2025-01', '333.333333', false],
      [e, '2025-02', '10', false],
      [f, '2025-05', '7', true],
    ] as const) {
      await fund(id, month, amount, verify);
    }
    await w.staff
      .post(`/api/projects/${e}/stage-moves`, {
        to: 'negotiation',
        reason: '协议未生效，重新洽谈',
        version: await versionOf(w, e),
      })
      .expect(201);
    withdrawn.add(e);
    await w.staff
      .post(`/api/projects/${f}/status`, { status: 'dropped', reason: '企业经营调整', version: await versionOf(w, f) })
      .expect(200);
    await advance(w, a, 'construction');
    // Leads and negotiations of the chain, and one of another chain that must not count.
    await createLead(w, { name: '庚 线索', plannedInvestment: '500' });
    const g = await createLead(w, { name: '辛 洽谈', plannedInvestment: '800.8' });
    await advance(w, g.id, 'negotiation');
  });
  afterAll(() => w.close());

  it('reports the year against the targets, equal to sums made here without the database', async () => {
    const res = await w.leader.get('/api/chains/clean-energy/progress').query({ year: 2025 }).expect(200);
    const counted = agreements.filter((x) => !withdrawn.has(x.project) && x.signedOn.startsWith('2025'));
    const signed = sum(counted.map((x) => x.amount));
    const firstSigned2025 = Object.entries(initial).filter(([id, on]) => on.startsWith('2025') && !withdrawn.has(id));
    const big = firstSigned2025.filter(([id]) =>
      sum(agreements.filter((x) => x.project === id && x.signedOn <= '2025-12-31').map((x) => x.amount)).gte(100000),
    );
    const in2025 = funds.filter((f) => f.month.startsWith('2025'));
    const fundsTotal = sum(in2025.map((f) => f.amount));
    const fundsVerified = sum(in2025.filter((f) => f.verified).map((f) => f.amount));

    expect(new Decimal(res.body.signedAmount.actual).equals(signed)).toBe(true);
    expect(res.body.signedAmount.actual).toBe(signed.toFixed(6));
    expect(res.body.signedAmount.target).toBe('1400000.000000');
    expect(res.body.signedAmount.rate).toBe(
      signed.times(100).div(1400000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    );
    expect(res.body.signedProjectCount).toBe(firstSigned2025.length);
    expect(res.body.bigProjects).toMatchObject({ count: big.length, threshold: '100000.000000', target: 5 });
    expect(big.length).toBe(2);
    expect(res.body.bigProjects.rate).toBe('40.00');
    expect(res.body.fundsInPlace.actual).toBe(fundsTotal.toFixed(6));
    expect(res.body.fundsInPlaceVerified.actual).toBe(fundsVerified.toFixed(6));
    expect(res.body.fundsInPlace.rate).toBe(
      fundsTotal.times(100).div(650000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    );

    const previous = await w.office.get('/api/chains/clean-energy/progress').query({ year: 2024 }).expect(200);
    expect(previous.body.signedAmount.actual).toBe('200000.000000');
    expect(previous.body.target).toBeNull();
    expect(previous.body.signedAmount.rate).toBeNull();
    // 2024 has no plan: the answer says so; 2025's is published.
    expect(previous.body.plan).toMatchObject({ year: 2024, planStatus: 'none' });
    expect(previous.body.plan.message).toContain('2024年度工作方案尚未录入');
    expect(res.body.plan).toBeNull();
    expect(res.body.target).toMatchObject({ signedAtLeast: expect.any(Boolean), fundsAtLeast: expect.any(Boolean) });
  });

  it('reads no targets from a draft plan, then the published plan’s', async () => {
    const q = (sql: string, params: unknown[] = []) => w.t.dataSource.query(sql, params);
    await q(`INSERT INTO annual_plan (year, status) VALUES (2026, 'draft')`);
    await q(
      `INSERT INTO chain_target (chain_id, year, signed_amount, big_project_threshold, big_project_min_count, funds_in_place,
         signed_at_least, funds_at_least, big_project_at_least)
       SELECT id, 2026, 1500000, 100000, 6, 700000, true, false, true FROM chain WHERE code = 'clean-energy'`,
    );
    try {
      const draft = await w.office.get('/api/chains/clean-energy/progress').query({ year: 2026 }).expect(200);
      expect(draft.body.plan).toMatchObject({ year: 2026, planStatus: 'draft' });
      expect(draft.body.target).toBeNull();
      expect(draft.body.signedAmount).toMatchObject({ target: null, rate: null });
      expect(draft.body.bigProjects).toMatchObject({ target: null, rate: null });

      await q(`UPDATE annual_plan SET status = 'published', published_at = now() WHERE year = 2026`);
      const published = await w.office.get('/api/chains/clean-energy/progress').query({ year: 2026 }).expect(200);
      expect(published.body.plan).toBeNull();
      expect(published.body.target).toEqual({
        year: 2026,
        signedAmount: '1500000.000000',
        signedAtLeast: true,
        bigProjectThreshold: '100000.000000',
        bigProjectMinCount: 6,
        bigProjectAtLeast: true,
        fundsInPlace: '700000.000000',
        fundsAtLeast: false,
      });
      expect(published.body.signedAmount.target).toBe('1500000.000000');
    } finally {
      await q(`DELETE FROM chain_target WHERE year = 2026`);
      await q(`DELETE FROM annual_plan WHERE year = 2026`);
    }
  });

  it('gives the pipeline by stage from the totals, matching the projects', async () => {
    const res = await w.staff.get('/api/chains/clean-energy/progress').query({ year: 2025 }).expect(200);
    const rows: { stage: string; n: number; planned: string; signed: string }[] = await w.t.dataSource.query(
      `SELECT stage, count(*)::integer AS n, coalesce(sum(planned_investment), 0)::text AS planned,
              coalesce(sum(signed_amount) FILTER (WHERE stage >= 'signed'), 0)::text AS signed
       FROM project WHERE chain_id = 1 AND status <> 'dropped' GROUP BY stage`,
    );
    expect(res.body.pipeline.map((p: { stage: string }) => p.stage)).toEqual([...STAGES]);
    for (const p of res.body.pipeline) {
      const row = rows.find((r) => r.stage === p.stage);
      expect([
        p.stage,
        p.count,
        new Decimal(p.plannedInvestment).toFixed(6),
        new Decimal(p.signedAmount).toFixed(6),
      ]).toEqual([
        p.stage,
        row?.n ?? 0,
        new Decimal(row?.planned ?? 0).toFixed(6),
        new Decimal(row?.signed ?? 0).toFixed(6),
      ]);
    }
    expect(res.body.pipeline.find((p: { stage: string }) => p.stage === 'construction').signedAmount).toBe(
      '120000.000000',
    );
  });

  it('shows the board with column totals and the first cards, major first', async () => {
    const { id } = await createLead(w, { name: '壬 重大线索', major: true });
    const res = await w.staff.get('/api/chains/clean-energy/board').query({ limit: 1 }).expect(200);
    const lead = res.body.columns.find((c: { stage: string }) => c.stage === 'lead');
    expect(lead).toMatchObject({ label: '信息收集', count: 2, more: true });
    expect(lead.projects.map((p: { id: string }) => p.id)).toEqual([id]);
    const dropped = await w.staff.get('/api/chains/clean-energy/board').query({ status: 'dropped' }).expect(200);
    expect(dropped.body.columns.find((c: { stage: string }) => c.stage === 'signed')).toMatchObject({
      count: 1,
      signedAmount: '3000.300000',
    });
    await w.staff.get('/api/chains/clean-energy/board').query({ status: 'gone' }).expect(400);
  });

  it('hides a chain the user may not read, and refuses a bad year', async () => {
    await w.otherStaff.get('/api/chains/clean-energy/board').expect(404);
    await w.leader.get('/api/chains/culture-tourism/progress').expect(404);
    await w.office.get('/api/chains/culture-tourism/progress').expect(200);
    await w.office.get('/api/chains/nowhere/board').expect(404);
    const bad = await w.office.get('/api/chains/clean-energy/progress').query({ year: 'soon' }).expect(400);
    expect(bad.body.errors.year[0]).toContain('年份');
  });

  it('keeps every total equal to a full recomputation after all these changes', async () => {
    // A chain change, a related chain and an edit of the planned investment, then the check.
    const { id } = await createLead(w, { name: '癸 换链', plannedInvestment: '123.456789' });
    await w.t.dataSource.query(
      `UPDATE app_user SET unit_id = (SELECT id FROM unit WHERE name = '市能源局') WHERE id = $1`,
      [w.staff.user.id],
    );
    // The owner and the responsible unit serve the new chain (issue 15: 422 otherwise).
    const [energy] = await w.t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    const moved = await w.staff.patch(`/api/projects/${id}`, {
      chain: 'oil-gas-chemical',
      responsibleUnitId: energy.id,
      plannedInvestment: '200',
      version: await versionOf(w, id),
    });
    expect(moved.status).toBe(200);
    expect(await totalsDiscrepancies(w.t)).toEqual([]);
    const [oil] = await w.t.dataSource.query(
      `SELECT project_count, planned_investment::text AS planned FROM pipeline_stage_total WHERE chain_id = 4 AND stage = 'lead' AND status = 'active'`,
    );
    expect(oil).toEqual({ project_count: 1, planned: '200.000000' });
  });
});
