import { JobHost, QueueName, REDIS, WORKER_HEARTBEAT_KEY } from '@crm/api/core';
import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
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
@Processor(QueueName.Health)
export class HealthCheckJob extends JobHost {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async process(job: Job<HealthCheckJobData>): Promise<{ heartbeat: string }> {
    const heartbeat = new Date().toISOString();
    await this.redis.set(WORKER_HEARTBEAT_KEY, heartbeat, 'EX', 24 * 3600);
    this.jobLogger.debug(`heartbeat ${heartbeat} (job ${job.id}, requested ${job.data.requestedAt})`);
    return { heartbeat };
  }
}
