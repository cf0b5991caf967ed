import { loadSamplePipeline } from '@crm/migrations';
import type { Worksheet } from 'exceljs';
import { renderToPdf } from '@crm/api/testing';
import { createLedgerWorld, downloadSheet, type LedgerWorld } from '../../test/ledger-world';

describe('ledger exports', () => {
  let w: LedgerWorld;
  const headerIndex = (sheet: Worksheet, row: number, header: string) =>
    (sheet.getRow(row).values as unknown[]).indexOf(header);
  const dataRows = (sheet: Worksheet, headerRow: number) => sheet.rowCount - headerRow;

  beforeAll(async () => {
    w = await createLedgerWorld();
    await loadSamplePipeline(w.t.dataSource.manager);
  });
  afterAll(() => w.close());

  it('exports the project list exactly as GET /api/projects filters it, amounts as numbers, dates as dates', async () => {
    const queries: Record<string, string | number>[] = [
      {},
      { chain: 'clean-energy' },
      { stage: 'signed,construction,production', sort: 'name', order: 'asc' },
      // Every filter the project list page sends (toListQuery), as GET /api/projects reads them.
      { status: 'active,paused,dropped', q: '项目', sort: 'createdAt', order: 'asc' },
      { chain: 'clean-energy', includeRelated: 'true', minAmount: '0', major: 'false', idleDays: 1, sort: 'amount' },
      { status: 'active', followUpDue: 'false', sort: 'lastActivityOn', order: 'desc', limit: 20 },
    ];
    for (const query of queries) {
      const list = await w.office.get('/api/projects').query({ ...query, limit: 200 }).expect(200);
      expect(list.body.nextCursor).toBeNull();
      const { sheet } = await downloadSheet(w.office.get('/api/ledger/exports/projects').query(query));
      expect(dataRows(sheet, 1)).toBe(list.body.total);
      const nameCol = headerIndex(sheet, 1, '项目名称');
      const names = list.body.items.map((p: { name: string }) => p.name);
      expect(Array.from({ length: names.length }, (_, i) => sheet.getRow(i + 2).getCell(nameCol).value)).toEqual(names);
    }
    // A filter the list refuses, the export refuses the same way.
    const refusedList = await w.office.get('/api/projects').query({ stage: 'nope' }).expect(400);
    const refusedExport = await w.office.get('/api/ledger/exports/projects').query({ stage: 'nope' }).expect(400);
    expect(refusedExport.body.message).toEqual(refusedList.body.message);
    const { sheet } = await downloadSheet(w.office.get('/api/ledger/exports/projects'));
    const planned = headerIndex(sheet, 1, '计划总投资（万元）');
    const started = headerIndex(sheet, 1, '开工日期');
    expect(planned).toBeGreaterThan(0);
    // The sample pipeline leaves amounts empty, as the plan does; give one project its figures.
    const [[expected]] = await w.t.dataSource.query(
      `UPDATE project SET planned_investment = 12345.678901, construction_started_on = '2025-05-01'
       WHERE id = (SELECT id FROM project ORDER BY name LIMIT 1)
       RETURNING name, planned_investment::text AS planned, construction_started_on::text AS started`,
    );
    const { sheet: fresh } = await downloadSheet(w.office.get('/api/ledger/exports/projects'));
    expect(expected).toBeDefined();
    const row = fresh.getRows(2, fresh.rowCount - 1)?.find((r) => r.getCell(headerIndex(fresh, 1, '项目名称')).value === expected.name);
    expect(row?.getCell(planned).value).toBe(12345.678901);
    expect(row?.getCell(started).value).toEqual(new Date('2025-05-01T00:00:00Z'));
    expect(fresh.getColumn(started).numFmt).toBe('yyyy-mm-dd');
  });

  it('gives the land route a column: 盘活存量 marked, a land reached without one is 新增供地, before the land nothing', async () => {
    // The sample pipeline stops before the land: two projects are taken there (a fixture, not a move).
    const [[site]] = await w.t.dataSource.query(
      `UPDATE project SET stage = 'construction', land_route = 'idle-plant', plant_area_sqm = 8000,
              site_document_kind = 'lease', site_document_ref = 'ZL-EXPORT-1', site_document_on = '2025-03-01'
       WHERE id = (SELECT id FROM project ORDER BY name LIMIT 1 OFFSET 1)
       RETURNING name`,
    );
    const [[land]] = await w.t.dataSource.query(
      `UPDATE project SET stage = 'land' WHERE id = (SELECT id FROM project ORDER BY name LIMIT 1 OFFSET 2) RETURNING name`,
    );
    const [lead] = await w.t.dataSource.query(
      `SELECT name FROM project WHERE stage IN ('lead', 'negotiation', 'evaluation', 'signed') ORDER BY name LIMIT 1`,
    );
    const { sheet } = await downloadSheet(w.office.get('/api/ledger/exports/projects'));
    const cell = (name: string, header: string) =>
      sheet
        .getRows(2, sheet.rowCount - 1)
        ?.find((r) => r.getCell(headerIndex(sheet, 1, '项目名称')).value === name)
        ?.getCell(headerIndex(sheet, 1, header)).value;
    expect(cell(site.name, '用地方式')).toBe('闲置厂房（盘活存量）');
    expect(cell(site.name, '场地权属')).toBe('租赁');
    expect(cell(site.name, '产权证号或租赁合同编号')).toBe('ZL-EXPORT-1');
    expect(cell(site.name, '厂房面积（平方米）')).toBe(8000);
    expect(cell(land.name, '用地方式')).toBe('新增供地');
    expect(cell(lead.name, '用地方式') ?? null).toBeNull();
  });

  it('limits every export to the chains the user may read', async () => {
    const [{ n }] = await w.t.dataSource.query(
      `SELECT count(*)::integer AS n FROM project p JOIN chain c ON c.id = p.chain_id
       WHERE c.code = 'culture-tourism' OR (SELECT id FROM chain WHERE code = 'culture-tourism') = ANY (p.related_chain_ids)`,
    );
    const { sheet } = await downloadSheet(w.otherStaff.get('/api/ledger/exports/projects'));
    expect(dataRows(sheet, 1)).toBe(n);
    const chains = await downloadSheet(w.otherStaff.get('/api/ledger/exports/responsibilities'));
    expect(dataRows(chains.sheet, 3)).toBe(1);
    expect(chains.sheet.getRow(4).getCell(2).value).toBe('文化旅游产业链');
    const leader = await downloadSheet(w.leader.get('/api/ledger/exports/target-directions'));
    expect(dataRows(leader.sheet, 3)).toBe(1);
    expect(leader.sheet.getRow(4).getCell(2).value).toBe('清洁能源产业链');
  });

  it('gives the three lists the bulletin names, each with the year, the issuing body and print settings', async () => {
    const key = await downloadSheet(w.office.get('/api/ledger/exports/key-projects?year=2025'));
    expect(key.sheet.getRow(1).getCell(1).value).toBe('2025年招商引资重点项目动态管理表');
    expect(String(key.sheet.getRow(2).getCell(1).value)).toContain('格尔木市招商引资工作领导小组办公室');
    expect(key.sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
    const [{ n }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project WHERE status <> 'dropped'`);
    expect(dataRows(key.sheet, 3)).toBe(n);

    const targetsRes = w.office.get('/api/ledger/exports/target-directions?year=2025');
    const targets = await downloadSheet(targetsRes);
    expect(targets.sheet.name).toBe('目标方向清单');
    expect(targets.sheet.getRow(1).getCell(1).value).toBe('2025年招商引资目标方向清单');
    expect(dataRows(targets.sheet, 3)).toBe(7);
    const first = targets.sheet.getRow(4);
    expect(first.getCell(2).value).toBe('清洁能源产业链');
    expect(first.getCell(4).value).toBe(1400000);
    expect(first.getCell(7).value).toBe(650000);
    expect(String(first.getCell(8).value)).toMatch(/^1\. /);

    const duty = await downloadSheet(w.office.get('/api/ledger/exports/responsibilities?year=2025'));
    expect(duty.sheet.name).toBe('责任分工表');
    expect(duty.sheet.getRow(1).getCell(1).value).toBe('2025年招商引资责任分工表');
    expect(dataRows(duty.sheet, 3)).toBe(7);
    const row = duty.sheet.getRow(4);
    expect(String(row.getCell(4).value)).toContain('赵冬');
    expect(String(row.getCell(5).value)).toContain('肖军');
    expect(String(row.getCell(5).value)).toContain('胡红梅');
    expect(String(row.getCell(8).value)).toContain('中国华电集团有限公司格尔木分公司');

    // Printed: A4 landscape, one page wide, every page numbered; the list's title on the first.
    for (const [list, title] of [[key, '2025年招商引资重点项目动态管理表'], [targets, '2025年招商引资目标方向清单'], [duty, '2025年招商引资责任分工表']] as const) {
      const rendered = await renderToPdf(list.body, 'xlsx');
      expect(rendered.pages.every((p) => p.widthMm === 297 && p.heightMm === 210)).toBe(true);
      expect(rendered.pageTexts[0].replace(/\s+/g, '')).toContain(title);
      rendered.pageTexts.forEach((page, i) => expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页共${rendered.pages.length}页`));
    }
  }, 120_000);

  it('exports the enterprise library and the import templates', async () => {
    const list = await w.office.get('/api/enterprises').query({ limit: 200 }).expect(200);
    const { sheet } = await downloadSheet(w.staff.get('/api/ledger/exports/enterprises'));
    expect(dataRows(sheet, 1)).toBe(list.body.total);
    expect(sheet.getRow(1).getCell(2).value).toBe('企业名称');
    const template = await downloadSheet(w.staff.get('/api/ledger/templates/projects'));
    expect(template.sheet.getRow(1).values).toContain('计划总投资（万元）');
    await downloadSheet(w.staff.get('/api/ledger/templates/enterprises'));
  });

  it('refuses bad filters as the project list does', async () => {
    await w.office.get('/api/ledger/exports/projects?stage=nowhere').expect(400);
    await w.office.get('/api/ledger/exports/key-projects?year=abc').expect(400);
  });
});
