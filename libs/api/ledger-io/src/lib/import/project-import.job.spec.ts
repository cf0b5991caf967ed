import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { LedgerIoJobsModule } from '../ledger-io.module';
import { LEDGER_SYNC_COMMIT_MAX_ROWS } from './ledger-commit.service';

/**
 * A large project import is committed by the worker through the project writer, with the default
 * owner the office chose on commit kept on the batch; without one, the worker's commit is refused
 * (nothing written) and the batch says why.
 */
describe('a large project import committed by the worker', () => {
  let w: LedgerWorld;
  const rows = LEDGER_SYNC_COMMIT_MAX_ROWS + 1;

  beforeAll(async () => {
    // The job's processor runs in this process, as the worker would run it.
    w = await createLedgerWorld({}, [LedgerIoJobsModule]);
  });
  afterAll(() => w.close(), 120_000);

  async function settle(id: string) {
    const deadline = Date.now() + 120_000;
    let batch = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch;
    while (batch.committing && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      batch = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch;
    }
    return batch;
  }

  it('refuses without an owner, then commits with the default owner chosen for the chain', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('重点项目');
    sheet.addRow(['项目名称', '所属产业链', '投资方', '项目阶段', '责任单位']);
    for (let i = 1; i <= rows; i++) sheet.addRow([`批量线索项目${i}`, '清洁能源', `批量投资方${i}有限公司`, '信息收集', '市能源局']);
    const preview = await postAs(w, w.office, '/api/ledger/imports/projects')
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'big-projects.xlsx');
    let batch = preview.body.batch;
    while (batch.status === 'queued') {
      await new Promise((r) => setTimeout(r, 250));
      batch = (await w.office.get(`/api/ledger/imports/${batch.id}?limit=0`).expect(200)).body.batch;
    }
    expect(batch.counts).toEqual({ create: rows, update: 0, skip: 0, error: 0 });
    const id = batch.id;

    await w.office.post(`/api/ledger/imports/${id}/commit`).expect(202);
    const refused = await settle(id);
    expect(refused.status).toBe('previewed');
    expect(refused.failure).toContain('没有项目负责人');
    const [{ n: none }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project WHERE name LIKE '批量线索项目%'`);
    expect(none).toBe(0);

    await w.office.post(`/api/ledger/imports/${id}/commit`, { defaultOwners: { 'clean-energy': w.staff.user.id } }).expect(202);
    const done = await settle(id);
    expect(done).toMatchObject({ status: 'committed', failure: null });
    const [made] = await w.t.dataSource.query(
      `SELECT count(*)::integer AS n, count(*) FILTER (WHERE owner_id = $1)::integer AS owned,
              count(*) FILTER (WHERE stage = 'lead')::integer AS leads
       FROM project WHERE name LIKE '批量线索项目%'`,
      [w.staff.user.id],
    );
    expect(made).toEqual({ n: rows, owned: rows, leads: rows });
    const [{ n: audited }] = await w.t.dataSource.query(
      `SELECT count(*)::integer AS n FROM audit_log a JOIN project p ON p.id = a.project_id
       WHERE p.name LIKE '批量线索项目%' AND a.action = 'create' AND a.after->>'reason' = '台账导入'`,
    );
    expect(audited).toBe(rows);
  }, 300_000);
});
