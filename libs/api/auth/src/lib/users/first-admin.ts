import { authConfig, CLOCK, type AuthConfig, type Clock } from '@crm/api/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../sign-in/password-hasher';

/**
 * First start: when no admin exists, create one from ADMIN_USERNAME / ADMIN_PASSWORD, or with a
 * generated password printed once to the console (not to the structured log) and to be changed
 * at first sign-in.
 */
@Injectable()
export class FirstAdmin {
  private readonly logger = new Logger(FirstAdmin.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ensure(): Promise<void> {
    const [{ exists }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) AND active) AS exists`,
    );
    if (exists) return;
    const generated = this.config.adminPassword === null;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const inserted = await this.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, must_change_password, created_at, updated_at)
       VALUES ($1, '系统管理员', $2, ARRAY['admin'], $3, $4, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [this.config.adminUsername, await hashPassword(password), generated, this.clock.now()],
    );
    if (!inserted.length) return;
    this.logger.warn(`created the first admin account "${this.config.adminUsername}"`);
    if (generated) {
      process.stdout.write(
        `\n  首个管理员账号 / first admin account: ${this.config.adminUsername}\n` +
          `  初始密码（仅显示这一次，登录后请修改）/ initial password (shown once, change it at first sign-in): ${password}\n\n`,
      );
    }
  }
}
