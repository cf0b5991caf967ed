import { AuditModule } from '@crm/api/audit';
import { AuthModule } from '@crm/api/auth';
import { CLOCK, configureHttpApp, CoreModule } from '@crm/api/core';
import { systemClock, type Clock } from '@crm/domain';
import { prepareDatabase } from '@crm/migrations';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  database: TestDatabase;
  redisPrefix: string;
  /** The clock the app reads (createTestApp's `clock` option, or the system's). */
  clock: Clock;
  /** Closes the app, drops its database and deletes its Redis keys. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The one clock (CLOCK of @crm/api/core) every area reads; default the system's. */
  clock?: Clock;
}

/**
 * Boots the HTTP app with the given area modules on a database of its own (migrated and seeded),
 * configured exactly as main.ts does (sign-in, the guard on every route, the audit trail), against
 * the real PostgreSQL and Redis.
 */
export async function createTestApp(
  modules: (Type | DynamicModule)[],
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const redisPrefix = testRedisPrefix();
  // The settings apply to this app only: config is read while the app starts, then the
  // environment is put back, so one test file's settings never leak into the next.
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    ...env,
  });
  let app: NestExpressApplication;
  try {
    const builder = Test.createTestingModule({ imports: [CoreModule, AuditModule, AuthModule, ...modules] });
    if (options.clock) builder.overrideProvider(CLOCK).useValue(options.clock);
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app);
    await app.init();
  } finally {
    process.env = saved;
  }
  const dataSource = app.get(DataSource);
  await prepareDatabase(dataSource);
  return {
    app,
    dataSource,
    database,
    redisPrefix,
    clock: options.clock ?? systemClock,
    close: async () => {
      await app.close();
      await database.drop();
      await deleteRedisKeys(redisPrefix);
    },
  };
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export type { INestApplication };
