import { CLOCK, type Clock, JobHandler, QueueName, REDIS, WORKER_HEARTBEAT_KEY, type JobRunner } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';

export const HEALTH_CHECK_JOB = 'health-check';

/** Data of a health-check job: when it was asked for. */
export interface HealthCheckJobData {
  requestedAt: string;
}

/**
 * Proves the worker takes jobs from Redis: records a heartbeat that GET /api/health shows.
 * Running it twice only moves the heartbeat, so a double firing is harmless.
 */
@JobHandler(QueueName.Health, HEALTH_CHECK_JOB)
@Injectable()
export class HealthCheckJob implements JobRunner<HealthCheckJobData, { heartbeat: string }> {
  private readonly logger = new Logger(HealthCheckJob.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: Job<HealthCheckJobData>): Promise<{ heartbeat: string }> {
    const heartbeat = this.clock.now().toISOString();
    await this.redis.set(WORKER_HEARTBEAT_KEY, heartbeat, 'EX', 24 * 3600);
    this.logger.debug(`heartbeat ${heartbeat} (job ${job.id}, requested ${job.data.requestedAt})`);
    return { heartbeat };
  }
}
