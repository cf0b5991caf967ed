import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { LedgerIoJobsModule } from '../ledger-io.module';
import { LEDGER_SYNC_MAX_BYTES } from './ledger-preview.service';

describe('large imports through the worker', () => {
  let w: LedgerWorld;

  beforeAll(async () => {
    // The job's processor runs in this process, as the worker would run it.
    w = await createLedgerWorld({}, [LedgerIoJobsModule]);
  });
  afterAll(() => w.close());

  it('reads a 20,000-row sheet in the worker with progress, while the API keeps answering', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('企业库');
    sheet.addRow(['序号', '企业名称', '所有制', '所在地区']);
    for (let i = 1; i <= 20000; i++) sheet.addRow([i, `批量导入测试企业${i}有限公司`, i % 3 ? '民营' : '地方国企', '格尔木']);
    sheet.addRow([20001, '批量导入测试企业1有限公司', '', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(bytes.length).toBeGreaterThan(LEDGER_SYNC_MAX_BYTES);

    const queued = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'big.xlsx').expect(202);
    expect(queued.body.batch).toMatchObject({ status: 'queued', processedRows: 0 });
    const id = queued.body.batch.id;

    const seen = new Set<number>();
    let batch = queued.body.batch;
    const deadline = Date.now() + 90_000;
    while (batch.status === 'queued' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await w.office.get('/api/chains').expect(200);
      batch = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch;
      seen.add(batch.processedRows);
    }
    expect(batch).toMatchObject({ status: 'previewed', totalRows: 20001, processedRows: 20001 });
    expect(batch.counts).toEqual({ create: 20000, update: 0, skip: 0, error: 1 });
    expect(Math.max(...seen)).toBe(20001);
    // Progress was stored on the way (chunks of 1,000), not only at the end.
    expect([...seen].some((n) => n > 0 && n < 20001)).toBe(true);
    const errors = await w.office.get(`/api/ledger/imports/${id}?errors=true`).expect(200);
    expect(errors.body.rows).toEqual([expect.objectContaining({ row: 20002, action: 'error' })]);
    const [{ file }] = await w.t.dataSource.query(`SELECT file_content IS NULL AS file FROM import_batch WHERE id = $1`, [id]);
    expect(file).toBe(true);
  }, 120_000);

  it('marks a queued file the worker cannot read as failed, with the reason', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['备注']);
    for (let i = 0; i < 30000; i++) sheet.addRow([`第${i}行说明文字，不是企业名称`]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const queued = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'notes.xlsx').expect(202);
    let batch = queued.body.batch;
    const deadline = Date.now() + 60_000;
    while (batch.status === 'queued' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      batch = (await w.office.get(`/api/ledger/imports/${batch.id}?limit=0`).expect(200)).body.batch;
    }
    expect(batch.status).toBe('failed');
    expect(batch.failure).toContain('找不到表头');
    await w.office.post(`/api/ledger/imports/${batch.id}/commit`).expect(409);
  }, 90_000);
});
