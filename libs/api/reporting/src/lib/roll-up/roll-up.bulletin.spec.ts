import { QueueModule } from '@crm/api/core';
import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type RollUpFigures } from '@crm/domain';
import Decimal from 'decimal.js';
import { ReportingModule } from '../reporting.module';
import { bulletinAmount } from './roll-up.narrative';

/**
 * The bulletin's text on a two-year fixture: 同比 against the same months of last year, 资金到位率,
 * the gap to 序时进度, verified funds apart, the main signed projects by name, each chain's own
 * big-project rule, and the idle chains in one line — every figure computed here by hand.
 */
describe('the roll-up narrative as the committee reads it', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let year: number;
  let narrative: string;
  let figures: RollUpFigures;
  const clock = new ManualClock('2000-01-01T00:00:00Z');

  async function project(name: string, chain: string, ownerId: string, agreements: [string, string][], funds: [string, string, boolean][]) {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, created_at)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '某投资方', 'through-firms', (SELECT id FROM unit WHERE name = '市能源局'),
               $3, 'signed', 'active', $4) RETURNING id`,
      [name, chain, ownerId, `${year - 1}-01-05T10:00:00+08:00`],
    );
    for (const [i, [signedOn, amount]] of agreements.entries()) {
      await t.dataSource.query(
        `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, i === 0 ? 'initial' : 'supplementary', amount, signedOn, `XY-${name}-${i}`, clock.now()],
      );
    }
    for (const [month, amount, verified] of funds) {
      await t.dataSource.query(
        `INSERT INTO fund_arrival (project_id, month, amount, verified, verified_at, created_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $4 THEN $5::timestamptz END, $5)`,
        [id, month, amount, verified, clock.now()],
      );
    }
  }

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [{ year }] = await t.dataSource.query(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    clock.set(`${year}-03-27T10:00:00+08:00`);
    office = await signInAs(t, { roles: ['office'] });
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市能源局' });
    // Last year, January to March: 5亿 signed, 1000万 in place (clean energy).
    await project('去年光伏项目', 'clean-energy', owner.id, [[`${year - 1}-02-10`, '50000']], [[`${year - 1}-02`, '1000', true]]);
    // This year: 8亿 in February and 2亿 more in March (clean energy), 3亿 in March (salt lake).
    await project('光伏制氢一体化', 'clean-energy', owner.id, [[`${year}-02-15`, '80000'], [`${year}-03-05`, '20000']], [[`${year}-03`, '3000', true]]);
    await project('盐湖提锂扩能', 'salt-lake-chemical', owner.id, [[`${year}-03-10`, '30000']], [[`${year}-02`, '2000', false]]);
    const built = await office.post(`/api/roll-ups/${year}-03/build`, {}).expect(200);
    narrative = built.body.narrative;
    figures = built.body.figures;
  }, 120_000);
  afterAll(() => t.close());

  it('reads the year to date against last year, the target’s pace and the signed amount', async () => {
    const [plan] = await t.dataSource.query(`SELECT city_signed_amount::text AS signed, city_funds_in_place::text AS funds FROM annual_plan WHERE year = $1`, [year]);
    const signed = new Decimal(130000);
    const funds = new Decimal(5000);
    const signedGap = signed.minus(new Decimal(plan.signed).times(3).div(12));
    const fundsGap = funds.minus(new Decimal(plan.funds).times(3).div(12));
    const pct = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).replace(/\.?0+$/, '');
    expect(narrative).toContain(`签约金额${bulletinAmount('130000')}，同比增长${pct(signed.minus(50000).div(50000).times(100))}%（上年同期${bulletinAmount('50000')}）`);
    expect(narrative).toContain(`${signedGap.isNeg() ? '落后' : '超'}序时进度${bulletinAmount(signedGap.abs().toFixed(6))}`);
    expect(narrative).toContain(`到位资金${bulletinAmount('5000')}（其中经核实${bulletinAmount('3000')}，待核实${bulletinAmount('2000')}），同比增长${pct(funds.minus(1000).div(1000).times(100))}%`);
    expect(narrative).toContain(`${fundsGap.isNeg() ? '落后' : '超'}序时进度${bulletinAmount(fundsGap.abs().toFixed(6))}`);
    expect(narrative).toContain(`资金到位率${funds.div(signed).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`);
    // March alone: last March had nothing signed, so no 同比 is invented.
    expect(narrative).toContain(`3月签约项目1个，签约金额${bulletinAmount('50000')}，上年同期为0，不计同比`);
    expect(figures.bulletin?.lastYearHasData).toBe(true);
  });

  it('names the main signed projects, gives each chain its own big-project rule and the idle chains one line', async () => {
    expect(narrative).toContain(`主要签约项目：光伏制氢一体化（清洁能源产业链，签约${bulletinAmount('100000')}）、盐湖提锂扩能（盐湖化工产业链，签约${bulletinAmount('30000')}）。`);
    const thresholds: { code: string; name: string; threshold: string }[] = await t.dataSource.query(
      `SELECT c.code, c.name_zh AS name, t.big_project_threshold::text AS threshold FROM chain_target t JOIN chain c ON c.id = t.chain_id WHERE t.year = $1`,
      [year],
    );
    const paragraphs = narrative.split('\n\n');
    for (const code of ['clean-energy', 'salt-lake-chemical']) {
      const chain = thresholds.find((x) => x.code === code) as (typeof thresholds)[number];
      const own = paragraphs.find((p) => p.startsWith(`${chain.name}签约项目`)) as string;
      expect(own).toContain(`${bulletinAmount(chain.threshold)}以上项目`);
      expect(own).not.toContain('亿元以上标准');
    }
    const idle = thresholds.filter((x) => !['clean-energy', 'salt-lake-chemical'].includes(x.code));
    const idleLines = paragraphs.filter((p) => idle.some((x) => p.includes(x.name)) && !p.startsWith('第') && !p.startsWith('签约额落后序时进度'));
    expect(idleLines).toHaveLength(1);
    expect(idleLines[0]).toContain('本年尚无签约项目、到位资金和项目推进');
    for (const x of idle) expect(paragraphs.some((p) => p.startsWith(`${x.name}签约项目`))).toBe(false);
  });

  it('labels the ranking formula as the office’s and closes with the problems and the next steps', () => {
    expect(narrative).toContain('评分办法（市招商办制定）：');
    const headings = narrative.split('\n\n').filter((p) => /^[一二三四]、/.test(p));
    expect(headings).toEqual(['一、总体情况', '二、各产业链情况', '三、报送情况及存在的问题', '四、下一步工作']);
    expect(narrative).toMatch(/签约额落后序时进度的产业链：.*清洁能源产业链/);
    expect(narrative).toContain('（一）对落后序时进度的产业链');
  });
});
