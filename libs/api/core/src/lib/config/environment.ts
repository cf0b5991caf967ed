import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

/** Optional, and an empty value (as `.env.example` writes it) means unset too. */
const OptionalNonEmpty = () => ValidateIf((_object, value) => value !== undefined && value !== null && value !== '');

/**
 * Every setting the API and the worker read from the environment. `.env.example` documents each;
 * a wrong value stops the process at boot with a message that names the variable.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  @Type(() => Number)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/crm' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/crm';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Keeps this installation's keys apart from others sharing the Redis server. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
  REDIS_PREFIX = 'crm';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Benchmark only (`npm run bench`): appends every SQL statement with its parameters to this file
   * as JSON lines, so the benchmark can time the same SQL without the API. Leave unset otherwise.
   */
  @OptionalNonEmpty()
  @IsString()
  SQL_CAPTURE_FILE?: string;

  /** Signs sessions; required in production, generated per process otherwise. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (try: openssl rand -hex 32)' })
  SESSION_SECRET?: string;

  /** The origin browsers load the web app from; CORS allows only this one. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'must be an origin such as https://crm.example.gov.cn' })
  APP_ORIGIN?: string;

  /** Where the built web app is; the API serves it. */
  @IsOptional()
  @IsString()
  WEB_ROOT?: string;

  /** A session ends after this many minutes without a request. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 120;

  /** A session ends this many hours after sign-in, however active. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  /**
   * 记住此设备: a leader's remembered session lasts this many days after sign-in, however idle
   * (still checked on every request, ended by a password change, by its user and by the admin).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  SESSION_REMEMBER_DAYS = 30;

  /** Failed sign-ins in a row before the account is locked. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(20)
  SIGN_IN_MAX_FAILURES = 5;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SIGN_IN_LOCK_MINUTES = 15;

  /** Sign-in attempts allowed per client address per minute. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  SIGN_IN_RATE_PER_MINUTE = 20;

  /** Send cookies over HTTPS only; on by default in production. */
  @IsOptional()
  @IsIn(['true', 'false'])
  COOKIE_SECURE?: 'true' | 'false';

  /** The first admin account, created on first start when no admin exists. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,60}$/, { message: 'must be 3-60 letters, digits, _ . or -' })
  ADMIN_USERNAME = 'admin';

  /** Its password; when unset a random one is generated and printed once to the console. */
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  /** 附件: the largest file accepted, in MB (default 20); a larger upload is refused with 413. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  FILES_MAX_UPLOAD_MB = 20;

  /** Run migrations and the reference seed when the API starts. */
  @IsOptional()
  @IsIn(['true', 'false'])
  MIGRATE_ON_START: 'true' | 'false' = 'true';

  /**
   * When monthly-report reminders fall due: "kind:daysBefore@hour,…;escalation+hours" before/after
   * the unit's due date, Asia/Shanghai. Default: the 20th and 23rd at 09:00, the 25th at 08:00,
   * the escalation as the 26th begins.
   */
  @OptionalNonEmpty()
  @Matches(/^([a-z0-9-]{1,30}:\d{1,2}@\d{1,2})(,[a-z0-9-]{1,30}:\d{1,2}@\d{1,2})*(;escalation\+\d{1,3})?$/, {
    message: 'must read like before-5d:5@9,before-2d:2@9,due-day:0@8;escalation+0',
  })
  REPORT_REMINDER_SCHEDULE?: string;

  /** SMTP server for e-mail copies of notifications, e.g. smtps://user:pass@smtp.example.gov.cn:465; unset: no e-mail. */
  @OptionalNonEmpty()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of those e-mails. */
  @IsOptional()
  @IsString()
  MAIL_FROM = 'crm@localhost';

  /** A WeCom / DingTalk group-robot webhook that receives reminders; unset: none. */
  @OptionalNonEmpty()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s):// URL' })
  WEBHOOK_URL?: string;

  /**
   * Staging and acceptance runs only: the instant this instance's clock starts from, with its
   * offset (e.g. 2025-09-26T09:00:00+08:00); from there it runs at the real pace. Every "now" of the
   * API, the worker and their SQL reads this clock. Refused when NODE_ENV=production.
   */
  @OptionalNonEmpty()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO date and time with its offset, e.g. 2025-09-26T09:00:00+08:00',
  })
  CLOCK_START_AT?: string;
}

/** The date and time exist on the calendar and the clock (no 30 February, no 25:00). */
function isRealInstant(text: string): boolean {
  const [y, mo, d, h, mi] = text.slice(0, 16).split(/[-T:]/).map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && probe.getUTCHours() === h && probe.getUTCMinutes() === mi;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    problems.push('  SESSION_SECRET: required when NODE_ENV=production (try: openssl rand -hex 32)');
  }
  if (env.CLOCK_START_AT && !isRealInstant(env.CLOCK_START_AT)) {
    problems.push(`  CLOCK_START_AT=${JSON.stringify(env.CLOCK_START_AT)}: not a real date and time`);
  }
  if (env.NODE_ENV === 'production' && env.CLOCK_START_AT) {
    problems.push('  CLOCK_START_AT: a set clock is for staging and acceptance runs; refused when NODE_ENV=production');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid environment / 环境变量有误:\n${problems.join('\n')}\nSee .env.example.`);
  }
  return env;
}
