import { Public, REDIS, WORKER_HEARTBEAT_KEY } from '@crm/api/core';
import type { HealthView } from '@crm/domain';
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';

const REDIS_DOWN_NOTE =
  '提醒和后台任务等待 Redis 恢复后执行；其他功能正常使用 / Reminders and background jobs wait for Redis; everything else works';

/**
 * PostgreSQL and Redis reported separately: the API serves without Redis, not without PostgreSQL.
 * Anyone may ask, so the answer holds status words only: what went wrong (host, port, driver text)
 * goes to the log, never to the caller.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.checkRedis()]);
    const health: HealthView = {
      status: database.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded',
      database: { status: database.status },
      redis: redis.status === 'up' ? { status: 'up' } : { status: 'down', note: REDIS_DOWN_NOTE },
      worker: { lastHeartbeat: redis.heartbeat ?? null },
    };
    res.status(database.status === 'up' ? 200 : 503);
    return health;
  }

  private async checkDatabase(): Promise<{ status: 'up' | 'down' }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up' };
    } catch (error) {
      this.logger.warn(`health: PostgreSQL down: ${(error as Error).message}`);
      return { status: 'down' };
    }
  }

  private async checkRedis(): Promise<{ status: 'up' | 'down'; heartbeat?: string | null }> {
    if (this.redis.status !== 'ready') {
      this.logger.warn(`health: Redis down (connection ${this.redis.status})`);
      return { status: 'down' };
    }
    try {
      const heartbeat = await this.redis.get(WORKER_HEARTBEAT_KEY);
      return { status: 'up', heartbeat };
    } catch (error) {
      this.logger.warn(`health: Redis down: ${(error as Error).message}`);
      return { status: 'down' };
    }
  }
}
