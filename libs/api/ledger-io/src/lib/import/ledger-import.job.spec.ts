import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { LedgerIoJobsModule } from '../ledger-io.module';
import { LEDGER_SYNC_MAX_BYTES } from './ledger-preview.service';

describe('large imports through the worker', () => {
  let w: LedgerWorld;
  /** The 20,000-row batch previewed by the first test, committed by the second. */
  let bigBatch = '';
  let bigFile = Buffer.alloc(0);

  beforeAll(async () => {
    // The job's processor runs in this process, as the worker would run it.
    w = await createLedgerWorld({}, [LedgerIoJobsModule]);
  });
  afterAll(() => w.close(), 120_000);

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
    bigBatch = id;
    bigFile = bytes;

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

  it('commits the 20,000 rows in the worker, in one transaction, with progress, while the API keeps answering; the same file again changes nothing', async () => {
    const count = async () => (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM enterprise`))[0].n as number;
    const before = await count();
    const accepted = await w.office.post(`/api/ledger/imports/${bigBatch}/commit`).expect(202);
    expect(accepted.body).toMatchObject({ status: 'previewed', committing: true, commitProgress: { processed: 0, total: 20000 } });
    // A second confirmation while the worker writes is refused, not run twice.
    await w.office.post(`/api/ledger/imports/${bigBatch}/commit`).expect(409);

    let batch = accepted.body;
    const seen: number[] = [];
    const counts = new Set<number>();
    // Generous: the machine running the suite may be busy (about 15-40 s alone).
    const deadline = Date.now() + 240_000;
    while (batch.status !== 'committed' && !batch.failure && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await w.office.get('/api/chains').expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
      batch = (await w.office.get(`/api/ledger/imports/${bigBatch}?limit=0`).expect(200)).body.batch;
      if (batch.commitProgress) seen.push(batch.commitProgress.processed);
      // One transaction: nothing is visible until the whole batch is in.
      if (batch.status !== 'committed') counts.add(await count());
    }
    expect(batch).toMatchObject({ status: 'committed', committing: false, failure: null });
    expect(seen.some((n) => n > 0 && n < 20000)).toBe(true);
    expect([...counts].every((n) => n === before)).toBe(true);
    expect(await count()).toBe(before + 20000);

    const again = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bigFile, 'big.xlsx').expect(202);
    let preview = again.body.batch;
    while (preview.status === 'queued' && Date.now() < deadline + 120_000) {
      await new Promise((r) => setTimeout(r, 200));
      preview = (await w.office.get(`/api/ledger/imports/${preview.id}?limit=0`).expect(200)).body.batch;
    }
    expect(preview.counts).toEqual({ create: 0, update: 0, skip: 20000, error: 1 });
  }, 420_000);

  it('refuses the second of two previews of the same file that would create the same records', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('企业库');
    sheet.addRow(['企业名称', '所在地区']);
    for (let i = 1; i <= 1200; i++) sheet.addRow([`重复预览测试企业${i}有限公司`, '格尔木']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const first = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'a.xlsx').expect(201);
    const second = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'a.xlsx').expect(201);
    const waitFor = async (id: string) => {
      let b = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch;
      const deadline = Date.now() + 60_000;
      while (b.committing && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        b = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch;
      }
      return b;
    };
    await w.office.post(`/api/ledger/imports/${first.body.batch.id}/commit`).expect(202);
    expect(await waitFor(first.body.batch.id)).toMatchObject({ status: 'committed' });
    await w.office.post(`/api/ledger/imports/${second.body.batch.id}/commit`).expect(202);
    const failed = await waitFor(second.body.batch.id);
    expect(failed).toMatchObject({ status: 'previewed', committing: false, failure: expect.stringContaining('重新上传') });
    const [{ n }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM enterprise WHERE name LIKE '重复预览测试企业%'`);
    expect(n).toBe(1200);
  }, 120_000);

  it('marks a queued file the worker cannot read as failed, with the reason and the headers to map', async () => {
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
    expect(batch.columns).toEqual([{ column: 'A', header: '备注', field: null, unit: null }]);
    await w.office.post(`/api/ledger/imports/${batch.id}/commit`).expect(409);
  }, 90_000);
});
