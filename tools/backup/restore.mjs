#!/usr/bin/env node
/**
 * npm run restore -- FILE [--clean]
 *
 * Restores a backup written by `npm run backup` into the database that DATABASE_URL names (created when
 * it does not exist). Checks the dump against its manifest's SHA-256 first, and after the restore
 * compares every table's row count and checksum with the manifest; any difference is reported and the
 * command fails. A database that already holds tables is refused unless --clean is given (then the
 * backup's objects replace the ones there). Stop the API and the worker while restoring.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, databaseUrl, fail, fingerprint, parseArgs, run, safeUrl, say, tool } from './common.mjs';

const { flags, positional } = parseArgs(process.argv.slice(2));
if (positional.length !== 1) fail('用法 / usage: npm run restore -- FILE [--clean]');
const file = resolve(positional[0]);
if (!existsSync(file)) fail(`找不到备份文件 / no such backup file: ${file}`);
const manifestFile = `${file}.manifest.json`;
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null;
if (!manifest) say(`警告 / warning: no manifest beside the backup (${manifestFile}); the restore cannot be checked`);

if (manifest) {
  const sha256 = await new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')))
      .on('error', reject);
  });
  if (sha256 !== manifest.dump.sha256) fail('备份文件与清单的校验值不符，文件可能已损坏 / the dump does not match its manifest (SHA-256): damaged or replaced');
}

const url = databaseUrl();
await ensureDatabase(url);
const client = await connect(url);
try {
  const {
    rows: [{ tables }],
  } = await client.query(
    `SELECT count(*)::integer AS tables FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  if (tables > 0 && !flags.clean) {
    fail(`目标数据库已有 ${tables} 张表；恢复到空数据库，或加 --clean 覆盖 / the target database already has ${tables} tables: restore into an empty one, or add --clean to replace them`);
  }
  say(`恢复 / restoring ${file} → ${safeUrl(url)}`);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`];
  if (flags.clean) args.push('--clean', '--if-exists');
  else args.push('--single-transaction');
  run(tool('pg_restore'), [...args, file]);

  if (!manifest) {
    say('完成（未校验）/ done (not checked: no manifest)');
  } else {
    const restored = await fingerprint(client);
    const problems = [];
    for (const [name, expected] of Object.entries(manifest.tables)) {
      const got = restored[name];
      if (!got) problems.push(`${name}: missing`);
      else if (got.rows !== expected.rows || got.checksum !== expected.checksum) {
        problems.push(`${name}: ${got.rows} rows (expected ${expected.rows})${got.checksum !== expected.checksum ? ', checksum differs' : ''}`);
      }
    }
    if (problems.length) fail(`恢复后的数据与备份不一致 / the restored data differs from the backup:\n  ${problems.join('\n  ')}`);
    const rowCount = Object.values(restored).reduce((n, t) => n + t.rows, 0);
    say(`完成，已校验 / done and checked: ${Object.keys(manifest.tables).length} tables, ${rowCount} rows match the manifest`);
  }
} finally {
  await client.end();
}

/** Creates the target database when it does not exist (a new machine). */
async function ensureDatabase(target) {
  const parsed = new URL(target);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!name) fail('DATABASE_URL 未指定数据库名 / DATABASE_URL names no database');
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = await connect(admin.toString());
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rows.length) {
      say(`创建数据库 / creating database ${name}`);
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}
