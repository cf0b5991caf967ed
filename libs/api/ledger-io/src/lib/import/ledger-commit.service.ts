import { CLOCK, type Clock } from '@crm/api/core';
import { ProjectWriter } from '@crm/api/pipeline';
import { ContactService, EnterpriseWriter, type EnterpriseFields } from '@crm/api/reference';
import { ConflictException, HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseRowData } from './enterprise-import.planner';
import { ImportBatchStore, type ImportBatchView, type ImportRowView } from './import-batch.store';
import { writeProjectRows, type CommitUser } from './project-import.writer';

/** Commits writing more rows than this go to the worker; a 20,000-row commit takes seconds. */
export const LEDGER_SYNC_COMMIT_MAX_ROWS = 1000;

/** Called every few hundred rows written, and once at the end. */
export type CommitProgress = (processed: number, total: number) => void | Promise<void>;

const changedMessage = {
  zh: '预览之后企业库已有变化，请重新上传预览后再确认导入',
  en: 'The library changed after the preview; upload the file again and confirm the new preview',
};

const stale = (row: number) =>
  new ConflictException({ statusCode: 409, message: `第${row}行：${changedMessage.zh} / Row ${row}: ${changedMessage.en}` });

/**
 * Writes a previewed batch: every create and update row in one transaction, each with its audit
 * entry; skips and errors change nothing. Used by the API for small batches and by the worker
 * (LedgerImportJob) for large ones. Commits are serialised (an advisory lock), so two batches of
 * the same file cannot both create the same record.
 */
@Injectable()
export class LedgerCommitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectWriter,
    private readonly enterprises: EnterpriseWriter,
    private readonly contacts: ContactService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Commits the batch; `queued`: the API claimed it for the worker (committed_by set), so only
   * that claim is honoured. Refuses (409) a batch without a preview or already committed.
   */
  async commit(user: CommitUser, id: string, options: { queued?: boolean; progress?: CommitProgress } = {}): Promise<ImportBatchView> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ledger-import-commit'))`);
      const store = new ImportBatchStore(tx);
      const batch = await store.find(id, true);
      if (batch.status !== 'previewed') {
        const message =
          batch.status === 'committed'
            ? '这次导入已经确认过了 / This import was already committed'
            : '这次导入还没有可确认的预览 / This import has no preview to commit';
        throw new ConflictException({ statusCode: 409, message, current: batch });
      }
      if (batch.committing !== Boolean(options.queued)) {
        throw new ConflictException({
          statusCode: 409,
          message: '这次导入正在后台确认，请稍候查看结果 / This import is being committed in the background; check back shortly',
          current: batch,
        });
      }
      const rows = (await store.rows(id)).filter((r) => r.action === 'create' || r.action === 'update');
      const total = rows.length;
      const report = async (done: number) => {
        if (options.progress && (done === total || done % 200 === 0)) await options.progress(done, total);
      };
      if (batch.kind === 'enterprises') await this.writeEnterprises(tx, store, user, id, rows, report);
      else {
        const chosen = await store.defaultOwners(id);
        const chains: { id: number; code: string }[] = await tx.query(`SELECT id, code FROM chain`);
        const defaults = new Map<number, string>();
        for (const c of chains) if (chosen[c.code]) defaults.set(c.id, chosen[c.code]);
        await writeProjectRows(tx, store, this.projects, this.contacts, user, id, rows, defaults, report);
      }
      await report(total);
      await store.markCommitted(id, user.id, this.clock.now());
      return store.find(id);
    });
  }

  /** After a failed background commit (rolled back): the batch can be committed again, and says why. */
  async releaseClaim(id: string, error: unknown): Promise<void> {
    const body = error instanceof HttpException ? error.getResponse() : null;
    const message =
      body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : '确认导入时出错，未写入任何数据，请重试 / The commit failed and wrote nothing; try again';
    await new ImportBatchStore(this.dataSource.manager).releaseCommit(id, message);
  }

  private async writeEnterprises(
    tx: EntityManager,
    store: ImportBatchStore,
    user: CommitUser,
    batchId: string,
    rows: ImportRowView[],
    report: (done: number) => Promise<void>,
  ) {
    let done = 0;
    const created: { row: number; targetId: string }[] = [];
    for (const row of rows) {
      const data = row.data as EnterpriseRowData;
      // A firm that changed or appeared since the preview refuses the whole commit (409, nothing written).
      const orStale = <T>(work: Promise<T>): Promise<T> =>
        work.catch((error: unknown) => {
          throw error instanceof ConflictException ? stale(row.row) : error;
        });
      if (row.action === 'create') {
        const firm = await orStale(
          this.enterprises.create(tx, user, {
            name: data.name as string,
            creditCode: data.creditCode ?? null,
            ownership: data.ownership ?? null,
            tags: data.tags ?? [],
            region: data.region ?? null,
          }),
        );
        created.push({ row: row.row, targetId: firm.id });
      } else if (row.action === 'update' && row.changes && row.targetId) {
        const [current] = await tx.query(
          `SELECT name, credit_code AS "creditCode", ownership, tags, region FROM enterprise WHERE id = $1 FOR UPDATE`,
          [row.targetId],
        );
        const changed =
          !current ||
          Object.entries(row.changes.before).some(([k, v]) => JSON.stringify(current[k]?.trim?.() ?? current[k]) !== JSON.stringify(v));
        if (changed) throw stale(row.row);
        await orStale(this.enterprises.update(tx, user, row.targetId, row.changes.after as Partial<EnterpriseFields>));
      }
      await report(++done);
    }
    await store.setTargets(batchId, created);
  }
}
