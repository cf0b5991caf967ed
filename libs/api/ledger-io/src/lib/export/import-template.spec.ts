import { loadWorkbook } from '@crm/api/core';
import { STAGE_LABELS, STAGES } from '@crm/domain';
import { loadSamplePipeline } from '@crm/migrations';
import type { Worksheet } from 'exceljs';
import { LEDGER_EXAMPLE_MARK } from '../import/sheet-reader';
import { createLedgerWorld, downloadSheet, postAs, type LedgerWorld } from '../../test/ledger-world';

/** The formula of the drop-down a cell offers, and the values the hidden 选项 sheet lists for it. */
function dropDown(sheet: Worksheet, choices: Worksheet, row: number, header: string): string[] {
  const col = (sheet.getRow(1).values as unknown[]).indexOf(header);
  const validation = sheet.getCell(row, col).dataValidation;
  expect(validation?.type).toBe('list');
  const m = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)$/.exec(validation?.formulae?.[0] ?? '');
  if (!m) throw new Error(`no list for ${header}`);
  const values: string[] = [];
  for (let r = 2; r <= Number(m[2]); r++) values.push(String(choices.getCell(`${m[1]}${r}`).value));
  return values;
}

describe('import templates', () => {
  let w: LedgerWorld;
  const upload = (bytes: Buffer) =>
    postAs(w, w.office, '/api/ledger/imports/projects').attach('file', bytes, '招商项目导入模板.xlsx');

  beforeAll(async () => {
    w = await createLedgerWorld();
    await loadSamplePipeline(w.t.dataSource.manager);
  });
  afterAll(() => w.close());

  it('has an example row marked to be skipped and drop-downs for chain, stage, unit and channel', async () => {
    const { sheet, body } = await downloadSheet(w.staff.get('/api/ledger/templates/projects'));
    const headers = sheet.getRow(1).values as unknown[];
    expect(headers.slice(1, 6)).toEqual(['项目名称', '所属产业链', '投资方', '统一社会信用代码', '项目阶段']);
    expect(headers[headers.length - 1]).toBe('备注');
    const example = sheet.getRow(2);
    expect(example.getCell(headers.length - 1).value).toBe(LEDGER_EXAMPLE_MARK);
    expect(String(example.getCell(1).value)).toContain('示例');

    const choices = (await loadWorkbook(body)).getWorksheet('选项');
    if (!choices) throw new Error('no 选项 sheet');
    expect(choices.state).toBe('hidden');
    const chains: { name_zh: string }[] = await w.t.dataSource.query(`SELECT name_zh FROM chain ORDER BY sort_order, id`);
    expect(dropDown(sheet, choices, 3, '所属产业链')).toEqual(chains.map((c) => c.name_zh));
    expect(dropDown(sheet, choices, 500, '项目阶段')).toEqual(STAGES.map((s) => STAGE_LABELS[s]));
    expect(dropDown(sheet, choices, 3, '招商方式')).toContain('以商招商');
    const units = dropDown(sheet, choices, 3, '责任单位');
    expect(units).toContain('市能源局');
    expect(units.length).toBe(
      (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE merged_into_id IS NULL`))[0].n,
    );

    const firms = await downloadSheet(w.staff.get('/api/ledger/templates/enterprises'));
    expect(firms.sheet.getRow(2).getCell(firms.sheet.getRow(1).cellCount).value).toBe(LEDGER_EXAMPLE_MARK);
  });

  it('imports a filled-in template without its example row', async () => {
    const { sheet, body } = await downloadSheet(w.office.get('/api/ledger/templates/projects'));
    const workbook = await loadWorkbook(body);
    const filled = workbook.worksheets[0];
    const col = (header: string) => (sheet.getRow(1).values as unknown[]).indexOf(header);
    const row = filled.getRow(3);
    row.getCell(col('项目名称')).value = '模板导入测试项目';
    row.getCell(col('所属产业链')).value = '清洁能源产业链';
    row.getCell(col('投资方')).value = '模板导入测试有限公司';
    row.getCell(col('项目阶段')).value = '信息收集';
    row.getCell(col('责任单位')).value = '市能源局';
    row.commit();
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer())).expect(201);
    expect(res.body.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([[3, 'create']]);

    // The template as downloaded holds nothing to import.
    const untouched = await upload(body).expect(400);
    expect(untouched.body.message).toContain('没有数据行');
  });
});
