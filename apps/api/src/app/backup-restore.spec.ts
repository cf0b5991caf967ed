import { createTestApp, createTestDatabase, createTestUser, type TestApp, type TestDatabase } from '@crm/api/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import request from 'supertest';

const exec = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');

/** `npm run backup` / `npm run restore` as an operator runs them, against the database DATABASE_URL names. */
function script(name: 'backup' | 'restore', args: string[], databaseUrl: string) {
  return exec('node', [join(ROOT, 'tools/backup', `${name}.mjs`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

/** Each table's row count and checksum, computed here independently of the scripts. */
async function tables(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const result: Record<string, string> = {};
    for (const { table_name } of rows) {
      const [row] = (await client.query(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table_name}" t`)).rows;
      result[table_name] = `${row.n}:${row.sum}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Issue 18 item 6: a backup restored into a fresh database gives back every row and the same API answers. */
describe('npm run backup / npm run restore', () => {
  let source: TestApp;
  let copy: TestApp;
  let empty: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'crm-backup-'));
  const file = join(dir, 'crm.dump');
  const admin = { cookie: '', csrf: '' };
  const storedFile = randomBytes(200_000);

  beforeAll(async () => {
    source = await createTestApp([], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    // Some of everything: users, sessions, the audit trail, a stored file (bytea).
    const user = await createTestUser(source, { roles: ['admin'] });
    const res = await request(source.app.getHttpServer()).post('/api/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']).map((c) => c.split(';')[0]);
    admin.cookie = cookies.join('; ');
    admin.csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
    for (const name of ['backup-a', 'backup-b']) {
      await request(source.app.getHttpServer())
        .post('/api/users')
        .set('Cookie', admin.cookie)
        .set('X-XSRF-TOKEN', admin.csrf)
        .send({ username: name, displayName: `备份测试${name}`, roles: ['office'] })
        .expect(201);
    }
    await source.dataSource.query(
      `INSERT INTO import_batch (kind, status, file_name, file_sha256, file_size, file_content, created_by)
       VALUES ('enterprises', 'queued', '企业.xlsx', repeat('a', 64), $2, $1, $3)`,
      [storedFile, storedFile.length, user.id],
    );
    empty = await createTestDatabase();
    copy = await createTestApp([], { SIGN_IN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await source?.close();
    await copy?.close();
    await empty?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a custom-format dump with a manifest of every table', async () => {
    await script('backup', ['--out', file], source.database.url);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(manifest.format).toBe('crm-backup/1');
    expect(manifest.tables.app_user.rows).toBe(3);
    expect(manifest.tables.import_batch.rows).toBe(1);
    expect(manifest.source.lastMigration).toBeTruthy();
    // No password in the manifest: a URL's user:password@ would show here.
    expect(JSON.stringify(manifest)).not.toMatch(/\/\/[^/:@]+:[^*@/]+@/);
  });

  it('restores into an empty database: every table, row and byte back', async () => {
    const { stderr } = await script('restore', [file], empty.url);
    expect(stderr).toContain('match the manifest');
    expect(await tables(empty.url)).toEqual(await tables(source.database.url));
    const client = new Client({ connectionString: empty.url });
    await client.connect();
    const [{ file_content }] = (await client.query(`SELECT file_content FROM import_batch`)).rows;
    await client.end();
    expect(Buffer.compare(file_content, storedFile)).toBe(0);
  });

  it('refuses a database that already has tables unless --clean; with --clean the API answers as before', async () => {
    await expect(script('restore', [file], copy.database.url)).rejects.toMatchObject({ stderr: expect.stringContaining('--clean') });
    await script('restore', [file, '--clean'], copy.database.url);
    expect(await tables(copy.database.url)).toEqual(await tables(source.database.url));
    // The same session cookie works on the restored copy, and the same routes answer the same.
    for (const path of ['/api/auth/me', '/api/users']) {
      const before = await request(source.app.getHttpServer()).get(path).set('Cookie', admin.cookie).expect(200);
      const after = await request(copy.app.getHttpServer()).get(path).set('Cookie', admin.cookie).expect(200);
      // serverTime is each API's clock at the answer, not data.
      const data = (body: Record<string, unknown>) => ({ ...body, serverTime: undefined });
      expect(data(after.body)).toEqual(data(before.body));
    }
  });

  it('refuses a damaged dump', async () => {
    const damaged = join(dir, 'damaged.dump');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(damaged, bytes);
    copyFileSync(`${file}.manifest.json`, `${damaged}.manifest.json`);
    await expect(script('restore', [damaged], empty.url)).rejects.toMatchObject({ stderr: expect.stringContaining('SHA-256') });
    expect(existsSync(damaged)).toBe(true);
  });
});
