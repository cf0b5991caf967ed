import { QueueModule } from '@crm/api/core';
import {
  createTestApp,
  renderToPdf,
  signInAs,
  type SignedInAgent,
  type TestApp,
} from '@crm/api/testing';
import { ManualClock, type RollUpExportView } from '@crm/domain';
import { writeFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import {
  chainTargets,
  expectedChain,
  insertFixtures,
  PERIOD,
} from '../../test/roll-up-world';
import { ReportingJobsModule, ReportingModule } from '../reporting.module';
import { rollUpFileName } from './roll-up-file';

/** Reads a binary body whole (supertest would otherwise try to parse it as text). */
function binary(
  res: Response,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
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
        .map((cell) =>
          [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
            .map((m) => m[1])
            .join(''),
        ),
    );
}

describe('roll-up exports through the worker', () => {
  // The processor of the reporting queue runs in this process, as the worker would run it.
  const clock = new ManualClock('2025-03-27T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let admin: SignedInAgent;
  let clean: ReturnType<typeof expectedChain>;
  let narrative: string;

  const waitFor = async (
    id: string,
    agent: SignedInAgent = office,
  ): Promise<RollUpExportView> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await agent
        .get(`/api/roll-ups/exports/${id}`)
        .expect(200);
      if (['done', 'failed'].includes(body.state) || Date.now() > deadline)
        return body;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const exportFile = async (
    format: 'docx' | 'xlsx',
    agent: SignedInAgent = office,
  ) => {
    const queued = await agent
      .post(`/api/roll-ups/${PERIOD}/exports`, { format })
      .expect(202);
    expect(queued.body).toMatchObject({
      period: PERIOD,
      format,
      state: 'queued',
      downloadUrl: null,
    });
    const done = await waitFor(queued.body.id, agent);
    expect(done).toMatchObject({
      state: 'done',
      error: null,
      fileName: rollUpFileName(PERIOD, format),
    });
    const res = await agent
      .get(done.downloadUrl as string)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return { res, bytes: res.body as Buffer, view: done };
  };

  beforeAll(async () => {
    t = await createTestApp(
      [
        QueueModule,
        ReportingModule,
        ReportingJobsModule,
      ],
      {
        SIGN_IN_RATE_PER_MINUTE: '1000',
      }, { clock },
    );
    office = await signInAs(t, { roles: ['office'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    admin = await signInAs(t, { roles: ['admin'] });
    await insertFixtures(t);
    const targets = await chainTargets(t);
    clean = expectedChain(
      'clean-energy',
      targets.find(
        (x) => x.code === 'clean-energy',
      ) as (typeof targets)[number],
    );
    const built = await office
      .post(`/api/roll-ups/${PERIOD}/build`, {})
      .expect(200);
    narrative = built.body.narrative;
  }, 120_000);
  afterAll(() => t.close());

  it('refuses an export of a roll-up not built, and a format it does not make', async () => {
    await office
      .post('/api/roll-ups/2025-02/exports', { format: 'docx' })
      .expect(404);
    await office
      .post(`/api/roll-ups/${PERIOD}/exports`, { format: 'pdf' })
      .expect(400);
    await admin
      .post(`/api/roll-ups/${PERIOD}/exports`, { format: 'docx' })
      .expect(403);
  });

  it('builds a Word file in the worker that opens and holds the narrative and the figures', async () => {
    const { res, bytes } = await exportFile('docx');
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="roll-up-${PERIOD}.docx"; filename*=UTF-8''${encodeURIComponent('2025年3月招商引资工作汇总报告.docx')}`,
    );
    const zip = await JSZip.loadAsync(bytes);
    const xml = await (
      zip.file('word/document.xml') as JSZip.JSZipObject
    ).async('string');
    const firstParagraph = narrative.split('\n')[0];
    expect(xml).toContain(firstParagraph);
    const rows = docxRows(xml);
    // 附件3 分产业链完成情况, cut into parts that each repeat the chain; amounts in 亿元, two decimals.
    const yi = (wan: Decimal) => wan.div(10000).toFixed(2);
    const cleanRows = rows.filter((r) => r[0] === '清洁能源产业链');
    const cells = cleanRows.flat();
    for (const expected of [
      yi(clean.signedMonth.amount),
      yi(clean.signedYear.amount),
      '140.00',
      yi(clean.fundsMonth),
      yi(clean.fundsYear),
      '65.00',
      clean.signedYear.amount.times(100).div(1400000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    ]) {
      expect(cells).toContain(expected);
    }
    // The 22-column table is cut into parts, each repeating the chain.
    expect(cleanRows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r[0] === '市能源局')).toBe(true);
    // The letterhead, the document number (the year's first), the signature and the date.
    expect(xml).toContain('格尔木市招商引资工作领导小组办公室');
    expect(xml).toContain('格招商办〔2025〕1号');
    expect(xml).toContain('2025年3月27日');
    // The dates the figures cover (统计区间: the day after February's 25th to March's).
    expect(xml).toContain('统计区间：2025年2月26日—3月25日');
    // 领导批示 of the window beside the city's figures (none in this fixture: 0, said as such).
    expect(xml).toContain('领导批示(件)');
    expect(xml).toContain('其中未回复(件)');

    // Printed: A4 portrait body, landscape annexes, "— n —" page numbers, every amount whole on one line.
    const rendered = await renderToPdf(bytes, 'docx');
    if (process.env['KEEP_RENDER']) writeFileSync(process.env['KEEP_RENDER'], rendered.pdf);
    expect(rendered.pages[0]).toEqual({ widthMm: 210, heightMm: 297 });
    expect(rendered.pages.some((p) => p.widthMm === 297 && p.heightMm === 210)).toBe(true);
    expect(rendered.pages.length).toBeGreaterThanOrEqual(5);
    expect(rendered.pages.length).toBeLessThanOrEqual(30);
    rendered.pageTexts.forEach((page, i) => expect(page).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    const pdfText = rendered.text.replace(/[ \t]+/g, ' ');
    for (const amount of [yi(clean.signedYear.amount), yi(clean.fundsYear), '140.00', '65.00']) {
      expect(pdfText).toMatch(new RegExp(`(^|\\s)${amount.replace('.', '\\.')}(\\s|$)`, 'm'));
    }
    expect(pdfText).toMatch(/附件\s*1/);
  }, 120_000);

  it('builds an Excel file in the worker whose cells hold the figures as numbers', async () => {
    const { res, bytes } = await exportFile('xlsx', leader);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(
      bytes as unknown as Parameters<Workbook['xlsx']['load']>[0],
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '通报',
      '全市总体情况',
      '同比及资金到位率',
      '分行业到位资金同比',
      '分产业链完成情况',
      '在库项目分阶段',
      '重大项目',
      '重点任务进展',
      '第1季度评比',
      '各单位报送情况',
      '需协调解决的问题',
      '年度按月统计',
    ]);
    expect(workbook.getWorksheet('通报')?.getCell('A3').value).toBe(
      narrative.split('\n')[0],
    );
    const sheet = workbook.getWorksheet('分产业链完成情况');
    let found = 0;
    sheet?.eachRow((row) => {
      if (row.getCell(1).value !== '清洁能源产业链') return;
      found++;
      expect(
        [2, 3, 4, 5, 6, 8, 9, 12].map((c) => row.getCell(c).value),
      ).toEqual([
        clean.signedMonth.count,
        clean.signedMonth.amount.toNumber(),
        clean.signedYear.count,
        clean.signedYear.amount.toNumber(),
        1400000,
        clean.fundsMonth.toNumber(),
        clean.fundsYear.toNumber(),
        clean.big,
      ]);
    });
    expect(found).toBe(1);
    expect(sheet?.getCell('A1').value).toBe('2025年3月分产业链完成情况');
    expect(String(sheet?.getCell('A2').value)).toContain('格招商办〔2025〕');
    expect(String(sheet?.getCell('A2').value)).toContain('统计区间：2025年2月26日—3月25日');
    expect(sheet?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });

    // Printed: A4, the tables landscape and one page wide, amounts whole, labels not cut.
    const rendered = await renderToPdf(bytes, 'xlsx');
    if (process.env['KEEP_RENDER_XLSX']) writeFileSync(process.env['KEEP_RENDER_XLSX'], rendered.pdf);
    expect(rendered.pages.every((p) => [p.widthMm, p.heightMm].sort().join() === '210,297')).toBe(true);
    expect(rendered.pages.filter((p) => p.widthMm === 297).length).toBeGreaterThanOrEqual(10);
    expect(rendered.pages.length).toBeLessThanOrEqual(25);
    const asShown = (d: Decimal) => {
      const [int, frac = ''] = d.toFixed(6).replace(/0+$/, '').split('.');
      return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
    };
    const pdfText = rendered.text.replace(/[ \t]+/g, ' ');
    for (const amount of [clean.signedYear.amount, clean.fundsYear]) expect(pdfText).toContain(asShown(amount));
    for (const label of ['油气能源化工产业链', '格尔木农垦（集团）有限公司', '评分办法']) expect(pdfText).toContain(label);
    // A column too narrow for its number prints ###.
    expect(pdfText).not.toContain('##');
    const ranking = workbook.getWorksheet('第1季度评比');
    expect(String(ranking?.getCell(ranking.rowCount, 1).value)).toContain(
      '评分办法（市招商办制定）：得分 = 本季签约额完成率 × 40%',
    );
  }, 60_000);

  it('retries a failing export with backoff, then marks it failed with the reason', async () => {
    await t.dataSource.query(
      `UPDATE roll_up SET figures = '{}'::jsonb WHERE period = $1`,
      [PERIOD],
    );
    const queued = await office
      .post(`/api/roll-ups/${PERIOD}/exports`, { format: 'docx' })
      .expect(202);
    const failed = await waitFor(queued.body.id);
    expect(failed).toMatchObject({ state: 'failed', downloadUrl: null });
    expect(failed.error).toBeTruthy();
    const [{ attempts }] = await t.dataSource.query(
      `SELECT attempts FROM roll_up_export WHERE id = $1`,
      [queued.body.id],
    );
    expect(attempts).toBe(3);
    await office
      .get(`/api/roll-ups/exports/${queued.body.id}/file`)
      .expect(404);
    const view = await admin.get(`/api/roll-ups/${PERIOD}`).expect(200);
    expect(
      view.body.exports.map((e: RollUpExportView) => e.state).sort(),
    ).toEqual(['done', 'done', 'failed']);
    const audit = await t.dataSource.query(
      `SELECT user_id FROM audit_log WHERE entity_type = 'roll_up_export' ORDER BY audit_log.id`,
    );
    expect(audit.map((a: { user_id: string }) => a.user_id)).toEqual([
      office.user.id,
      leader.user.id,
      office.user.id,
    ]);
  }, 60_000);
});
