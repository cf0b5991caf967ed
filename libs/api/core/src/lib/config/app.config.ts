import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { validateEnvironment } from './environment';

export const appConfig = registerAs('app', () => {
  const env = validateEnvironment(process.env);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    appOrigin: env.APP_ORIGIN ?? null,
    webRoot: env.WEB_ROOT ?? null,
    migrateOnStart: env.MIGRATE_ON_START === 'true',
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    clockStartAt: env.CLOCK_START_AT || null,
  };
});
export type AppConfig = ReturnType<typeof appConfig>;

export const databaseConfig = registerAs('database', () => {
  const env = validateEnvironment(process.env);
  return { url: env.DATABASE_URL, sqlCaptureFile: env.SQL_CAPTURE_FILE || null };
});
export type DatabaseConfig = ReturnType<typeof databaseConfig>;

export const redisConfig = registerAs('redis', () => {
  const env = validateEnvironment(process.env);
  return { url: env.REDIS_URL, prefix: env.REDIS_PREFIX };
});
export type RedisConfig = ReturnType<typeof redisConfig>;

export const authConfig = registerAs('auth', () => {
  const env = validateEnvironment(process.env);
  return {
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    sessionRememberDays: env.SESSION_REMEMBER_DAYS,
    maxFailures: env.SIGN_IN_MAX_FAILURES,
    lockMinutes: env.SIGN_IN_LOCK_MINUTES,
    signInRatePerMinute: env.SIGN_IN_RATE_PER_MINUTE,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    adminUsername: env.ADMIN_USERNAME,
    adminPassword: env.ADMIN_PASSWORD ?? null,
  };
});
export type AuthConfig = ReturnType<typeof authConfig>;
