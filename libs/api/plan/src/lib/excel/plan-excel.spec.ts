import { loadWorkbook } from '@crm/api/core';
import { ReferenceModule } from '@crm/api/reference';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { PLAN_SHEETS, type AnnualPlanView, type PlanImportPreview } from '@crm/domain';
import type { Workbook } from 'exceljs';
import { PlanModule } from '../plan.module';

/** A year's plan out to Excel and back: preview, commit through the plan's writer, nothing else touched. */
describe('annual plan in Excel', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let year: number;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule, PlanModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    office = await signInAs(t, { roles: ['office'] });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    [{ year }] = await t.dataSource.query(`SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`);
  });
  afterAll(() => t.close());

  const download = async (y: number): Promise<Buffer> => {
    const res = await leader
      .get(`/api/plans/${y}/workbook`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return res.body as Buffer;
  };
  const upload = (y: number, bytes: Buffer, name = 'plan.xlsx') =>
    office.upload(`/api/plans/${y}/imports`, 'file', bytes, name);
  const edit = async (bytes: Buffer, change: (wb: Workbook) => void): Promise<Buffer> => {
    const wb = await loadWorkbook(bytes);
    change(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('exports every part of the plan and reads an unchanged export back as no change', async () => {
    const bytes = await download(year);
    const wb = await loadWorkbook(bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(Object.values(PLAN_SHEETS));
    const plan: AnnualPlanView = (await office.get(`/api/plans/${year}`).expect(200)).body;
    expect(wb.getWorksheet(PLAN_SHEETS.targets)?.rowCount).toBe(plan.targets.length + 1);
    expect(wb.getWorksheet(PLAN_SHEETS.keyTasks)?.rowCount).toBe(plan.keyTasks.length + 1);
    const preview: PlanImportPreview = (await upload(year, bytes).expect(201)).body;
    expect(preview.problems).toEqual([]);
    expect(preview.differences).toEqual([]);
    expect(preview.needsReason).toBe(true);
  });

  it('previews an edited sheet, needs a reason for a published plan, and commits once', async () => {
    const edited = await edit(await download(year), (wb) => {
      const sheet = wb.getWorksheet(PLAN_SHEETS.targets);
      sheet?.eachRow((row) => {
        if (row.getCell(1).value === '文化旅游产业链') row.getCell(2).value = 35000;
      });
    });
    const preview: PlanImportPreview = (await upload(year, edited, '方案.xlsx').expect(201)).body;
    expect(preview.fileName).toBe('方案.xlsx');
    expect(preview.differences).toEqual([
      { area: 'target', subject: 'culture-tourism', field: 'signedAmount', before: '30000+', after: '35000+' },
    ]);
    const before = (await office.get(`/api/plans/${year}`).expect(200)).body as AnnualPlanView;
    const noReason = await office.post(`/api/plans/imports/${preview.id}/commit`, {}).expect(422);
    expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
    const saved: AnnualPlanView = (await office.post(`/api/plans/imports/${preview.id}/commit`, { reason: '按调整后方案' }).expect(200)).body;
    expect(saved.targets.find((x) => x.chainCode === 'culture-tourism')?.signedAmount).toBe('35000.000000');
    // Everything else as it was: the same key tasks (ids kept), the same other targets.
    expect(saved.keyTasks.map((k) => [k.id, k.text, k.units, k.milestones.map((m) => [m.projectName, m.projectId])])).toEqual(
      before.keyTasks.map((k) => [k.id, k.text, k.units, k.milestones.map((m) => [m.projectName, m.projectId])]),
    );
    expect(saved.targets.filter((x) => x.chainCode !== 'culture-tourism')).toEqual(
      before.targets.filter((x) => x.chainCode !== 'culture-tourism'),
    );
    await office.post(`/api/plans/imports/${preview.id}/commit`, { reason: '再来一次' }).expect(409);
    const [entry] = await t.dataSource.query(
      `SELECT after FROM audit_log WHERE entity_type = 'annual_plan' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(year)],
    );
    expect(entry.after.reason).toBe('按调整后方案');
  });

  it('names every problem by sheet, row and column, and commits nothing', async () => {
    const bad = await edit(await download(year), (wb) => {
      const cell = (sheet: string, row: number, col: number) => {
        const ws = wb.getWorksheet(sheet);
        if (!ws) throw new Error(`no sheet ${sheet}`);
        return ws.getRow(row).getCell(col);
      };
      cell(PLAN_SHEETS.targets, 2, 2).value = -100;
      cell(PLAN_SHEETS.keyTasks, 2, 4).value = '不存在的单位';
      cell(PLAN_SHEETS.milestones, 2, 4).value = '快完成了';
    });
    const preview: PlanImportPreview = (await upload(year, bad).expect(201)).body;
    expect(preview.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: PLAN_SHEETS.targets, row: 2, column: '签约金额（万元）' }),
        expect.objectContaining({ sheet: PLAN_SHEETS.keyTasks, row: 2, column: '责任单位' }),
        expect.objectContaining({ sheet: PLAN_SHEETS.milestones, row: 2, column: '年底目标阶段' }),
      ]),
    );
    const version = (await office.get(`/api/plans/${year}`).expect(200)).body.version;
    await office.post(`/api/plans/imports/${preview.id}/commit`, { reason: '试试' }).expect(422);
    expect((await office.get(`/api/plans/${year}`).expect(200)).body.version).toBe(version);
    const notXlsx = await upload(year, Buffer.from('not a workbook')).expect(400);
    expect(notXlsx.body.message).toContain('.xlsx');
  });

  it('creates next year as a draft from an uploaded workbook; only the office imports', async () => {
    const bytes = await download(year);
    await leader.upload(`/api/plans/${year + 3}/imports`, 'file', bytes, 'plan.xlsx').expect(403);
    const preview: PlanImportPreview = (await upload(year + 3, bytes).expect(201)).body;
    expect(preview.createsPlan).toBe(true);
    expect(preview.needsReason).toBe(false);
    const created: AnnualPlanView = (await office.post(`/api/plans/imports/${preview.id}/commit`, {}).expect(200)).body;
    const source: AnnualPlanView = (await office.get(`/api/plans/${year}`).expect(200)).body;
    expect(created.status).toBe('draft');
    expect(created.targets).toEqual(source.targets);
    expect(created.keyTasks.map((k) => [k.chainCode, k.seq, k.text])).toEqual(source.keyTasks.map((k) => [k.chainCode, k.seq, k.text]));
  });
});
