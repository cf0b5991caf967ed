import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';

const HEADERS = ['序号', '项目名称', '所属产业链', '投资方', '项目阶段', '责任单位', '联系人', '联系电话'];
const FIRM = '导入联系人储能科技有限公司';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('重点项目');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface PreviewRow {
  row: number;
  action: string;
  data: { contact?: { action: string; name: string; mobileMasked: string | null; landline: string | null } };
  changes: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

/**
 * The ledger's 联系人/联系电话 (issue 20 §6) become contacts of the project's firm, written by the
 * contacts' own writer: shown in the preview, created once per person (the same file twice, or the
 * same person on two rows, makes no duplicate), linked to the projects, audited like the form's.
 */
describe('project import: contacts of the firm', () => {
  let w: LedgerWorld;
  let firmId: string;
  const upload = (bytes: Buffer) => postAs(w, w.staff, '/api/ledger/imports/projects').attach('file', bytes, '重点项目动态管理表.xlsx');
  const contacts = () =>
    w.t.dataSource.query(
      `SELECT c.id, c.name, c.mobile, c.landline, c.created_by,
              ARRAY(SELECT p.name FROM project_contact pc JOIN project p ON p.id = pc.project_id WHERE pc.contact_id = c.id) AS projects
       FROM enterprise_contact c WHERE c.enterprise_id = $1 ORDER BY c.name`,
      [firmId],
    ).then((rows: { id: string; name: string; mobile: string | null; landline: string | null; created_by: string; projects: string[] }[]) =>
      rows.map((r) => ({ ...r, projects: [...r.projects].sort() })),
    );
  const file = [
    HEADERS,
    [1, '导入联系人储能一期', '清洁能源', FIRM, '信息收集', '市数据局', '张伟', '139 1234 5678'],
    [2, '导入联系人储能二期', '清洁能源', FIRM, '信息收集', '市数据局', '张伟', ''],
    [3, '导入联系人储能三期', '清洁能源', FIRM, '信息收集', '市数据局', '王芳', '0979-8412345'],
  ];

  beforeAll(async () => {
    w = await createLedgerWorld();
    [{ id: firmId }] = await w.t.dataSource.query(
      `INSERT INTO enterprise (name, normalised_name, created_at, updated_at) VALUES ($1, $1, now(), now()) RETURNING id`,
      [FIRM],
    );
  });
  afterAll(() => w.close());

  it('previews each row’s contact, creates each person once on commit, linked and audited', async () => {
    const res = await upload(await xlsx(file)).expect(201);
    const rows: PreviewRow[] = res.body.rows;
    expect(rows.map((r) => [r.action, r.data.contact?.action, r.data.contact?.name])).toEqual([
      ['create', 'create', '张伟'],
      // The same person on a later row of the file: linked, not created again.
      ['create', 'link', '张伟'],
      ['create', 'create', '王芳'],
    ]);
    expect(rows[0].data.contact).toMatchObject({ mobileMasked: '139****5678', landline: null });
    expect(rows[2].data.contact).toMatchObject({ mobileMasked: null, landline: '0979-8412345' });
    expect(await contacts()).toEqual([]);

    await w.staff.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const made = await contacts();
    expect(made.map((c) => [c.name, c.mobile, c.landline, c.projects])).toEqual([
      ['张伟', '13912345678', null, ['导入联系人储能一期', '导入联系人储能二期'].sort()],
      ['王芳', null, '0979-8412345', ['导入联系人储能三期']],
    ]);
    // The 备注 is not where contacts go when the firm is in the library.
    const notes: { notes: string | null }[] = await w.t.dataSource.query(`SELECT notes FROM project WHERE enterprise_id = $1`, [firmId]);
    expect(notes.every((n) => n.notes === null)).toBe(true);
    // Audited as the form's writes: who, which contact, the personal fields fingerprinted, never their values.
    const audit: { action: string; entity_id: string; username: string; after: Record<string, unknown> }[] = await w.t.dataSource.query(
      `SELECT action, entity_id, username, after FROM audit_log WHERE entity_type = 'contact' AND entity_id = ANY ($1::text[]) ORDER BY id`,
      [made.map((c) => c.id)],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'create', 'update']);
    expect(JSON.stringify(audit)).not.toContain('13912345678');
    // The staff member who imported sees the contacts, the mobile masked.
    const listed = await w.staff.get(`/api/contacts?enterpriseId=${firmId}`).expect(200);
    expect(listed.body.items.map((c: { name: string; mobileMasked: string | null }) => [c.name, c.mobileMasked])).toEqual([
      ['张伟', '139****5678'],
      ['王芳', null],
    ]);
  });

  it('the same file again changes nothing: no duplicate contact', async () => {
    const before = await contacts();
    const again = await upload(await xlsx(file)).expect(201);
    expect(again.body.rows.map((r: PreviewRow) => [r.action, r.data.contact?.action])).toEqual([
      ['skip', 'unchanged'],
      ['skip', 'unchanged'],
      ['skip', 'unchanged'],
    ]);
    expect(await contacts()).toEqual(before);
  });

  it('a new phone updates the person (matched by name), a known mobile under another name adds no one', async () => {
    const res = await upload(
      await xlsx([
        HEADERS,
        [1, '导入联系人储能一期', '清洁能源', FIRM, '信息收集', '市数据局', '张伟', '13800001111'],
        [2, '导入联系人储能三期', '清洁能源', FIRM, '信息收集', '市数据局', '王经理', '13800001111'],
      ]),
    ).expect(201);
    const rows: PreviewRow[] = res.body.rows;
    expect(rows.map((r) => [r.action, r.data.contact?.action])).toEqual([
      ['update', 'update'],
      ['update', 'link'],
    ]);
    expect(rows[0].changes).toEqual({ before: { contact: '张伟' }, after: { contact: '张伟' } });
    await w.staff.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const now = await contacts();
    expect(now.map((c) => [c.name, c.mobile, c.projects])).toEqual([
      ['张伟', '13800001111', ['导入联系人储能一期', '导入联系人储能三期', '导入联系人储能二期'].sort()],
      ['王芳', null, ['导入联系人储能三期']],
    ]);
  });
});
