import {
  CLOCK,
  JOB_SCHEDULE_KEYS,
  jobSchedulersKey,
  Public,
  QueueName,
  REDIS,
  WORKER_HEARTBEAT_KEY,
  WORKER_HEARTBEAT_MAX_AGE_MS,
} from '@crm/api/core';
import type { Clock, HealthView } from '@crm/domain';
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';

const REDIS_DOWN_NOTE =
  '提醒和后台任务等待 Redis 恢复后执行；其他功能正常使用 / Reminders and background jobs wait for Redis; everything else works';
const WORKER_NOTE =
  '后台任务进程未按时运行或定时任务缺失，提醒可能延迟；请检查后台任务进程 / The worker is late or a schedule is missing; reminders may be delayed, check the worker';

/** Each dependency check gives up after this, so the whole answer comes within 2 s whatever is down. */
export const HEALTH_CHECK_TIMEOUT_MS = 1500;

class CheckTimeout extends Error {
  constructor(what: string) {
    super(`${what} did not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);
  }
}

/** The check's answer, or CheckTimeout after HEALTH_CHECK_TIMEOUT_MS (a frozen server never answers). */
async function within<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(what)), HEALTH_CHECK_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface RedisCheck {
  status: 'up' | 'down';
  heartbeat?: string | null;
  missingSchedules?: number;
}

/**
 * PostgreSQL, Redis and the worker reported separately: the API serves without Redis, not without
 * PostgreSQL. `degraded` when Redis is down, the worker's heartbeat is older than a few minutes (or
 * absent), or a job schedule is missing from Redis. Each check has a timeout. Anyone may ask, so
 * the answer holds status words only: what went wrong (host, port, driver text) goes to the log,
 * never to the caller.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.checkRedis()]);
    const worker = this.worker(redis);
    const health: HealthView = {
      status: database.status === 'up' && redis.status === 'up' && !worker.note ? 'ok' : 'degraded',
      database: { status: database.status },
      redis: redis.status === 'up' ? { status: 'up' } : { status: 'down', note: REDIS_DOWN_NOTE },
      worker,
    };
    res.status(database.status === 'up' ? 200 : 503);
    return health;
  }

  private worker(redis: RedisCheck): HealthView['worker'] {
    if (redis.status === 'down') return { lastHeartbeat: null, status: 'unknown', schedules: 'unknown' };
    const heartbeat = redis.heartbeat ?? null;
    const at = heartbeat ? Date.parse(heartbeat) : Number.NaN;
    const late = Number.isNaN(at) || this.clock.now().getTime() - at > WORKER_HEARTBEAT_MAX_AGE_MS;
    const missing = (redis.missingSchedules ?? 0) > 0;
    return {
      lastHeartbeat: heartbeat,
      status: late ? 'late' : 'up',
      schedules: missing ? 'missing' : 'complete',
      ...(late || missing ? { note: WORKER_NOTE } : {}),
    };
  }

  private async checkDatabase(): Promise<{ status: 'up' | 'down' }> {
    try {
      await within('PostgreSQL', this.dataSource.query('SELECT 1'));
      return { status: 'up' };
    } catch (error) {
      this.logger.warn(`health: PostgreSQL down: ${(error as Error).message}`);
      return { status: 'down' };
    }
  }

  private async checkRedis(): Promise<RedisCheck> {
    if (this.redis.status !== 'ready') {
      this.logger.warn(`health: Redis down (connection ${this.redis.status})`);
      return { status: 'down' };
    }
    try {
      const schedules = (Object.keys(JOB_SCHEDULE_KEYS) as QueueName[]).flatMap((queue) =>
        JOB_SCHEDULE_KEYS[queue].map((key) => [queue, key] as const),
      );
      const pipeline = this.redis.pipeline().get(WORKER_HEARTBEAT_KEY);
      for (const [queue, key] of schedules) pipeline.zscore(jobSchedulersKey(queue), key);
      const results = (await within('Redis', pipeline.exec())) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      const missing = schedules.filter((_, i) => results[i + 1]?.[1] === null);
      if (missing.length) this.logger.warn(`health: job schedules missing: ${missing.map(([q, k]) => `${q}/${k}`).join(', ')}`);
      return { status: 'up', heartbeat: results[0]?.[1] as string | null, missingSchedules: missing.length };
    } catch (error) {
      this.logger.warn(`health: Redis down: ${(error as Error).message}`);
      return { status: 'down' };
    }
  }
}
