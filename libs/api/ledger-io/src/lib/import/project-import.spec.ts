import { EVALUATION_DIMENSIONS } from '@crm/domain';
import { loadSamplePipeline } from '@crm/migrations';
import { Workbook } from 'exceljs';
import { binary, createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';

const HEADERS = ['序号', '项目名称', '所属产业链', '投资方', '统一社会信用代码', '项目阶段', '责任单位', '计划总投资（亿元）', '签约金额（万元）', '签约日期', '协议编号'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('重点项目');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('project import', () => {
  let w: LedgerWorld;
  const snapshot = () =>
    w.t.dataSource.query(
      `SELECT id, version, stage, signed_amount, planned_investment, enterprise_id FROM project ORDER BY id`,
    );
  const count = async (table: string): Promise<number> =>
    (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM ${table}`))[0].n;
  const upload = (bytes: Buffer, agent = () => w.office) =>
    postAs(w, agent(), '/api/ledger/imports/projects').attach('file', bytes, '重点项目动态管理表.xlsx');

  beforeAll(async () => {
    w = await createLedgerWorld();
    await loadSamplePipeline(w.t.dataSource.manager);
  });
  afterAll(() => w.close());

  it('reports exactly the bad rows of a mixed sheet, each by row and column, and commits the good ones in one go', async () => {
    const bytes = await xlsx([
      HEADERS,
      [1, '导入测试光伏组件项目', '清洁能源产业链', '导入测试新能源有限公司', '', '信息收集', '市能源局', 1.5, '', '', ''],
      [2, '导入测试未知链项目', '新材料产业链', '某公司', '', '信息收集', '市能源局', '', '', '', ''],
      [3, '导入测试坏代码项目', '清洁能源', '某公司', '91632801MA7YYYYY2X', '信息收集', '市能源局', '', '', '', ''],
      [4, '导入测试金额项目', '清洁能源', '某公司', '', '信息收集', '市能源局', '约三亿', '', '', ''],
      [5, '导入测试阶段项目', '清洁能源', '某公司', '', '立项', '市能源局', '', '', '', ''],
      [6, '导入测试门槛项目', '清洁能源', '某公司', '', '项目签约', '市能源局', 2, '', '', ''],
      [7, '导入测试签约项目', '盐湖化工', '导入测试锂业有限公司', '', '项目签约', '昆仑经济技术开发区管委会', '3', '30,000万元', '2025年3月1日', 'XY-2025-01'],
      [8, '导入测试日期项目', '清洁能源', '某公司', '', '项目签约', '市能源局', 1, 10000, '2025-02-30', 'XY-2025-02'],
      [9, '导入测试洽谈项目', '清洁能源', '某公司', '', '对接洽谈', '市能源局', 1, '', '', ''],
    ]);
    const before = await snapshot();
    const res = await upload(bytes).expect(201);
    const rows: { row: number; action: string; data: Record<string, unknown>; errors: { column: string | null; header: string | null; zh: string }[] }[] =
      res.body.rows;
    expect(rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
      [10, 'error'],
    ]);
    // The Chinese file name as the browser sent it (multer reads it as Latin-1), and the name of a row in error.
    expect(res.body.batch.fileName).toBe('重点项目动态管理表.xlsx');
    expect(res.body.rows.find((r: { row: number }) => r.row === 3).data).toEqual({ name: '导入测试未知链项目' });
    const first = (n: number) => rows.find((r) => r.row === n)?.errors ?? [];
    expect(first(3)).toEqual([expect.objectContaining({ column: 'C', header: '所属产业链', zh: expect.stringContaining('产业链“新材料产业链”不存在') })]);
    expect(first(4)).toEqual([expect.objectContaining({ column: 'E', zh: expect.stringContaining('校验位') })]);
    expect(first(5)).toEqual([expect.objectContaining({ column: 'H', header: '计划总投资（亿元）', zh: expect.stringContaining('金额不是数字') })]);
    expect(first(6)).toEqual([expect.objectContaining({ column: 'F', zh: expect.stringContaining('不是七个环节之一') })]);
    // A new project starts as a lead: signing asks for the pipeline's records too, as the stage-move route does.
    expect(first(7).map((e) => e.zh)).toEqual([
      expect.stringContaining('请至少登记一次对接'),
      expect.stringContaining('请先发起项目评估'),
      expect.stringContaining('签约前须有结论为“通过”或“有条件通过”的项目评估'),
      expect.stringContaining('请填写签约金额'),
      expect.stringContaining('请填写签约日期'),
      expect.stringContaining('请填写协议编号'),
    ]);
    // Amounts in 万元 with a unit and Chinese dates are read (the row is refused at the gate only).
    expect(rows.find((r) => r.row === 8)?.data).toMatchObject({ signedAmount: '30000', signedOn: '2025-03-01', agreementRef: 'XY-2025-01' });
    expect(first(8).map((e) => e.zh)).toEqual([
      expect.stringContaining('请至少登记一次对接'),
      expect.stringContaining('请先发起项目评估'),
      expect.stringContaining('签约前须有结论'),
    ]);
    expect(first(9)).toEqual([expect.objectContaining({ column: 'J', header: '签约日期', zh: expect.stringContaining('日期不存在') })]);
    expect(first(10)).toEqual([expect.objectContaining({ column: 'F', header: '项目阶段', zh: expect.stringContaining('请至少登记一次对接') })]);
    expect(await snapshot()).toEqual(before);

    // The office serves no chain: it names a default owner among the chain's staff, and never becomes one.
    expect(res.body.batch.notices.map((n: { zh: string }) => n.zh)).toEqual([expect.stringContaining('未填写项目负责人：清洁能源产业链（第2行）')]);
    // The preview itself lists the chain whose owner must be chosen, with the staff who may own it.
    expect(res.body.batch.ownerless).toEqual([
      { chain: 'clean-energy', name: '清洁能源产业链', rows: [2], candidates: expect.arrayContaining([expect.objectContaining({ id: w.staff.user.id })]) },
    ]);
    const audits = await count('audit_log');
    const ownerless = await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(422);
    expect(ownerless.body.message).toContain('清洁能源产业链（第2行）');
    expect(ownerless.body.ownerless).toEqual([
      { chain: 'clean-energy', name: '清洁能源产业链', rows: [2], candidates: expect.arrayContaining([expect.objectContaining({ id: w.staff.user.id })]) },
    ]);
    expect(ownerless.body.ownerless[0].candidates.map((c: { id: string }) => c.id)).not.toContain(w.office.user.id);
    const office = await w.office
      .post(`/api/ledger/imports/${res.body.batch.id}/commit`, { defaultOwners: { 'clean-energy': w.office.user.id } })
      .expect(422);
    expect(office.body.message).toContain('不是清洁能源产业链责任单位的专班工作人员');
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`, { defaultOwners: { 'clean-energy': 'x' } }).expect(400);
    expect(await snapshot()).toEqual(before);
    expect(await count('audit_log')).toBe(audits);

    await w.office
      .post(`/api/ledger/imports/${res.body.batch.id}/commit`, { defaultOwners: { 'clean-energy': w.staff.user.id } })
      .expect(200);
    const created = await w.t.dataSource.query(
      `SELECT name, stage, planned_investment::text AS planned, owner_id AS owner FROM project WHERE name LIKE '导入测试%' ORDER BY name`,
    );
    expect(created).toEqual([{ name: '导入测试光伏组件项目', stage: 'lead', planned: '15000.000000', owner: w.staff.user.id }]);
    const [{ n }] = await w.t.dataSource.query(
      `SELECT count(*)::integer AS n FROM audit_log WHERE entity_type = 'project' AND action = 'create' AND after->>'reason' = '台账导入'`,
    );
    expect(n).toBe(1);
    // Each created row now names the project it made.
    const after = (await w.office.get(`/api/ledger/imports/${res.body.batch.id}`).expect(200)).body.rows;
    const made = await w.t.dataSource.query(`SELECT id FROM project WHERE name LIKE '导入测试%' ORDER BY id`);
    expect(after.filter((r: { action: string }) => r.action === 'create').map((r: { targetId: string }) => r.targetId).sort()).toEqual(
      made.map((p: { id: string }) => p.id).sort(),
    );

    const again = await upload(bytes).expect(201);
    expect(again.body.batch.counts).toEqual({ create: 0, update: 0, skip: 1, error: 8 });
  });

  it('lets staff import only into the chains their unit serves, as owners of what they import', async () => {
    const bytes = await xlsx([
      HEADERS,
      [1, '导入测试员工项目', '清洁能源', '某公司', '', '信息收集', '市数据局', '', '', '', ''],
      [2, '导入测试他链项目', '文化旅游', '某公司', '', '信息收集', '市数据局', '', '', '', ''],
    ]);
    const res = await upload(bytes, () => w.staff).expect(201);
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'error']);
    expect(res.body.rows[1].errors[0].zh).toContain('不负责');
    await w.staff.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const [{ id, owner, version }] = await w.t.dataSource.query(
      `SELECT id, owner_id AS owner, version FROM project WHERE name = '导入测试员工项目'`,
    );
    expect(owner).toBe(w.staff.user.id);
    // The chain's staff save the imported project unchanged without a complaint about its owner.
    await w.staff.patch(`/api/projects/${id}`, { version }).expect(200);
  });

  it('names the owner per row: a staff user of the chain, refused when outside it or unknown', async () => {
    const headers = [...HEADERS, '项目负责人'];
    const bytes = await xlsx([
      headers,
      [1, '导入测试负责人项目', '清洁能源', '某公司', '', '信息收集', '市能源局', '', '', '', '', w.staff.user.username],
      [2, '导入测试他链负责人项目', '清洁能源', '某公司', '', '信息收集', '市能源局', '', '', '', '', w.otherStaff.user.username],
      [3, '导入测试无名负责人项目', '清洁能源', '某公司', '', '信息收集', '市能源局', '', '', '', '', '查无此人'],
      [4, '导入测试单位项目', '清洁能源', '某公司', '', '信息收集', '市文体旅游广电局', '', '', '', '', w.staff.user.username],
    ]);
    const res = await upload(bytes).expect(201);
    const rows: { action: string; errors: { header: string; zh: string }[] }[] = res.body.rows;
    expect(rows.map((r) => r.action)).toEqual(['create', 'error', 'error', 'error']);
    expect(rows[1].errors).toEqual([expect.objectContaining({ header: '项目负责人', zh: expect.stringContaining('不是清洁能源产业链责任单位的专班工作人员') })]);
    expect(rows[2].errors).toEqual([expect.objectContaining({ header: '项目负责人', zh: expect.stringContaining('不是在职的专班工作人员账号') })]);
    expect(rows[3].errors).toEqual([expect.objectContaining({ header: '责任单位', zh: expect.stringContaining('不负责清洁能源产业链') })]);
    // Every new row names its owner: no default is needed.
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const [{ owner }] = await w.t.dataSource.query(`SELECT owner_id AS owner FROM project WHERE name = '导入测试负责人项目'`);
    expect(owner).toBe(w.staff.user.id);
  });

  it('moves a matched project forward through the same gates as the pipeline, and refuses to move one back', async () => {
    const step1 = await xlsx([HEADERS, [1, '导入测试推进项目', '清洁能源', '某公司', '', '信息收集', '市能源局', 1, '', '', '']]);
    const a = await upload(step1).expect(201);
    await w.office.post(`/api/ledger/imports/${a.body.batch.id}/commit`, { defaultOwners: { 'clean-energy': w.staff.user.id } }).expect(200);
    const [{ id }] = await w.t.dataSource.query(`SELECT id FROM project WHERE name = '导入测试推进项目'`);
    const step2 = await xlsx([HEADERS, [1, '导入测试推进项目', '清洁能源', '某公司', '', '项目签约', '市能源局', 1, 8000, 45717, 'TJ-1']]);
    const refused = await upload(step2).expect(201);
    expect(refused.body.rows[0].action).toBe('error');
    expect(refused.body.rows[0].errors.map((e: { zh: string }) => e.zh)).toEqual([
      expect.stringContaining('请至少登记一次对接'),
      expect.stringContaining('请先发起项目评估'),
      expect.stringContaining('签约前须有结论'),
    ]);

    // The records the gates ask for, through the pipeline.
    await w.staff
      .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: '2025-01-10', summary: '赴企业总部走访', ourParticipants: ['张三'] })
      .expect(201);
    const opened = await w.staff
      .post(`/api/projects/${id}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
        eliminatedCategory: false,
      })
      .expect(201);
    await w.staff
      .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, { conclusion: 'pass', concludedOn: '2025-02-01', version: opened.body.version })
      .expect(200);

    const b = await upload(step2).expect(201);
    expect(b.body.rows[0]).toMatchObject({ action: 'update', changes: { after: expect.objectContaining({ stage: 'signed' }) } });
    const moves = await count('project_stage_move');
    await w.office.post(`/api/ledger/imports/${b.body.batch.id}/commit`).expect(200);
    const [p] = await w.t.dataSource.query(`SELECT stage, signed_amount::text AS s, signed_on::text AS d, stage_since::text AS since FROM project WHERE name = '导入测试推进项目'`);
    expect(p).toEqual({ stage: 'signed', s: '8000.000000', d: '2025-03-01', since: '2025-03-01' });
    expect(await count('project_stage_move')).toBe(moves + 1);
    const [audit] = await w.t.dataSource.query(
      `SELECT after->>'reason' AS reason FROM audit_log WHERE project_id = $1 AND action = 'stage-move' ORDER BY at DESC, id DESC LIMIT 1`,
      [id],
    );
    expect(audit.reason).toBe('台账导入');
    const back = await upload(step1).expect(201);
    expect(back.body.rows[0].errors[0].zh).toContain('退回');
  });

  it('commits one of two previews of the same new projects: the second is refused and writes nothing', async () => {
    const bytes = await xlsx([HEADERS, [1, '导入测试重复预览项目', '清洁能源', '某公司', '', '信息收集', '市能源局', '', '', '', '']]);
    const a = await upload(bytes).expect(201);
    const b = await upload(bytes).expect(201);
    expect(b.body.batch.counts.create).toBe(1);
    const owners = { defaultOwners: { 'clean-energy': w.staff.user.id } };
    await w.office.post(`/api/ledger/imports/${a.body.batch.id}/commit`, owners).expect(200);
    const refused = await w.office.post(`/api/ledger/imports/${b.body.batch.id}/commit`, owners).expect(409);
    expect(refused.body.message).toContain('第2行');
    const [{ n }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project WHERE name = '导入测试重复预览项目'`);
    expect(n).toBe(1);
  });

  it('round trip (last, after the other tests gave projects amounts, dates and stages): the exported list and the key-project table import back with nothing changed', async () => {
    for (const path of ['/api/ledger/exports/projects', '/api/ledger/exports/key-projects']) {
      const before = await snapshot();
      const exported = await binary(w.office.get(path)).expect(200);
      const res = await upload(exported.body as Buffer).expect(201);
      const notSkipped = (await w.office.get(`/api/ledger/imports/${res.body.batch.id}?limit=5000`).expect(200)).body.rows.filter(
        (r: { action: string }) => r.action !== 'skip',
      );
      expect(notSkipped).toEqual([]);
      expect(res.body.batch.counts.skip).toBe(res.body.batch.totalRows);
      await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
      expect(await snapshot()).toEqual(before);
    }
  });
});
