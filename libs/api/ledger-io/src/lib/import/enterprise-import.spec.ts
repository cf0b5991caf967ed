import { creditCodeCheckCharacter } from '@crm/domain';
import { Workbook } from 'exceljs';
import { binary, createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const GOOD_A = code('91632801MA7ABCDE1');
const GOOD_B = code('91632801MA7YYYYY2');

async function xlsx(rows: unknown[][], edit?: (sheet: import('exceljs').Worksheet) => void): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('企业');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('enterprise import', () => {
  let w: LedgerWorld;
  const count = async (table: string) => (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM ${table}`))[0].n;
  const upload = (bytes: Buffer, name = '企业.xlsx', agent = () => w.office) =>
    postAs(w, agent(), '/api/ledger/imports/enterprises').attach('file', bytes, name);

  beforeAll(async () => {
    w = await createLedgerWorld();
  });
  afterAll(() => w.close());

  it('previews good and bad rows, writes nothing until commit, then all valid rows at once, and a re-import changes nothing', async () => {
    const before = await count('enterprise');
    const bytes = await xlsx([
      ['序号', '企业名称', '统一社会信用代码', '企业性质', '标签', '注册地'],
      [1, '格尔木新材料科技有限公司', GOOD_A, '民营', '民营500强', '青海格尔木'],
      [2, '昆仑储能有限公司', '91632801MA7YYYYY2X', '国企', '', '格尔木'],
      [3, '柴达木锂业有限公司', GOOD_B, '外星企业', '世界500强、宇宙500强', ''],
      [4, '', '', '', '', ''],
      [5, '', '', '', '', '备注：空名称'],
      [6, '格尔木新材料科技 有限公司', '', '', '', ''],
      [7, '青海盐湖工业股份有限公司', '', '央企', '', ''],
    ]);
    const res = await upload(bytes).expect(201);
    const rows: { row: number; action: string; errors: { column: string; header: string; zh: string }[] }[] = res.body.rows;
    expect(rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'update'],
    ]);
    expect(rows[1].errors).toEqual([expect.objectContaining({ column: 'C', header: '统一社会信用代码', zh: expect.stringContaining('校验位') })]);
    expect(rows[2].errors.map((e) => [e.column, e.zh])).toEqual([
      ['D', expect.stringContaining('所有制“外星企业”无法识别')],
      ['E', expect.stringContaining('企业标签“宇宙500强”无法识别')],
    ]);
    expect(rows[3].errors[0]).toMatchObject({ column: 'B', header: '企业名称', zh: '企业名称不能为空' });
    expect(rows[4].errors[0].zh).toBe('与第2行是同一家企业');
    expect(res.body.batch.counts).toEqual({ create: 1, update: 1, skip: 0, error: 4 });
    expect(res.body.batch.totalRows).toBe(6);
    expect(await count('enterprise')).toBe(before);

    const committed = await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    expect(committed.body.status).toBe('committed');
    expect(await count('enterprise')).toBe(before + 1);
    const [salt] = await w.t.dataSource.query(`SELECT ownership FROM enterprise WHERE name = '青海盐湖工业股份有限公司'`);
    expect(salt.ownership).toBe('central-soe');
    const audits = await w.t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'enterprise' ORDER BY 1`);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(409);

    const again = await upload(bytes).expect(201);
    expect(again.body.batch.counts).toEqual({ create: 0, update: 0, skip: 2, error: 4 });
    await w.office.post(`/api/ledger/imports/${again.body.batch.id}/commit`).expect(200);
    expect(await count('enterprise')).toBe(before + 1);
  });

  it('round trip: exporting the library and importing the file changes nothing', async () => {
    const exported = await binary(w.office.get('/api/ledger/exports/enterprises')).expect(200);
    const before = await w.t.dataSource.query(`SELECT id, version FROM enterprise ORDER BY id`);
    const res = await upload(exported.body as Buffer).expect(201);
    expect(res.body.batch.counts).toEqual({ create: 0, update: 0, skip: before.length, error: 0 });
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    expect(await w.t.dataSource.query(`SELECT id, version FROM enterprise ORDER BY id`)).toEqual(before);
  });

  it('maps headers that differ as the user says, and refuses a sheet missing a required column', async () => {
    const bytes = await xlsx([['公司', '代码'], ['格尔木映射测试有限公司', '']]);
    const refused = await upload(bytes).expect(400);
    expect(refused.body.message).toContain('表头');
    // The answer carries the sheet's headers for the mapping step.
    expect(refused.body).toMatchObject({ code: 'no-header', headers: ['公司', '代码'] });
    const partly = await upload(await xlsx([['序号', '企业名称', '企业名称'], [1, '甲', '乙']])).expect(400);
    expect(partly.body).toMatchObject({ code: 'columns', duplicates: ['name'], headers: ['序号', '企业名称', '企业名称'] });
    const res = await postAs(w, w.office, '/api/ledger/imports/enterprises')
      .field('columns', JSON.stringify({ 公司: 'name', 代码: 'creditCode' }))
      .attach('file', bytes, 'x.xlsx')
      .expect(201);
    expect(res.body.batch.counts.create).toBe(1);
  });

  it.each([
    ['not an xlsx', Buffer.from('项目名称,所属产业链\n'), '不是 Excel 工作簿'],
    ['password-protected (OLE)', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), '设置了打开密码'],
    ['corrupt', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), '已损坏'],
    ['empty file', Buffer.alloc(0), '文件是空的'],
  ])('refuses a file that is %s, writing nothing', async (_, bytes, message) => {
    const before = await count('import_batch');
    const res = await upload(bytes).expect(400);
    expect(res.body.message).toContain(message);
    expect(await count('import_batch')).toBe(before);
  });

  it('refuses an empty sheet, merged cells and formulas without a result; reads saved results', async () => {
    expect((await upload(await xlsx([]))).body.message).toContain('工作表是空的');
    expect((await upload(await xlsx([['企业名称', '统一社会信用代码']]))).body.message).toContain('没有数据行');
    const merged = await xlsx([['企业名称', '统一社会信用代码'], ['甲公司', ''], ['乙公司', '']], (s) => s.mergeCells('B2:B3'));
    expect((await upload(merged).expect(400)).body.message).toContain('合并单元格（B2:B3）');
    const formula = await xlsx([['企业名称', '所在地区'], ['丙公司', { formula: 'A1&"x"' }]]);
    expect((await upload(formula).expect(400)).body.message).toContain('B2');
    const cached = await xlsx([['企业名称', '所在地区'], ['丁公司', { formula: '"格尔木"', result: '格尔木' }]]);
    const ok = await upload(cached).expect(201);
    expect(ok.body.batch.notices[0].zh).toContain('B2');
    expect(ok.body.rows[0].data.region).toBe('格尔木');
  });

  it('answers 413 with a clear message for a file over the limit', async () => {
    const res = await upload(Buffer.alloc(21 * 1024 * 1024, 1)).expect(413);
    expect(res.body.message).toContain('MB');
  });

  it('lets only the uploader, the office and admins see or commit an import', async () => {
    const res = await upload(await xlsx([['企业名称'], ['戊公司']]), 'e.xlsx', () => w.staff).expect(201);
    await w.otherStaff.get(`/api/ledger/imports/${res.body.batch.id}`).expect(404);
    await w.otherStaff.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(404);
    await w.admin.get(`/api/ledger/imports/${res.body.batch.id}`).expect(200);
    await w.leader.post('/api/ledger/imports/enterprises').expect(403);
  });
});
