import { JobHandler, type JobRunner, QueueName } from '@crm/api/core';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AlertService } from './alert.service';

export const ALERTS_REFRESH_JOB = 'alerts-refresh';

export interface AlertsRefreshJobData {
  requestedAt: string;
}

export interface AlertsRefreshResult {
  asOf: string | null;
  version: number | null;
  /** Whether this run computed the memo (false: it was there for the day and the version). */
  computed: boolean;
}

/**
 * The alerts' memo for today (Asia/Shanghai) at the current data version, on the cockpit queue
 * every minute: computed once after midnight and within a minute of each change, so the cockpit
 * and the leader page find it. When nothing changed a run costs one read of the version joined to
 * the memo's key (and the Ns'). Idempotent; the same method as a reader's (AlertService.memo).
 */
@JobHandler(QueueName.Cockpit, ALERTS_REFRESH_JOB)
@Injectable()
export class AlertsRefreshJob implements JobRunner<AlertsRefreshJobData, AlertsRefreshResult> {
  private readonly logger = new Logger(AlertsRefreshJob.name);

  constructor(private readonly alerts: AlertService) {}

  async run(job: Job<AlertsRefreshJobData>): Promise<AlertsRefreshResult> {
    const memo = await this.alerts.refresh();
    if (memo?.computed) {
      this.logger.log(`alerts computed as of ${memo.asOf} at version ${memo.version} (job ${job.id}, requested ${job.data.requestedAt})`);
    }
    return { asOf: memo?.asOf ?? null, version: memo?.version ?? null, computed: memo?.computed ?? false };
  }
}
