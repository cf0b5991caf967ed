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
  };
});
export type AppConfig = ReturnType<typeof appConfig>;

export const databaseConfig = registerAs('database', () => ({
  url: validateEnvironment(process.env).DATABASE_URL,
}));
export type DatabaseConfig = ReturnType<typeof databaseConfig>;

export const redisConfig = registerAs('redis', () => {
  const env = validateEnvironment(process.env);
  return { url: env.REDIS_URL, prefix: env.REDIS_PREFIX };
});
export type RedisConfig = ReturnType<typeof redisConfig>;
