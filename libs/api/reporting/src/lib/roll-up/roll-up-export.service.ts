import { AuditService } from '@crm/api/audit';
import { addJobWithin, QueueName, quietQueueErrors, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import type {
  RollUpExportFormat,
  RollUpExportState,
  RollUpExportView,
} from '@crm/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { refuse } from '../common/errors';
import {
  ROLL_UP_EXPORT_JOB,
  type RollUpExportJobData,
} from './roll-up-export.job';
import { rollUpFileName } from './roll-up-file';

/**
 * Tries of one export before it is marked failed; the waits between grow (2 s, 4 s, …): someone is
 * waiting at the screen, so shorter than the reporting queue's default.
 */
export const ROLL_UP_EXPORT_ATTEMPTS = 3;
export const ROLL_UP_EXPORT_BACKOFF_MS = 2000;

interface ExportRow {
  id: string;
  period: string;
  format: RollUpExportFormat;
  state: RollUpExportState;
  error: string | null;
  file_name: string;
  created_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `id, period, format, state, error, file_name, created_at, finished_at`;

/** The API's side of exports: enqueue one, tell how it stands, serve its file. */
@Injectable()
export class RollUpExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Reporting)
    private readonly queue: Queue<RollUpExportJobData>,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    quietQueueErrors(queue, QueueName.Reporting);
  }

  async request(
    user: AuthUser,
    period: string,
    format: RollUpExportFormat,
  ): Promise<RollUpExportView> {
    const row = await this.dataSource.transaction(async (tx) => {
      const [rollUp] = await tx.query(
        `SELECT version FROM roll_up WHERE period = $1`,
        [period],
      );
      if (!rollUp)
        throw refuse.notFound(
          `${period} 的汇总报告（尚未生成）`,
          `roll-up for ${period} (not built yet)`,
        );
      const [created]: ExportRow[] = await tx.query(
        `INSERT INTO roll_up_export (period, format, file_name, requested_by, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [
          period,
          format,
          rollUpFileName(period, format),
          user.id,
          this.clock.now(),
        ],
      );
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'roll_up_export',
        entityId: created.id,
        after: { period, format, rollUpVersion: rollUp.version },
      });
      return created;
    });
    // The job id is the export's: enqueued once, however often this is retried. The row, state
    // 'queued', is the outbox: without Redis the request still answers at once, and the worker
    // enqueues every export still queued when Redis is back (JobOutbox in apps/worker).
    try {
      await addJobWithin(this.queue, ROLL_UP_EXPORT_JOB, { exportId: row.id }, {
        jobId: `export-${row.id}`,
        attempts: ROLL_UP_EXPORT_ATTEMPTS,
        backoff: { type: 'exponential', delay: ROLL_UP_EXPORT_BACKOFF_MS },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    } catch (error) {
      new Logger(RollUpExportService.name).warn(`export ${row.id} waits for Redis: ${(error as Error).message}`);
    }
    return exportView(row);
  }

  async find(id: string): Promise<RollUpExportView> {
    const [row]: ExportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM roll_up_export WHERE id = $1`,
      [id],
    );
    if (!row) throw refuse.notFound('该导出文件', `export ${id}`);
    return exportView(row);
  }

  /** The built file; 404 until it is done. */
  async file(
    id: string,
  ): Promise<{
    period: string;
    fileName: string;
    format: RollUpExportFormat;
    bytes: Buffer;
  }> {
    const [row] = await this.dataSource.query(
      `SELECT period, file_name, format, file FROM roll_up_export WHERE id = $1 AND state = 'done'`,
      [id],
    );
    if (!row)
      throw refuse.notFound(
        '该导出文件（尚未生成完毕）',
        `file of export ${id} (not ready)`,
      );
    return {
      period: row.period,
      fileName: row.file_name,
      format: row.format,
      bytes: row.file,
    };
  }

  async listForPeriod(period: string): Promise<RollUpExportView[]> {
    const rows: ExportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM roll_up_export WHERE period = $1 ORDER BY created_at DESC, id LIMIT 20`,
      [period],
    );
    return rows.map(exportView);
  }
}

function exportView(r: ExportRow): RollUpExportView {
  return {
    id: r.id,
    period: r.period,
    format: r.format,
    state: r.state,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    fileName: r.file_name,
    downloadUrl:
      r.state === 'done' ? `/api/roll-ups/exports/${r.id}/file` : null,
  };
}
