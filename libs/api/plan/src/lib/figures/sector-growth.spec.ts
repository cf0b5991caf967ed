import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { SECTORS, type ChainCode, type Sector, type SectorFundsGrowthView } from '@crm/domain';
import Decimal from 'decimal.js';
import { sectorFundsGrowth } from './sector-growth';

/*
 * 同比 by sector on a fixture of its own: fund entries in 2025 and 2026 (the system's own), and the
 * office's whole-year baseline for 2024 (before the product). The expected figures are summed here
 * with Decimal from the fixture alone, not by the function's SQL.
 */

interface Project {
  chain: ChainCode;
  /** The project's own sector (set on every project: the test does not lean on the chain's default). */
  sector: Sector;
  funds: { month: string; amount: string }[];
}

const PROJECTS: Project[] = [
  {
    chain: 'clean-energy',
    sector: 'manufacturing',
    funds: [
      { month: '2025-02', amount: '1000.5' },
      { month: '2025-07', amount: '400' },
      { month: '2026-01', amount: '1500.25' },
      { month: '2026-06', amount: '300' },
      { month: '2026-07', amount: '9999' },
    ],
  },
  {
    // A clean-energy project classed as a service.
    chain: 'clean-energy',
    sector: 'modern-services',
    funds: [
      { month: '2025-06', amount: '200' },
      { month: '2026-03', amount: '150.125' },
    ],
  },
  {
    chain: 'salt-lake-chemical',
    sector: 'manufacturing',
    funds: [
      { month: '2025-01', amount: '800' },
      { month: '2025-12', amount: '50' },
      { month: '2026-05', amount: '600' },
    ],
  },
  {
    chain: 'agri-pastoral',
    sector: 'agri-pastoral',
    funds: [
      { month: '2025-03', amount: '120' },
      { month: '2026-02', amount: '126' },
    ],
  },
  {
    chain: 'land-port-logistics',
    sector: 'modern-services',
    funds: [{ month: '2026-04', amount: '75' }],
  },
];

/** 2024's whole-year actuals, per chain and sector (the office's 往年实绩). */
const BASELINE: { chain: ChainCode; sector: Sector; amount: string }[] = [
  { chain: 'clean-energy', sector: 'manufacturing', amount: '2000' },
  { chain: 'salt-lake-chemical', sector: 'manufacturing', amount: '1000.5' },
  { chain: 'agri-pastoral', sector: 'agri-pastoral', amount: '100' },
  // modern-services has no baseline.
];

const sectorOf = (p: Project): Sector => p.sector;

/** Funds of the fixture's projects in a sector, months from..to inclusive (YYYY-MM), optionally within chains. */
function funds(sector: Sector, from: string, to: string, chains?: ChainCode[]): Decimal {
  return PROJECTS.filter((p) => sectorOf(p) === sector && (!chains || chains.includes(p.chain)))
    .flatMap((p) => p.funds)
    .filter((f) => f.month >= from && f.month <= to)
    .reduce((s, f) => s.plus(f.amount), new Decimal(0));
}

function baseline(sector: Sector, chains?: ChainCode[]): Decimal | null {
  const rows = BASELINE.filter((b) => b.sector === sector && (!chains || chains.includes(b.chain)));
  return rows.length ? rows.reduce((s, b) => s.plus(b.amount), new Decimal(0)) : null;
}

/** (this − last) / last × 100, two decimals half away from zero (PostgreSQL's round), null when last is 0 or missing. */
function growth(thisYear: Decimal, last: Decimal | null): string | null {
  if (last === null || last.isZero()) return null;
  return thisYear.minus(last).times(100).div(last).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

const money = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(6));

describe('sectorFundsGrowth', () => {
  let t: TestApp;
  let chainIds: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp([]);
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    chainIds = Object.fromEntries(
      (await t.dataSource.query(`SELECT id, code FROM chain`)).map((c: { id: number; code: string }) => [c.code, c.id]),
    );
    for (const [i, p] of PROJECTS.entries()) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, sector)
         VALUES ($1, $2, '某投资方', 'other', (SELECT id FROM unit WHERE name = '市能源局'), $3, 'signed', $4)
         RETURNING id`,
        [`同比项目${i}`, chainIds[p.chain], owner.id, p.sector],
      );
      for (const f of p.funds) {
        await t.dataSource.query(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [id, f.month, f.amount]);
      }
    }
    for (const b of BASELINE) {
      await t.dataSource.query(`INSERT INTO funds_baseline (year, chain_id, sector, amount) VALUES (2024, $1, $2, $3)`, [
        chainIds[b.chain],
        b.sector,
        b.amount,
      ]);
    }
  }, 60_000);
  afterAll(() => t.close());

  const rowOf = (view: SectorFundsGrowthView, sector: Sector) => view.rows.find((r) => r.sector === sector);

  it('takes last year from the system’s own entries when it has any for that year (2026 against 2025, January to June)', async () => {
    const view = await sectorFundsGrowth(t.dataSource.manager, { year: 2026, month: 6 });
    expect(view).toMatchObject({ year: 2026, month: 6, throughMonth: '2026-06', planPublished: false });
    expect(view.rows.map((r) => r.sector)).toEqual([...SECTORS]);
    for (const sector of SECTORS) {
      const thisYear = funds(sector, '2026-01', '2026-06');
      const last = funds(sector, '2025-01', '2025-06');
      expect(rowOf(view, sector)).toEqual({
        sector,
        sectorName: expect.any(String),
        thisYear: money(thisYear.toFixed(6)),
        lastYear: money(last.toFixed(6)),
        basis: 'system',
        growthRate: growth(thisYear, last),
        // No 2026 plan: no target, nothing met or missed.
        target: null,
        met: null,
      });
    }
    // The same figures written out by hand from the fixture.
    expect(view.rows.map((r) => r.growthRate)).toEqual([
      growth(new Decimal(126), new Decimal(120)),
      growth(new Decimal('2400.25'), new Decimal('1800.5')),
      growth(new Decimal('225.125'), new Decimal(200)),
    ]);
    expect(rowOf(view, 'agri-pastoral')?.growthRate).toBe('5.00');
  });

  it('takes last year from the whole-year baseline before the product was used, and says so (2025 against 2024)', async () => {
    const view = await sectorFundsGrowth(t.dataSource.manager, { year: 2025, month: 3 });
    // 2025's plan is the seeded, published one: its sector targets apply.
    expect(view.planPublished).toBe(true);
    const [{ targets }] = await t.dataSource.query(
      `SELECT json_object_agg(sector, growth_rate::text) AS targets FROM sector_growth_target WHERE year = 2025`,
    );
    for (const sector of SECTORS) {
      const thisYear = funds(sector, '2025-01', '2025-03');
      const last = baseline(sector);
      const rate = growth(thisYear, last);
      const target = targets[sector] ?? null;
      expect(rowOf(view, sector)).toEqual({
        sector,
        sectorName: expect.any(String),
        thisYear: money(thisYear.toFixed(6)),
        lastYear: last === null ? null : money(last.toFixed(6)),
        basis: last === null ? null : 'baseline-full-year',
        growthRate: rate,
        target,
        met: rate === null || target === null ? null : new Decimal(rate).gte(target),
      });
    }
    expect(rowOf(view, 'agri-pastoral')).toMatchObject({ growthRate: '20.00', basis: 'baseline-full-year' });
    expect(rowOf(view, 'modern-services')).toMatchObject({ lastYear: null, basis: null, growthRate: null, met: null });
  });

  it('reads the growth target only once the year’s plan is published, and tells met from missed', async () => {
    await t.dataSource.query(`INSERT INTO annual_plan (year, status) VALUES (2026, 'draft')`);
    await t.dataSource.query(
      `INSERT INTO sector_growth_target (year, sector, growth_rate) VALUES (2026, 'agri-pastoral', 5), (2026, 'manufacturing', 40)`,
    );
    try {
      const draft = await sectorFundsGrowth(t.dataSource.manager, { year: 2026, month: 6 });
      expect(draft.planPublished).toBe(false);
      expect(draft.rows.every((r) => r.target === null && r.met === null)).toBe(true);

      await t.dataSource.query(`UPDATE annual_plan SET status = 'published', published_at = now() WHERE year = 2026`);
      const published = await sectorFundsGrowth(t.dataSource.manager, { year: 2026, month: 6 });
      expect(published.planPublished).toBe(true);
      // agri: 5.00% against +5%: met (equal counts). manufacturing: 33.31% against +40%: missed.
      expect(rowOf(published, 'agri-pastoral')).toMatchObject({ growthRate: '5.00', target: '5.00', met: true });
      expect(rowOf(published, 'manufacturing')).toMatchObject({
        growthRate: growth(new Decimal('2400.25'), new Decimal('1800.5')),
        target: '40.00',
        met: false,
      });
      expect(rowOf(published, 'modern-services')).toMatchObject({ target: null, met: null });
    } finally {
      await t.dataSource.query(`DELETE FROM annual_plan WHERE year = 2026`);
    }
  });

  it('narrows to the chains asked for, entries and baseline alike', async () => {
    const chains: ChainCode[] = ['clean-energy'];
    const ids = chains.map((c) => chainIds[c]);
    const y2026 = await sectorFundsGrowth(t.dataSource.manager, { year: 2026, month: 12, chainIds: ids });
    const y2025 = await sectorFundsGrowth(t.dataSource.manager, { year: 2025, month: 12, chainIds: ids });
    for (const sector of SECTORS) {
      const thisYear = funds(sector, '2026-01', '2026-12', chains);
      const last = funds(sector, '2025-01', '2025-12', chains);
      expect(rowOf(y2026, sector)).toMatchObject({
        thisYear: money(thisYear.toFixed(6)),
        lastYear: money(last.toFixed(6)),
        basis: 'system',
        growthRate: growth(thisYear, last),
      });
      const base = baseline(sector, chains);
      expect(rowOf(y2025, sector)).toMatchObject({
        thisYear: money(funds(sector, '2025-01', '2025-12', chains).toFixed(6)),
        lastYear: base === null ? null : money(base.toFixed(6)),
        growthRate: growth(funds(sector, '2025-01', '2025-12', chains), base),
      });
    }
  });

  it('refuses a month that does not exist', async () => {
    await expect(sectorFundsGrowth(t.dataSource.manager, { year: 2026, month: 13 })).rejects.toThrow('no such month');
  });
});
