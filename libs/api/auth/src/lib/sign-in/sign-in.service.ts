import { authConfig, CLOCK, type AuthConfig, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { type NewSession, SessionService } from '../sessions/session.service';
import { decoyHash, verifyPassword } from './password-hasher';

const WRONG_CREDENTIALS = '用户名或密码不正确 / Wrong username or password';

interface Candidate {
  id: string;
  username: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: Date | null;
  locked_now: boolean;
}

/**
 * Checks a username and password. Failures are counted per account; each one slows the answer
 * a little more, and SIGN_IN_MAX_FAILURES in a row lock the account for SIGN_IN_LOCK_MINUTES.
 * The lock and its end are logged (never the password).
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

  async signIn(username: string, password: string): Promise<NewSession & { userId: string }> {
    const [user]: Candidate[] = await this.dataSource.query(
      `SELECT id, username, password_hash, failed_attempts, locked_until, locked_until > $2::timestamptz AS locked_now
       FROM app_user WHERE lower(username) = lower($1) AND active`,
      [username, this.clock.now()],
    );
    if (!user) {
      await verifyPassword(await decoyHash(), password);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    if (user.locked_now) {
      throw new UnauthorizedException(
        `账号因多次密码错误已锁定，请于 ${formatShanghai(user.locked_until)} 后再试 / ` +
          `The account is locked after repeated failures until ${user.locked_until?.toISOString()}`,
      );
    }
    if (user.locked_until) {
      this.logger.log(`sign-in lock ended for user ${user.username} (locked until ${user.locked_until.toISOString()})`);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      await this.countFailure(user);
    }
    await this.dataSource.query(`UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    const session = await this.sessions.create(user.id);
    return { ...session, userId: user.id };
  }

  private async countFailure(user: Candidate): Promise<never> {
    // An expired lock starts a fresh count.
    // UPDATE … RETURNING answers [rows, affected count] through TypeORM's query().
    const [[row]]: [{ failed_attempts: number; locked_until: Date | null }[], number] = await this.dataSource.query(
      `UPDATE app_user SET
         failed_attempts = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END) >= $2
                             THEN $4::timestamptz + make_interval(mins => $3) ELSE NULL END
       WHERE id = $1 RETURNING failed_attempts, locked_until`,
      [user.id, this.config.maxFailures, this.config.lockMinutes, this.clock.now()],
    );
    if (row.locked_until) {
      this.logger.warn(
        `sign-in locked for user ${user.username} after ${row.failed_attempts} failures, until ${row.locked_until.toISOString()}`,
      );
      await this.audit.record(this.dataSource.manager, { id: user.id, username: user.username }, {
        action: 'lock',
        entityType: 'user',
        entityId: user.id,
        after: { lockedUntil: row.locked_until.toISOString(), failedAttempts: row.failed_attempts },
      });
    }
    // Slow down guessing: 0.25 s, 0.5 s, 1 s, 2 s … capped at 3 s.
    await sleep(Math.min(250 * 2 ** (row.failed_attempts - 1), 3000));
    const left = this.config.maxFailures - row.failed_attempts;
    throw new UnauthorizedException(
      row.locked_until
        ? `密码错误次数过多，账号已锁定 ${this.config.lockMinutes} 分钟 / Too many failures: locked for ${this.config.lockMinutes} minutes`
        : `${WRONG_CREDENTIALS}（还可尝试 ${left} 次 / ${left} attempts left）`,
    );
  }
}

function formatShanghai(date: Date | null): string {
  return date
    ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(date)
    : '';
}
