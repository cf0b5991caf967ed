import { authConfig, CLOCK, type AuthConfig, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { type NewSession, SessionService } from '../sessions/session.service';
import { decoyHash, verifyPassword } from './password-hasher';

/**
 * The one answer to every refused sign-in: unknown user, wrong password, locked account. The caller
 * learns nothing about which (usernames cannot be guessed); the admin sees the lock on the users page,
 * and the log and audit trail say what happened.
 */
export const SIGN_IN_REFUSED =
  '用户名或密码不正确；多次输错后账号将暂时锁定，如需帮助请联系管理员 / ' +
  'Wrong username or password; repeated failures lock the account for a while — ask an administrator for help';

interface Attempt {
  id: string;
  username: string;
  password_hash: string;
  /** Attempts counted so far, this one included (counted before the password is checked). */
  failed_attempts: number;
  locked_until: Date | null;
  /** The lock as it was before this attempt (to log its end). */
  old_locked_until: Date | null;
  /** This attempt may check the password: the account was not locked and the count had room for it. */
  allowed: boolean;
  /** This attempt's count set the lock (a burst beyond the limit). */
  locked_by_this: boolean;
}

/**
 * Checks a username and password. Every attempt is counted in one UPDATE before the password is
 * checked (the row lock of that statement serialises parallel attempts), so a parallel burst cannot
 * check more than SIGN_IN_MAX_FAILURES passwords: the attempts beyond lock the account for
 * SIGN_IN_LOCK_MINUTES. A right password resets the count only while no lock has been set meanwhile;
 * otherwise it is refused like the rest. Each failure slows the answer a little more. The lock and
 * its end are logged and the lock audited (never the password). Every time is the injected CLOCK's.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `remember` (记住此设备) and the browser's name go to the session (honoured for leaders only). */
  async signIn(
    username: string,
    password: string,
    device: { remember?: boolean; userAgent?: string | null } = {},
  ): Promise<NewSession & { userId: string }> {
    const now = this.clock.now();
    const attempt = await this.count(username, now);
    if (!attempt) {
      // Unknown: the same work and the same wait as a first wrong password.
      await verifyPassword(await decoyHash(), password);
      await sleep(250);
      throw new UnauthorizedException(SIGN_IN_REFUSED);
    }
    if (attempt.old_locked_until && attempt.old_locked_until <= now) {
      this.logger.log(`sign-in lock ended for user ${attempt.username} (locked until ${attempt.old_locked_until.toISOString()})`);
    }
    if (attempt.locked_by_this && attempt.locked_until) await this.recordLock(attempt, attempt.locked_until, attempt.failed_attempts);
    if (!attempt.allowed) {
      await verifyPassword(await decoyHash(), password);
      await sleep(this.delay(attempt.failed_attempts));
      throw new UnauthorizedException(SIGN_IN_REFUSED);
    }
    if (!(await verifyPassword(attempt.password_hash, password))) {
      await this.failed(attempt);
    }
    // Right password: the count starts again, unless a parallel attempt has locked the account meanwhile.
    const cleared = await this.dataSource.query(
      `UPDATE app_user SET failed_attempts = 0, locked_until = NULL
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz) RETURNING id`,
      [attempt.id, this.clock.now()],
    );
    if (!firstRows(cleared).length) throw new UnauthorizedException(SIGN_IN_REFUSED);
    const session = await this.sessions.create(attempt.id, device);
    return { ...session, userId: attempt.id };
  }

  /**
   * Counts this attempt and decides, in one statement under the row's lock, whether it may check the
   * password: not while locked; an expired lock starts a fresh count; an attempt beyond the limit
   * locks the account at once.
   */
  private async count(username: string, now: Date): Promise<Attempt | null> {
    const result = await this.dataSource.query(
      `WITH old AS (
         SELECT id, failed_attempts, locked_until,
                coalesce(locked_until > $2::timestamptz, false) AS locked_now,
                coalesce(locked_until <= $2::timestamptz, false) AS lock_expired
         FROM app_user WHERE lower(username) = lower($1) AND active
         ORDER BY id LIMIT 1 FOR UPDATE
       ), next AS (
         SELECT old.*, CASE WHEN locked_now THEN failed_attempts WHEN lock_expired THEN 1 ELSE failed_attempts + 1 END AS n
         FROM old
       )
       UPDATE app_user u SET
         failed_attempts = next.n,
         locked_until = CASE WHEN next.locked_now THEN next.locked_until
                             WHEN next.n > $3 THEN $2::timestamptz + make_interval(mins => $4)
                             ELSE NULL END
       FROM next WHERE u.id = next.id
       RETURNING u.id, u.username, u.password_hash, u.failed_attempts, u.locked_until,
                 next.locked_until AS old_locked_until,
                 (NOT next.locked_now AND next.n <= $3) AS allowed,
                 (NOT next.locked_now AND next.n > $3) AS locked_by_this`,
      [username, now, this.config.maxFailures, this.config.lockMinutes],
    );
    return (firstRows(result)[0] as unknown as Attempt | undefined) ?? null;
  }

  /** A wrong password: the count already holds it; the last allowed one locks the account. */
  private async failed(attempt: Attempt): Promise<never> {
    if (attempt.failed_attempts >= this.config.maxFailures) {
      const now = this.clock.now();
      const locked = firstRows(
        await this.dataSource.query(
          `UPDATE app_user SET locked_until = $2::timestamptz + make_interval(mins => $3)
           WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
           RETURNING failed_attempts, locked_until`,
          [attempt.id, now, this.config.lockMinutes],
        ),
      )[0] as { failed_attempts: number; locked_until: Date } | undefined;
      if (locked) await this.recordLock(attempt, locked.locked_until, locked.failed_attempts);
    }
    await sleep(this.delay(attempt.failed_attempts));
    throw new UnauthorizedException(SIGN_IN_REFUSED);
  }

  private async recordLock(user: { id: string; username: string }, lockedUntil: Date, failedAttempts: number): Promise<void> {
    this.logger.warn(`sign-in locked for user ${user.username} after ${failedAttempts} failures, until ${lockedUntil.toISOString()}`);
    await this.audit.record(this.dataSource.manager, { id: user.id, username: user.username }, {
      action: 'lock',
      entityType: 'user',
      entityId: user.id,
      after: { lockedUntil: lockedUntil.toISOString(), failedAttempts },
    });
  }

  /** Slows guessing: 0.25 s, 0.5 s, 1 s, 2 s … capped at 3 s. */
  private delay(failures: number): number {
    return Math.min(250 * 2 ** Math.max(failures - 1, 0), 3000);
  }
}

/** TypeORM's query() answers [rows, affected count] for UPDATE … RETURNING on PostgreSQL. */
function firstRows(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as Record<string, unknown>[];
  }
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
}
