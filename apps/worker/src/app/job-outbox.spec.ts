import { JobsModule, type OwnRedisServer, QueueModule, QueueName, startRedisServer } from '@crm/api/core';
import { ReportingJobsModule, ReportingModule } from '@crm/api/reporting';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Module } from '@nestjs/common';
import { JobOutbox } from './job-outbox';

/** The worker's outbox beside the reporting area, as the worker runs it. */
@Module({
  imports: [JobsModule.forQueue(QueueName.Reporting), BullModule.registerQueue({ name: QueueName.LedgerImport })],
  providers: [JobOutbox],
})
class OutboxModule {}

describe('a roll-up export asked for while Redis is down', () => {
  let own: OwnRedisServer;
  let t: TestApp;
  let office: SignedInAgent;
  // This month in Shanghai, from the clock the app runs on.
  const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

  beforeAll(async () => {
    own = await startRedisServer();
    t = await createTestApp([QueueModule, ReportingModule, ReportingJobsModule, OutboxModule], {
      REDIS_URL: own.url,
      SIGN_IN_RATE_PER_MINUTE: '1000',
    });
    office = await signInAs(t, { roles: ['office'] });
    await office.post(`/api/roll-ups/${period}/build`, {}).expect(200);
  }, 120_000);

  afterAll(async () => {
    own.thaw();
    await t?.close();
    await own?.stop();
  });

  async function state(id: string): Promise<string> {
    const { body } = await office.get(`/api/roll-ups/exports/${id}`).expect(200);
    return body.state;
  }

  async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('answers within 2 s with Redis stopped, and the export is built once Redis is back', async () => {
    await own.stop();
    const started = Date.now();
    const res = await office.post(`/api/roll-ups/${period}/exports`, { format: 'xlsx' }).timeout(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ state: 'queued', period, format: 'xlsx' });

    await own.start();
    // The worker's outbox hands Redis what is still queued (it runs on reconnect and at an interval).
    expect(await t.app.get(JobOutbox).enqueuePending()).toEqual({ exports: 1, imports: 0 });
    await until(async () => (await state(res.body.id)) === 'done', 60_000);
    expect(await state(res.body.id)).toBe('done');
    // Enqueued once: a second pass finds nothing left.
    expect(await t.app.get(JobOutbox).enqueuePending()).toEqual({ exports: 0, imports: 0 });
  }, 90_000);

  it('answers within 2 s with Redis frozen (SIGSTOP), and nothing is lost after SIGCONT', async () => {
    own.freeze();
    let id: string;
    try {
      const started = Date.now();
      const res = await office.post(`/api/roll-ups/${period}/exports`, { format: 'docx' }).timeout(10_000);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.status).toBe(202);
      id = res.body.id;
    } finally {
      own.thaw();
    }
    await t.app.get(JobOutbox).enqueuePending();
    await until(async () => (await state(id)) === 'done', 60_000);
    expect(await state(id)).toBe('done');
  }, 90_000);

  it('enqueues a large upload kept queued with its file, once, on the ledger-import queue under the batch id', async () => {
    const [{ id: userId }] = await t.dataSource.query(`SELECT id FROM app_user ORDER BY created_at LIMIT 1`);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO import_batch (kind, status, file_name, file_sha256, file_size, file_content, column_overrides,
         editable_chain_ids, created_by, created_at)
       VALUES ('enterprises', 'queued', 'big.xlsx', repeat('0', 64), 3, '\\x010203'::bytea, '{}', '{}', $1, $2) RETURNING id`,
      [userId, new Date()],
    );
    const outbox = t.app.get(JobOutbox);
    expect(await outbox.enqueuePending()).toEqual({ exports: 0, imports: 1 });
    await outbox.enqueuePending();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.LedgerImport));
    expect((await queue.getJob(id))?.data).toEqual({ batchId: id });
    expect(await queue.getJobCountByTypes('wait', 'delayed', 'active', 'completed', 'failed')).toBe(1);
  });
});
