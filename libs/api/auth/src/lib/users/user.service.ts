import { CLOCK, type Clock } from '@crm/api/core';
import { AuditService, changedFields } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import { shanghaiToday, type ChainCode, type CurrentUserView, type Role, type UserView } from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword, verifyPassword } from '../sign-in/password-hasher';
import { passwordProblem } from '../sign-in/password-policy';
import type { CreateUserDto, UpdateUserDto } from './user.dto';
import { User } from './user.entity';

export function toUserView(user: User, now: Date): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    unitId: user.unitId,
    personId: user.personId,
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a user: never the password hash. */
function auditedUser(user: User) {
  const { id, username, displayName, roles, unitId, personId, active } = user;
  return { id, username, displayName, roles, unitId, personId, active };
}

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The signed-in user, with the chains they may read and edit today (chain_access, as the session). */
  async currentUserView(userId: string): Promise<CurrentUserView> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.roles, u.must_change_password,
              un.id AS unit_id, un.name AS unit_name, p.id AS person_id, p.name AS person_name,
              ARRAY(SELECT c.code FROM chain_access(u.id, $2::date) a JOIN chain c ON c.id = a.chain_id
                    ORDER BY c.sort_order) AS chain_codes,
              ARRAY(SELECT c.code FROM chain_access(u.id, $2::date) a JOIN chain c ON c.id = a.chain_id
                    WHERE a.editable ORDER BY c.sort_order) AS editable_chain_codes
       FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id LEFT JOIN person p ON p.id = u.person_id
       WHERE u.id = $1`,
      [userId, shanghaiToday(this.clock.now())],
    );
    if (!row) throw new UnauthorizedException('请先登录 / Please sign in');
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as Role[],
      unit: row.unit_id ? { id: row.unit_id, name: row.unit_name } : null,
      person: row.person_id ? { id: row.person_id, name: row.person_name } : null,
      chainCodes: row.chain_codes as ChainCode[],
      editableChainCodes: row.editable_chain_codes as ChainCode[],
      mustChangePassword: row.must_change_password,
      serverTime: this.clock.now().toISOString(),
    };
  }

  async changeOwnPassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
      throw new BadRequestException({
        statusCode: 400,
        message: '当前密码不正确 / The current password is wrong',
        errors: { currentPassword: ['当前密码不正确 / The current password is wrong'] },
      });
    }
    const problem = passwordProblem(newPassword, user.username);
    if (problem) {
      throw new BadRequestException({ statusCode: 400, message: problem, errors: { newPassword: [problem] } });
    }
    if (currentPassword === newPassword) {
      throw new BadRequestException({
        statusCode: 400,
        message: '新密码不能与当前密码相同 / The new password must differ from the current one',
        errors: { newPassword: ['新密码不能与当前密码相同 / The new password must differ from the current one'] },
      });
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET password_hash = $2, must_change_password = false, updated_at = $3, version = version + 1
         WHERE id = $1`,
        [user.id, await hashPassword(newPassword), this.clock.now()],
      );
      // The user's other sessions end: a session opened with the old password (perhaps not by them) stops here.
      await tx.query(`DELETE FROM user_session WHERE user_id = $1 AND id <> $2`, [user.id, user.sessionId]);
      await this.audit.record(tx, user, { action: 'update', entityType: 'user', entityId: user.id, after: { password: 'changed' } });
    });
  }

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { username: 'ASC' } });
    return users.map((u) => toUserView(u, this.clock.now()));
  }

  /** Creates a user; when no password is given one is generated and returned this once. */
  async create(actor: AuthUser, input: CreateUserDto): Promise<{ user: UserView; initialPassword?: string }> {
    const initialPassword = input.password ? undefined : randomBytes(9).toString('base64url');
    return this.dataSource.transaction(async (tx) => {
      await this.checkLinks(tx, input.unitId ?? null, input.personId ?? null);
      const repo = tx.getRepository(User);
      if (await repo.createQueryBuilder('u').where('lower(u.username) = lower(:name)', { name: input.username }).getExists()) {
        throw new ConflictException({
          statusCode: 409,
          message: `用户名 ${input.username} 已被使用 / The username is taken`,
          errors: { username: ['用户名已被使用 / The username is taken'] },
        });
      }
      const user = await repo.save(
        repo.create({
          username: input.username,
          displayName: input.displayName,
          roles: input.roles,
          unitId: input.unitId ?? null,
          personId: input.personId ?? null,
          active: input.active ?? true,
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
          passwordHash: await hashPassword(input.password ?? (initialPassword as string)),
          createdAt: this.clock.now(),
          updatedAt: this.clock.now(),
        }),
      );
      await this.audit.record(tx, actor, { action: 'create', entityType: 'user', entityId: user.id, after: auditedUser(user) });
      return { user: toUserView(user, this.clock.now()), ...(initialPassword ? { initialPassword } : {}) };
    });
  }

  async update(actor: AuthUser, id: string, input: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('没有找到该用户 / No such user');
      if (input.version !== undefined && input.version !== user.version) {
        throw new ConflictException({
          statusCode: 409,
          message: '该用户已被他人修改，请刷新后再改 / Someone else changed this user; reload and try again',
          current: toUserView(user, this.clock.now()),
        });
      }
      const before = auditedUser(user);
      const roles = input.roles ?? user.roles;
      const unitId = input.unitId === undefined ? user.unitId : input.unitId;
      const personId = input.personId === undefined ? user.personId : input.personId;
      if (roles.includes('staff') && unitId === null) {
        throw new BadRequestException({ statusCode: 400, message: '专班工作人员须选择所属单位 / Staff need a unit', errors: { unitId: ['专班工作人员须选择所属单位 / Staff need a unit'] } });
      }
      if (roles.includes('leader') && personId === null) {
        throw new BadRequestException({ statusCode: 400, message: '领导须关联人员 / Leaders need a person', errors: { personId: ['领导须关联人员 / Leaders need a person'] } });
      }
      await this.checkLinks(tx, unitId, personId);
      const problem = input.password ? passwordProblem(input.password, user.username) : null;
      if (problem) throw new BadRequestException({ statusCode: 400, message: problem, errors: { password: [problem] } });
      Object.assign(user, {
        displayName: input.displayName ?? user.displayName,
        roles,
        unitId,
        personId,
        active: input.active ?? user.active,
      });
      if (changedFields(before, auditedUser(user))) user.updatedAt = this.clock.now();
      let saved = await repo.save(user);
      if (input.password) {
        // A reset password is the admin's, not the user's: they choose their own at next sign-in.
        await tx.query(
          `UPDATE app_user SET password_hash = $2, must_change_password = true, version = version + 1, updated_at = $3
           WHERE id = $1`,
          [id, await hashPassword(input.password), this.clock.now()],
        );
        saved = await repo.findOneByOrFail({ id });
      }
      // A deactivated user, or one whose password the admin reset, is signed out everywhere.
      if (!saved.active || input.password) await tx.query(`DELETE FROM user_session WHERE user_id = $1`, [id]);
      const diff = changedFields(before, auditedUser(saved));
      if (diff || input.password) {
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'user',
          entityId: id,
          before: diff?.before ?? {},
          after: { ...(diff?.after ?? {}), ...(input.password ? { password: 'reset' } : {}) },
        });
      }
      return toUserView(saved, this.clock.now());
    });
  }

  /** The admin ends every session of a user, remembered devices included: they sign in again. */
  async endSessions(actor: AuthUser, id: string): Promise<{ ended: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [user] = await tx.query(`SELECT id FROM app_user WHERE id = $1`, [id]);
      if (!user) throw new NotFoundException('没有找到该用户 / No such user');
      const [{ n, remembered }] = await tx.query(
        `WITH gone AS (DELETE FROM user_session WHERE user_id = $1 RETURNING remembered)
         SELECT count(*)::int AS n, (count(*) FILTER (WHERE remembered))::int AS remembered FROM gone`,
        [id],
      );
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        after: { sessionsEnded: n, rememberedDevicesEnded: remembered },
      });
      return { ended: n };
    });
  }

  /** Unlocks an account locked after repeated failures. */
  async unlock(actor: AuthUser, id: string): Promise<UserView> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('没有找到该用户 / No such user');
      await tx.query(`UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
        after: { lockedUntil: null },
      });
      return toUserView({ ...user, lockedUntil: null, failedAttempts: 0 }, this.clock.now());
    });
  }

  private async checkLinks(tx: EntityManager, unitId: number | null, personId: number | null): Promise<void> {
    const errors: Record<string, string[]> = {};
    if (unitId !== null && !(await tx.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId])).length) {
      errors['unitId'] = ['没有该单位 / No such unit'];
    }
    if (personId !== null && !(await tx.query(`SELECT 1 FROM person WHERE id = $1`, [personId])).length) {
      errors['personId'] = ['人员名单中没有此人 / No such person'];
    }
    if (Object.keys(errors).length) {
      throw new BadRequestException({ statusCode: 400, message: '提交的内容有误 / The input is invalid', errors });
    }
  }
}
