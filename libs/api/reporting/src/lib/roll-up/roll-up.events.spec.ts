import { readDocumentSettings } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import JSZip from 'jszip';
import { writeFileSync } from 'node:fs';
import { buildRollUpDocx } from './roll-up-docx.builder';
import { rollUpFigures } from './roll-up.figures';
import { rollUpTables } from './roll-up-report.tables';

/**
 * 招商活动 in the roll-up (issue 20 §4): the events held in the period's statistical window, the
 * firms and contacts met there, and their linked projects' results up to the window's end, read
 * from the events area (eventPeriodTotals) and checked against an independent count of a fixture
 * with events, agreements and fund arrivals on both sides of the window's bounds.
 */
describe('roll-up: 招商活动 totals', () => {
  let t: TestApp;
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const Y = 2041;

  beforeAll(async () => {
    t = await createTestApp([]);
    const owner = await createTestUser(t, { roles: ['staff'], unit: '市数据局' });
    const [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市数据局'`);
    const [{ id: chainId }] = await q(`SELECT id FROM chain WHERE code = 'clean-energy'`);
    const firm = async (name: string) =>
      (await q(`INSERT INTO enterprise (name, normalised_name, created_at, updated_at) VALUES ($1, $1, now(), now()) RETURNING id`, [name]))[0]
        .id as string;
    const event = async (name: string, from: string, to: string, firms: string[]) => {
      const [{ id }] = await q(
        `INSERT INTO promotion_event (name, normalised_name, kind, starts_on, ends_on, created_at, updated_at)
         VALUES ($1, $1, 'fair', $2, $3, now(), now()) RETURNING id`,
        [name, from, to],
      );
      for (const f of firms) await q(`INSERT INTO promotion_event_enterprise (event_id, enterprise_id) VALUES ($1, $2)`, [id, f]);
      return id as string;
    };
    const project = async (name: string, eventId: string) =>
      (
        await q(
          `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, event_id)
           VALUES ($1, $2, '投资方', 'other', $3, $4, 'lead', 'active', $5) RETURNING id`,
          [name, chainId, unitId, owner.id, eventId],
        )
      )[0].id as string;
    const sign = (projectId: string, kind: string, amount: string, on: string) =>
      q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, $2, $3, $4, $5)`, [
        projectId,
        kind,
        amount,
        on,
        `E-${projectId.slice(0, 8)}-${kind}`,
      ]);
    const fund = (projectId: string, month: string, amount: string) =>
      q(`INSERT INTO fund_arrival (project_id, month, amount) VALUES ($1, $2, $3)`, [projectId, month, amount]);

    const [f1, f2, f3] = [await firm('活动统计甲公司'), await firm('活动统计乙公司'), await firm('活动统计丙公司')];
    // September's window is 26 August to 25 September (no cut-off set).
    const fair = await event('活动统计九月展会', `${Y}-09-10`, `${Y}-09-12`, [f1, f2]);
    const edge = await event('活动统计跨窗口考察', `${Y}-08-24`, `${Y}-08-26`, [f2]); // ends on the window's first day
    await event('活动统计八月论坛', `${Y}-08-20`, `${Y}-08-25`, [f3]); // before the window
    await event('活动统计九月底论坛', `${Y}-09-26`, `${Y}-09-27`, [f3]); // after it
    const p1 = await project('活动统计项目一', fair);
    await sign(p1, 'initial', '10000.5', `${Y}-09-15`);
    await sign(p1, 'supplementary', '500', `${Y}-09-26`); // after the window's end
    await fund(p1, `${Y}-09`, '3000');
    await fund(p1, `${Y}-10`, '100');
    await project('活动统计项目二', fair);
    const p3 = await project('活动统计项目三', edge);
    await sign(p3, 'initial', '2000', `${Y}-05-01`);
  });
  afterAll(() => t.close());

  it('equals an independent count of the window’s events, firms, linked projects, signings and funds', async () => {
    const figures = await rollUpFigures(t.dataSource.manager, `${Y}-09`, new Date(`${Y}-10-02T02:00:00Z`));
    const totals = figures.eventTotals;
    expect(totals).toBeDefined();
    const { from, to } = totals as { from: string; to: string };
    expect([from, to]).toEqual([`${Y}-08-26`, `${Y}-09-25`]);
    const [expected] = await q(
      `SELECT count(DISTINCT e.id)::int AS events,
              (SELECT count(DISTINCT x.enterprise_id) FROM promotion_event_enterprise x JOIN promotion_event e2 ON e2.id = x.event_id
               WHERE e2.starts_on <= $2 AND e2.ends_on >= $1)::int AS firms,
              (SELECT count(*) FROM project p JOIN promotion_event e3 ON e3.id = p.event_id WHERE e3.starts_on <= $2 AND e3.ends_on >= $1)::int AS projects,
              (SELECT count(DISTINCT a.project_id) FROM project_agreement a JOIN project p ON p.id = a.project_id
               JOIN promotion_event e4 ON e4.id = p.event_id WHERE e4.starts_on <= $2 AND e4.ends_on >= $1 AND a.signed_on <= $2)::int AS signed,
              (SELECT coalesce(sum(a.amount), 0)::numeric FROM project_agreement a JOIN project p ON p.id = a.project_id
               JOIN promotion_event e4 ON e4.id = p.event_id WHERE e4.starts_on <= $2 AND e4.ends_on >= $1 AND a.signed_on <= $2) AS amount,
              (SELECT coalesce(sum(f.amount), 0)::numeric FROM fund_arrival f JOIN project p ON p.id = f.project_id
               JOIN promotion_event e5 ON e5.id = p.event_id WHERE e5.starts_on <= $2 AND e5.ends_on >= $1 AND f.month <= $3) AS funds
       FROM promotion_event e WHERE e.starts_on <= $2 AND e.ends_on >= $1`,
      [from, to, `${Y}-09`],
    );
    expect(totals).toMatchObject({
      events: expected.events,
      firmsMet: expected.firms,
      projects: expected.projects,
      signedProjects: expected.signed,
    });
    expect(Number(totals?.signedAmount)).toBe(Number(expected.amount));
    expect(Number(totals?.fundsInPlace)).toBe(Number(expected.funds));
    // The fixture's own answer: 2 events (the edge one counts), 2 firms, 3 projects, 2 signed for 12000.5, 3000 in place.
    expect(totals).toMatchObject({ events: 2, firmsMet: 2, contactsMet: 0, projects: 3, signedProjects: 2, signedAmount: '12000.5', fundsInPlace: '3000' });
  });

  it('the Word and Excel city table carries the same figures', async () => {
    const figures = await rollUpFigures(t.dataSource.manager, `${Y}-09`, new Date(`${Y}-10-02T02:00:00Z`));
    const city = rollUpTables(figures).find((x) => x.title === '全市总体情况');
    const row = (label: string) => city?.rows.find((r) => r[0] === label)?.[1];
    expect(row('招商活动(场)')).toBe(2);
    expect(row('活动对接企业(家)')).toBe(2);
    expect(row('活动引出项目(个)')).toBe(3);
    expect(row('其中签约(个)')).toBe(2);
    expect(row('活动项目签约额(万元)')).toEqual({ wan: '12000.5' });
    expect(row('活动项目到位资金(万元)')).toEqual({ wan: '3000' });
    const docx = await buildRollUpDocx({
      period: `${Y}-09`,
      figures,
      narrative: '通报正文。',
      version: 1,
      builtAt: new Date(`${Y}-10-02T02:00:00Z`),
      fromSnapshot: false,
      settings: await readDocumentSettings(t.dataSource.manager),
      number: `格招商办〔${Y}〕9号`,
      issuedOn: new Date(`${Y}-10-02T02:00:00Z`),
    });
    if (process.env['H20_DOCX']) writeFileSync(process.env['H20_DOCX'], docx);
    const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
    // The Word file prints amounts in 亿元.
    for (const label of ['招商活动(场)', '活动对接企业(家)', '活动引出项目(个)', '活动项目签约额(亿元)', '活动项目到位资金(亿元)']) {
      expect(xml).toContain(label);
    }
  });
});
