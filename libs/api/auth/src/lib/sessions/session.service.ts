import { authConfig, type AuthConfig, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { shanghaiToday, type Role } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface NewSession {
  token: string;
  csrfToken: string;
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  unit_id: number | null;
  person_id: number | null;
  all_chains: boolean;
  chain_ids: number[];
  editable_chain_ids: number[];
  stale: boolean;
  must_change_password: boolean;
}

/** Only the token's hash is stored: a copy of the table signs nobody in. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions in PostgreSQL, so every API process knows every session. A session ends after
 * SESSION_IDLE_MINUTES without use, and SESSION_MAX_HOURS after sign-in in any case.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(userId: string): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('hex');
    await this.dataSource.query(
      `INSERT INTO user_session (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $5::timestamptz, $5::timestamptz, $5::timestamptz + make_interval(mins => $4))`,
      [sessionId(token), userId, csrfToken, this.config.sessionIdleMinutes, this.clock.now()],
    );
    return { token, csrfToken };
  }

  /**
   * The user behind a token, with the chains they may read and edit on today's date (Asia/Shanghai,
   * by the auth clock) as chain_access gives them, in one query; null when the session is unknown,
   * expired, or its user inactive. Extends the idle deadline as it goes, never past
   * SESSION_MAX_HOURS after sign-in.
   */
  async resolve(token: string): Promise<(AuthUser & { csrfToken: string; mustChangePassword: boolean }) | null> {
    const now = this.clock.now();
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at < $4::timestamptz - interval '1 minute' AS stale,
              u.id, u.username, u.display_name, u.roles, u.unit_id, u.person_id, u.must_change_password,
              u.roles && ARRAY['office', 'admin'] AS all_chains, a.chain_ids, a.editable_chain_ids
       FROM user_session s JOIN app_user u ON u.id = s.user_id
       CROSS JOIN LATERAL (
         SELECT coalesce(array_agg(ca.chain_id ORDER BY ca.chain_id), '{}') AS chain_ids,
                coalesce(array_agg(ca.chain_id ORDER BY ca.chain_id) FILTER (WHERE ca.editable), '{}') AS editable_chain_ids
         FROM chain_access(u.id, $3::date) ca
       ) a
       WHERE s.id = $1 AND s.expires_at > $4::timestamptz AND s.created_at + make_interval(hours => $2) > $4::timestamptz AND u.active`,
      [sessionId(token), this.config.sessionMaxHours, shanghaiToday(now), now],
    );
    const row = rows[0];
    if (!row) return null;
    // Sliding expiry, written at most once a minute per session rather than on every request.
    if (row.stale) {
      await this.dataSource.query(
        `UPDATE user_session SET last_seen_at = $4::timestamptz,
           expires_at = LEAST($4::timestamptz + make_interval(mins => $2), created_at + make_interval(hours => $3))
         WHERE id = $1`,
        [row.session_id, this.config.sessionIdleMinutes, this.config.sessionMaxHours, now],
      );
    }
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      unitId: row.unit_id,
      personId: row.person_id,
      allChains: row.all_chains,
      chainIds: row.chain_ids,
      editableChainIds: row.editable_chain_ids,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password,
    };
  }

  async revoke(sessionIdValue: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM user_session WHERE id = $1`, [sessionIdValue]);
  }

  /** Ends every session of a user (an admin's password reset: the user signs in with the new one). */
  async revokeAll(userId: string, manager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
  }

  /** Ends every session of a user but one (after a password change: the others sign in again). */
  async revokeOthers(userId: string, keepSessionId: string | null): Promise<void> {
    await this.dataSource.query(`DELETE FROM user_session WHERE user_id = $1 AND id IS DISTINCT FROM $2`, [
      userId,
      keepSessionId,
    ]);
  }
}
