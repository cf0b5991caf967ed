import { QueueModule } from '@crm/api/core';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, SECTORS, type RollUpExportView, type RollUpView, type Sector } from '@crm/domain';
import Decimal from 'decimal.js';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { insertFixtures, PERIOD, PROJECTS } from '../../test/roll-up-world';
import { ReportingJobsModule, ReportingModule } from '../reporting.module';

/*
 * The roll-up and its exports when the year's plan is not published (none, or a draft): the
 * figures say so, carry no targets and no ranking, the narrative never names a 前3 of nothing, and
 * the Word and Excel files say it too. With the clock at 2 January 2027 and no 2027 plan.
 */

function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a Word document's paragraphs and table cells, in order. */
function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The rows of every table of a Word document, as the text of their cells. */
function docxRows(xml: string): string[][] {
  return xml
    .split('</w:tr>')
    .slice(0, -1)
    .map((row) =>
      row
        .split('</w:tc>')
        .slice(0, -1)
        .map((cell) => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    );
}

describe('roll-up without a published plan', () => {
  const clock = new ManualClock('2027-01-02T09:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;

  const build = async (period: string): Promise<RollUpView> =>
    (await office.post(`/api/roll-ups/${period}/build`, { regenerateNarrative: true }).expect(200)).body;

  const exportFile = async (period: string, format: 'docx' | 'xlsx'): Promise<Buffer> => {
    const queued = await office.post(`/api/roll-ups/${period}/exports`, { format }).expect(202);
    const deadline = Date.now() + 60_000;
    let view: RollUpExportView = queued.body;
    while (!['done', 'failed'].includes(view.state) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await office.get(`/api/roll-ups/exports/${queued.body.id}`).expect(200)).body;
    }
    expect(view).toMatchObject({ state: 'done', error: null });
    const res = await office
      .get(view.downloadUrl as string)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return res.body as Buffer;
  };
  const docx = async (period: string) => {
    const zip = await JSZip.loadAsync(await exportFile(period, 'docx'));
    return (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  };
  const xlsx = async (period: string) => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await exportFile(period, 'xlsx')) as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    return workbook;
  };

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule, ReportingJobsModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    await insertFixtures(t);
    // One entry of last year's same months, so 2025's 同比 has something to compare with.
    await t.dataSource.query(
      `INSERT INTO fund_arrival (project_id, month, amount) SELECT id, '2024-02', 1000.5 FROM project WHERE name = '风电装备制造'`,
    );
  }, 120_000);
  afterAll(() => t.close());

  it('on 2 January 2027 with no 2027 plan: the plan is missing, no targets, no ranking, no 前3', async () => {
    const view = await build('2027-01');
    const f = view.figures;
    expect(f.plan).toMatchObject({ year: 2027, planStatus: 'none' });
    expect(f.quarter.rows).toEqual([]);
    expect(f.city.signedYearToDate).toMatchObject({ target: null, rate: null });
    expect(f.city.fundsYearToDate).toMatchObject({ target: null, rate: null });
    expect(f.city.bigProjects).toMatchObject({ target: null, rate: null });
    expect(f.chains.every((c) => c.signedYearToDate.target === null && c.bigProjects.threshold === null)).toBe(true);
    expect(f.sectorGrowth).toMatchObject({ year: 2027, month: 1, planPublished: false });
    expect(view.narrative.split('\n')[0]).toBe(`说明：${(f.plan?.message ?? '').split(' / ')[0]}`);
    expect(view.narrative).toContain('2027年度工作方案尚未录入');
    expect(view.narrative).toContain('第1季度评比（截至1月）：2027年度工作方案尚未发布，暂不排名。');
    expect(view.narrative).not.toMatch(/位列前|位列第/);
    expect(view.narrative).not.toContain('完成年度目标');
  });

  it('says so in the Word and Excel files too, with an empty ranking', async () => {
    await build('2027-01');
    const xml = await docx('2027-01');
    const text = docxText(xml);
    expect(text).toContain('【2027年度工作方案尚未录入');
    expect(text).toContain('本季度暂不排名');
    expect(text).not.toMatch(/位列前|位列第/);
    // The ranking section has no table, only （无） and why: nothing is ranked.
    expect(text).toMatch(/第1季度评比（无）注：金额单位为亿元，保留两位小数。2027年度工作方案尚未录入/);
    expect(docxRows(xml).some((r) => r[0] === '排名' && r[1] === '产业链')).toBe(false);

    const workbook = await xlsx('2027-01');
    expect(String(workbook.getWorksheet('通报')?.getCell('A3').value)).toContain('2027年度工作方案尚未录入');
    const ranking = workbook.getWorksheet('第1季度评比');
    // Title, the issuing-body line, the header: then no row.
    expect(ranking?.getRow(4).getCell(1).value).toBeNull();
    expect(String(ranking?.getCell(ranking.rowCount, 1).value)).toContain('暂不排名');
    const city = workbook.getWorksheet('全市总体情况');
    const signed = city?.getRow(5);
    // 签约金额: the year to date, no target and no rate.
    expect([signed?.getCell(1).value, signed?.getCell(4).value, signed?.getCell(5).value]).toEqual(['签约金额(万元)', null, null]);
    expect(workbook.getWorksheet('分行业到位资金同比')).toBeDefined();
  }, 120_000);

  it('reads no targets from a draft plan; once published, a quarter where nobody scored names nobody', async () => {
    const q = (sql: string) => t.dataSource.query(sql);
    await q(`INSERT INTO annual_plan (year, status, city_signed_amount, city_funds_in_place) VALUES (2026, 'draft', 2300000, 1100000)`);
    await q(
      `INSERT INTO chain_target (chain_id, year, signed_amount, big_project_threshold, big_project_min_count, funds_in_place)
       SELECT id, 2026, 300000, 100000, 2, 150000 FROM chain`,
    );
    const draft = await build('2026-01');
    expect(draft.figures.plan).toMatchObject({ year: 2026, planStatus: 'draft' });
    expect(draft.figures.quarter.rows).toEqual([]);
    expect(draft.figures.city.signedYearToDate.target).toBeNull();
    expect(draft.narrative).toContain('2026年度工作方案尚未发布（草稿）');

    await q(`UPDATE annual_plan SET status = 'published', published_at = now() WHERE year = 2026`);
    const published = await build('2026-01');
    const f = published.figures;
    expect(f.plan).toBeNull();
    // The city against the plan's city totals, not the chains' sum (7 × 300000).
    expect(f.city.signedYearToDate.target).toBe('2300000.000000');
    expect(f.city.fundsYearToDate.target).toBe('1100000.000000');
    expect(f.city.bigProjects.target).toBe(14);
    // Nothing happened in January 2026: seven chains tied at 0 are not a ranking.
    expect(f.quarter.rows).toHaveLength(7);
    expect(f.quarter.rows.every((r) => r.score === '0.00')).toBe(true);
    // January is not the quarter's last month: the quarter's ranking is not offered yet, and says when.
    expect(published.narrative).toContain('第一季度评比将于2026年3月报告期锁定后（2026年3月26日起）发布');
    expect(published.narrative).not.toMatch(/位列前|位列第/);
    const text = docxText(await docx('2026-01'));
    expect(text).toContain('不排名');
    expect(text).not.toMatch(/位列前|位列第|尚未发布/);
  }, 120_000);

  it('reports 分行业到位资金同比 for the city, as summed from the fixtures', async () => {
    const f = (await build(PERIOD)).figures;
    const sectors: { name: string; sector: Sector }[] = await t.dataSource.query(`SELECT name, sector FROM project`);
    const sectorOf = new Map(sectors.map((r) => [r.name, r.sector]));
    const extra = [{ name: '风电装备制造', month: '2024-02', amount: '1000.5' }];
    const entries = [
      ...PROJECTS.flatMap((p) => (p.funds ?? []).map((x) => ({ name: p.name, ...x }))),
      ...extra,
    ];
    const sum = (sector: Sector, from: string, to: string) =>
      entries
        .filter((e) => sectorOf.get(e.name) === sector && e.month >= from && e.month <= to)
        .reduce((s, e) => s.plus(e.amount), new Decimal(0));
    const [{ targets }] = await t.dataSource.query(
      `SELECT json_object_agg(sector, growth_rate::text) AS targets FROM sector_growth_target WHERE year = 2025`,
    );
    expect(f.sectorGrowth?.rows.map((r) => r.sector)).toEqual([...SECTORS]);
    let compared = 0;
    for (const sector of SECTORS) {
      const thisYear = sum(sector, '2025-01', PERIOD);
      const last = sum(sector, '2024-01', '2024-03');
      const rate = last.isZero() ? null : thisYear.minus(last).times(100).div(last).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      if (rate !== null) compared++;
      const target = targets[sector] ?? null;
      expect(f.sectorGrowth?.rows.find((r) => r.sector === sector)).toMatchObject({
        thisYear: thisYear.toFixed(6),
        lastYear: last.toFixed(6),
        basis: 'system',
        growthRate: rate,
        target,
        met: rate === null || target === null ? null : new Decimal(rate).gte(target),
      });
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('keeps a locked month taken before the plan was kept: its snapshot builds and exports as it was', async () => {
    await build(PERIOD);
    await office.post(`/api/reporting-periods/${PERIOD}/lock`).expect(200);
    // A snapshot from before: no plan state, no sector growth, no at-least marks.
    await t.dataSource.query(
      `UPDATE roll_up_snapshot SET figures = figures - 'plan' - 'sectorGrowth' #- '{city,signedAtLeast}' #- '{city,fundsAtLeast}'
       WHERE period = $1`,
      [PERIOD],
    );
    const view = await build(PERIOD);
    expect(view).toMatchObject({ locked: true, fromSnapshot: true });
    expect(view.figures.plan).toBeUndefined();
    expect(view.figures.sectorGrowth).toBeUndefined();
    expect(view.figures.quarter.rows).toHaveLength(7);
    expect(view.narrative).not.toContain('工作方案尚未');
    const text = docxText(await docx(PERIOD));
    expect(text).toContain('第1季度评比');
    expect(text).not.toContain('工作方案尚未');
    const workbook = await xlsx(PERIOD);
    expect(workbook.getWorksheet('分行业到位资金同比')).toBeUndefined();
  }, 120_000);
});
