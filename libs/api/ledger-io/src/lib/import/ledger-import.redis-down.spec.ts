import { type OwnRedisServer, QueueName, startRedisServer } from '@crm/api/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { LedgerIoJobsModule } from '../ledger-io.module';
import { LEDGER_SYNC_COMMIT_MAX_ROWS } from './ledger-commit.service';
import { LEDGER_IMPORT_JOB } from './ledger-import.job';
import { LEDGER_SYNC_MAX_BYTES } from './ledger-preview.service';

async function sheet(rows: number, name: string): Promise<Buffer> {
  const workbook = new Workbook();
  const ws = workbook.addWorksheet('企业库');
  ws.addRow(['序号', '企业名称', '所有制', '所在地区']);
  for (let i = 1; i <= rows; i++) ws.addRow([i, `${name}${i}有限公司`, i % 3 ? '民营' : '地方国企', '格尔木']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms && !(await check())) await new Promise((r) => setTimeout(r, 200));
}

describe('ledger imports while Redis is down', () => {
  let own: OwnRedisServer;
  let w: LedgerWorld;

  beforeAll(async () => {
    own = await startRedisServer();
    // The job's processor runs in this process, as the worker would run it.
    w = await createLedgerWorld({ REDIS_URL: own.url }, [LedgerIoJobsModule]);
  }, 60_000);
  afterAll(async () => {
    own.thaw();
    await w?.close();
    await own?.stop();
  }, 60_000);

  it('a large commit answers 503 with Retry-After within 2 s and changes nothing; once Redis is back it commits', async () => {
    const rows = LEDGER_SYNC_COMMIT_MAX_ROWS + 200;
    const bytes = await sheet(rows, 'Redis停机确认测试企业');
    expect(bytes.length).toBeLessThanOrEqual(LEDGER_SYNC_MAX_BYTES);
    const preview = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'commit.xlsx').expect(201);
    const id = preview.body.batch.id;
    expect(preview.body.batch).toMatchObject({ status: 'previewed', counts: { create: rows } });

    await own.stop();
    const started = Date.now();
    const refused = await w.office.post(`/api/ledger/imports/${id}/commit`).timeout(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body.message).toContain('后台任务暂不可用');
    expect(refused.body.message).toContain('try again');
    // Nothing changed: still previewed, not claimed, so it can be confirmed again.
    const during = await w.office.get(`/api/ledger/imports/${id}?limit=0`).timeout(10_000).expect(200);
    expect(during.body.batch).toMatchObject({ status: 'previewed', committing: false });

    await own.start();
    let accepted = { status: 0 };
    await until(async () => {
      accepted = await w.office.post(`/api/ledger/imports/${id}/commit`).timeout(10_000);
      return accepted.status !== 503;
    }, 30_000);
    expect(accepted.status).toBe(202);
    let status = '';
    await until(async () => {
      status = (await w.office.get(`/api/ledger/imports/${id}?limit=0`).expect(200)).body.batch.status;
      return status === 'committed';
    }, 120_000);
    expect(status).toBe('committed');
  }, 180_000);

  it('a large upload answers 202 within 2 s and is kept in PostgreSQL, queued with its file, for the worker to enqueue', async () => {
    const bytes = await sheet(15000, 'Redis停机上传测试企业');
    expect(bytes.length).toBeGreaterThan(LEDGER_SYNC_MAX_BYTES);
    await own.stop();
    const started = Date.now();
    const res = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bytes, 'big.xlsx').timeout(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(202);
    expect(res.body.batch).toMatchObject({ status: 'queued' });
    const [row] = await w.t.dataSource.query(
      `SELECT status, file_content IS NOT NULL AS kept FROM import_batch WHERE id = $1`,
      [res.body.batch.id],
    );
    expect(row).toEqual({ status: 'queued', kept: true });

    // Redis back: what the worker's outbox does with a queued batch (same job id), and it is read.
    await own.start();
    const queue = w.t.app.get<Queue>(getQueueToken(QueueName.LedgerImport));
    await queue.add(LEDGER_IMPORT_JOB, { batchId: res.body.batch.id }, { jobId: res.body.batch.id });
    let status = '';
    await until(async () => {
      status = (await w.office.get(`/api/ledger/imports/${res.body.batch.id}?limit=0`).expect(200)).body.batch.status;
      return status !== 'queued';
    }, 120_000);
    expect(status).toBe('previewed');
  }, 180_000);
});
