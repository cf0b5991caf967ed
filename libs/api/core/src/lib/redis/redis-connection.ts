import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * Options for every ioredis connection of the app: keep retrying with a capped backoff, and fail
 * commands fast while Redis is away instead of queueing them, so the API keeps serving.
 */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    retryStrategy: (attempt) => Math.min(attempt * 500, 10_000),
    ...extra,
  };
}

/**
 * A connection that logs once when Redis goes away and once when it is back, rather than an
 * error per retry.
 */
export function connectRedis(url: string, name: string, extra: RedisOptions = {}): Redis {
  const logger = new Logger(name);
  const client = new Redis(redisOptions(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, ...extra }));
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) {
      down = true;
      logger.warn(
        `Redis unreachable at ${new URL(url).host} (${error.message}): reminders and other jobs wait for Redis; ` +
          `the API keeps serving. / Redis 不可用：提醒等后台任务将在 Redis 恢复后执行。`,
      );
    }
  });
  client.on('ready', () => {
    if (down) logger.log('Redis is back / Redis 已恢复');
    down = false;
  });
  client.connect().catch(() => undefined);
  return client;
}
