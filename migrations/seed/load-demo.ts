/**
 * npm run seed:demo — loads the demo data into DATABASE_URL (default: the local crm database):
 * the demo users of every role. Never part of a normal start.
 */
import 'reflect-metadata';
import { hash } from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migration-list';
import { ensureDatabaseExists, prepareDatabase } from '../prepare-database';
import { DEMO_USERS, seedDemoUsers } from './demo-users';

async function main() {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm';
  await ensureDatabaseExists(url);
  const dataSource = await new DataSource({ type: 'postgres', url, migrations: MIGRATIONS }).initialize();
  try {
    await prepareDatabase(dataSource);
    const password = process.env['DEMO_PASSWORD'] ?? randomBytes(9).toString('base64url');
    const created = await seedDemoUsers(dataSource.manager, await hash(password, { type: 2 }));
    process.stdout.write(
      created.length
        ? `demo users created / 已创建演示账号: ${created.join(', ')}\n` +
            (process.env['DEMO_PASSWORD'] ? '' : `password for all of them / 统一密码: ${password}\n`)
        : `demo users already present / 演示账号已存在: ${DEMO_USERS.map((u) => u.username).join(', ')}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed:demo failed / 演示数据加载失败: ${error.message}\n`);
  process.exit(1);
});
