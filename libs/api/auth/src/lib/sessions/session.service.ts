import { AuditService } from '@crm/api/audit';
import { authConfig, type AuthConfig, type AuthUser, CLOCK, type Clock, preparedQuery } from '@crm/api/core';
import { shanghaiToday, type RememberedDeviceView, type Role } from '@crm/domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface NewSession {
  token: string;
  csrfToken: string;
  /** Set for a remembered session (记住此设备): its cookies last until then. */
  rememberedUntil: Date | null;
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

/**
 * The user behind a session, with the chains they may read and edit on a day ($3), in one query.
 * Starts with "SELECT s.id AS session_id": the benchmark recognises the session check by it.
 */
const RESOLVE_SESSION_SQL = `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at < $4::timestamptz - interval '1 minute' AS stale,
       u.id, u.username, u.display_name, u.roles, u.unit_id, u.person_id, u.must_change_password,
       u.roles && ARRAY['office', 'admin'] AS all_chains, a.chain_ids, a.editable_chain_ids
FROM user_session s JOIN app_user u ON u.id = s.user_id
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(ca.chain_id ORDER BY ca.chain_id), '{}') AS chain_ids,
         coalesce(array_agg(ca.chain_id ORDER BY ca.chain_id) FILTER (WHERE ca.editable), '{}') AS editable_chain_ids
  FROM chain_access(u.id, $3::date) ca
) a
WHERE s.id = $1 AND s.expires_at > $4::timestamptz AND u.active
  AND CASE WHEN s.remembered
           THEN s.created_at + make_interval(days => $5) > $4::timestamptz AND 'leader' = ANY(u.roles)
           ELSE s.created_at + make_interval(hours => $2) > $4::timestamptz END`;

/** Only the token's hash is stored: a copy of the table signs nobody in. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions in PostgreSQL, so every API process knows every session. A session ends after
 * SESSION_IDLE_MINUTES without use, and SESSION_MAX_HOURS after sign-in in any case. A leader's
 * remembered session (记住此设备) ends SESSION_REMEMBER_DAYS after sign-in instead, idle or not;
 * it is checked on every request like any other, and ends with a password change, when its user
 * removes it, when the admin ends the user's sessions, or when the user is no longer a leader.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * A new session. `remember` (记住此设备) is honoured for a leader only: the session then lasts
   * SESSION_REMEMBER_DAYS after sign-in however idle, and its cookie outlives the browser; for any
   * other user it is an ordinary session (idle timeout, SESSION_MAX_HOURS). A remembered sign-in is
   * audited with the device it came from.
   */
  async create(userId: string, options: { remember?: boolean; userAgent?: string | null } = {}): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('hex');
    const userAgent = options.userAgent ? options.userAgent.slice(0, 300) : null;
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const [row]: { remembered: boolean; expires_at: Date; public_id: string }[] = await tx.query(
        `INSERT INTO user_session (id, user_id, csrf_token, created_at, last_seen_at, expires_at, remembered, user_agent)
         SELECT $1, u.id, $3, $5::timestamptz, $5::timestamptz,
                CASE WHEN r.remembered THEN $5::timestamptz + make_interval(days => $7)
                     ELSE $5::timestamptz + make_interval(mins => $4) END,
                r.remembered, $8
         FROM app_user u CROSS JOIN LATERAL (SELECT $6::boolean AND 'leader' = ANY(u.roles) AS remembered) r
         WHERE u.id = $2
         RETURNING remembered, expires_at, public_id`,
        [
          sessionId(token),
          userId,
          csrfToken,
          this.config.sessionIdleMinutes,
          now,
          options.remember === true,
          this.config.sessionRememberDays,
          userAgent,
        ],
      );
      if (row.remembered) {
        const [user] = await tx.query(`SELECT id, username FROM app_user WHERE id = $1`, [userId]);
        await this.audit.record(tx, user, {
          action: 'create',
          entityType: 'remembered_device',
          entityId: row.public_id,
          after: { device: describeDevice(userAgent), until: row.expires_at.toISOString() },
        });
      }
      return { token, csrfToken, rememberedUntil: row.remembered ? row.expires_at : null };
    });
  }

  /**
   * The user behind a token, with the chains they may read and edit on today's date (Asia/Shanghai,
   * by the auth clock) as chain_access gives them, in one query; null when the session is unknown,
   * expired, or its user inactive. Extends the idle deadline as it goes, never past
   * SESSION_MAX_HOURS after sign-in.
   */
  async resolve(token: string): Promise<(AuthUser & { csrfToken: string; mustChangePassword: boolean }) | null> {
    const now = this.clock.now();
    // Prepared (preparedQuery): planning this query took ~0.6 ms of the ~0.8 ms it cost in
    // PostgreSQL on every request (issue 23); prepared, each connection plans it a few times, then
    // reuses a generic plan. Nothing is cached in the API process, so a sign-out, a role change, a
    // deactivation or a change of chains is seen by the next request, on every API.
    const [row] = await preparedQuery<SessionRow>(this.dataSource.manager, RESOLVE_SESSION_SQL, [
      sessionId(token),
      this.config.sessionMaxHours,
      shanghaiToday(now),
      now,
      this.config.sessionRememberDays,
    ]);
    if (!row) return null;
    // Sliding expiry, written at most once a minute per session rather than on every request.
    if (row.stale) {
      await this.dataSource.query(
        `UPDATE user_session SET last_seen_at = $4::timestamptz,
           expires_at = CASE WHEN remembered THEN LEAST(expires_at, created_at + make_interval(days => $5))
                             ELSE LEAST($4::timestamptz + make_interval(mins => $2), created_at + make_interval(hours => $3)) END
         WHERE id = $1`,
        [row.session_id, this.config.sessionIdleMinutes, this.config.sessionMaxHours, now, this.config.sessionRememberDays],
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

  /** The user's remembered sessions still valid, the latest used first. */
  async remembered(user: AuthUser): Promise<RememberedDeviceView[]> {
    const rows: { public_id: string; id: string; user_agent: string | null; created_at: Date; last_seen_at: Date; expires_at: Date }[] =
      await this.dataSource.query(
        `SELECT public_id, id, user_agent, created_at, last_seen_at,
                LEAST(expires_at, created_at + make_interval(days => $3)) AS expires_at
         FROM user_session
         WHERE user_id = $1 AND remembered AND expires_at > $2::timestamptz
           AND created_at + make_interval(days => $3) > $2::timestamptz
         ORDER BY last_seen_at DESC, created_at DESC`,
        [user.id, this.clock.now(), this.config.sessionRememberDays],
      );
    return rows.map((r) => ({
      id: r.public_id,
      device: describeDevice(r.user_agent),
      signedInAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      current: r.id === user.sessionId,
    }));
  }

  /** 移除: the user ends one of their remembered sessions (audited); another user's answers 404. */
  async forget(user: AuthUser, publicId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const rows = await tx.query(
        `DELETE FROM user_session WHERE public_id = $1 AND user_id = $2 AND remembered RETURNING user_agent`,
        [publicId, user.id],
      );
      const [removed] = firstRows<{ user_agent: string | null }>(rows);
      if (!removed) throw new NotFoundException('没有找到该设备 / No such remembered device');
      await this.audit.record(tx, user, {
        action: 'delete',
        entityType: 'remembered_device',
        entityId: publicId,
        before: { device: describeDevice(removed.user_agent) },
      });
    });
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

/** DELETE … RETURNING through TypeORM's query answers [rows, count]. */
function firstRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

/** "iPhone · Safari", "Android · 微信" …: enough for a user to tell their devices apart. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return '未知设备 / Unknown device';
  const ua = userAgent;
  const system = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /HarmonyOS/.test(ua)
          ? 'HarmonyOS'
          : /Windows/.test(ua)
            ? 'Windows'
            : /Mac OS X|Macintosh/.test(ua)
              ? 'Mac'
              : /Linux/.test(ua)
                ? 'Linux'
                : null;
  const browser = /MicroMessenger/.test(ua)
    ? '微信'
    : /DingTalk/.test(ua)
      ? '钉钉'
      : /wxwork/.test(ua)
        ? '企业微信'
        : /Edg\//.test(ua)
          ? 'Edge'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Chrome\/|CriOS\//.test(ua)
              ? 'Chrome'
              : /Safari\//.test(ua)
                ? 'Safari'
                : null;
  return [system, browser].filter(Boolean).join(' · ') || ua.slice(0, 60);
}
