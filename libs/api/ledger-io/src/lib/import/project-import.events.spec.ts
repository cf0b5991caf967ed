import { Workbook } from 'exceljs';
import { createLedgerWorld, downloadSheet, postAs, type LedgerWorld } from '../../test/ledger-world';

const HEADERS = ['序号', '项目名称', '所属产业链', '投资方', '项目阶段', '责任单位', '联系人', '联系电话', '招商活动'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('重点项目');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The ledgers carry 联系人, 联系电话 and 招商活动 (issue 20 §6): mapped, not ignored; through the
 * same preview and commit. The contact is kept on the project's 备注 (one line, added once); the
 * event is linked by its name; the export names the event.
 */
describe('project import: contacts and events', () => {
  let w: LedgerWorld;
  const upload = (bytes: Buffer) =>
    postAs(w, w.staff, '/api/ledger/imports/projects').attach('file', bytes, '重点项目动态管理表.xlsx');

  beforeAll(async () => {
    w = await createLedgerWorld();
    await w.t.dataSource.query(
      `INSERT INTO promotion_event (name, normalised_name, kind, starts_on, ends_on, created_at, updated_at)
       VALUES ('第二十五届青洽会', '第二十五届青洽会', 'fair', '2025-07-06', '2025-07-09', now(), now())`,
    );
  });
  afterAll(() => w.close());

  it('maps the columns, refuses a bad phone, a phone without a name and an unknown event by row and column, links and notes the rest', async () => {
    const res = await upload(
      await xlsx([
        HEADERS,
        [1, '导入活动光伏项目', '清洁能源', '导入活动新能源公司', '信息收集', '市数据局', '张伟', '139 1234 5678', '第二十五届青洽会'],
        [2, '导入活动未知项目', '清洁能源', '某公司', '信息收集', '市数据局', '', '', '不存在的推介会'],
        [3, '导入活动坏号码项目', '清洁能源', '某公司', '信息收集', '市数据局', '李四', '12345', ''],
        [4, '导入活动无名项目', '清洁能源', '某公司', '信息收集', '市数据局', '', '0979-8412345', ''],
      ]),
    ).expect(201);
    const rows: { row: number; action: string; errors: { header: string; zh: string }[] }[] = res.body.rows;
    expect(rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
    ]);
    expect(res.body.mapping?.unknown ?? []).not.toContain('联系人');
    expect(rows[1].errors).toEqual([expect.objectContaining({ header: '招商活动', zh: expect.stringContaining('不存在的推介会') })]);
    expect(rows[2].errors).toEqual([expect.objectContaining({ header: '联系电话', zh: expect.stringContaining('不是有效的手机号码') })]);
    expect(rows[3].errors).toEqual([expect.objectContaining({ header: '联系人', zh: expect.stringContaining('请同时填写联系人') })]);

    await w.staff.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const [project] = await w.t.dataSource.query(
      `SELECT p.id, p.notes, e.name AS event FROM project p LEFT JOIN promotion_event e ON e.id = p.event_id WHERE p.name = '导入活动光伏项目'`,
    );
    expect(project).toMatchObject({ notes: '联系人：张伟（13912345678）', event: '第二十五届青洽会' });
    // The contact's name finds the project in the list's search.
    const found = await w.staff.get(`/api/projects?q=${encodeURIComponent('张伟')}`).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(project.id);

    // The same file again changes nothing; a new contact is added to the 备注 once.
    const again = await upload(
      await xlsx([HEADERS, [1, '导入活动光伏项目', '清洁能源', '导入活动新能源公司', '信息收集', '市数据局', '张伟', '13912345678', '第二十五届青洽会']]),
    ).expect(201);
    expect(again.body.rows.map((r: { action: string }) => r.action)).toEqual(['skip']);
    const other = await upload(
      await xlsx([HEADERS, [1, '导入活动光伏项目', '清洁能源', '导入活动新能源公司', '信息收集', '市数据局', '王芳', '', '']]),
    ).expect(201);
    expect(other.body.rows[0]).toMatchObject({
      action: 'update',
      changes: { before: { notes: '联系人：张伟（13912345678）' }, after: { notes: '联系人：张伟（13912345678）\n联系人：王芳' } },
    });
    await w.staff.post(`/api/ledger/imports/${other.body.batch.id}/commit`).expect(200);
    const [{ notes, event_id }] = await w.t.dataSource.query(`SELECT notes, event_id FROM project WHERE id = $1`, [project.id]);
    expect(notes).toBe('联系人：张伟（13912345678）\n联系人：王芳');
    // An empty 招商活动 cell leaves the link as it is.
    expect(event_id).not.toBeNull();
  });

  it('the export names each project’s event, under the header the import reads back', async () => {
    const { sheet } = await downloadSheet(w.office.get('/api/ledger/exports/projects'));
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const col = headers.indexOf('招商活动');
    const nameCol = headers.indexOf('项目名称');
    expect(col).toBeGreaterThan(0);
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(nameCol).value === '导入活动光伏项目') {
        expect(row.getCell(col).value).toBe('第二十五届青洽会');
        found = true;
      }
    });
    expect(found).toBe(true);
  });
});
