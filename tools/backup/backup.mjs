#!/usr/bin/env node
/**
 * npm run backup -- --out FILE
 *
 * Writes the whole database that DATABASE_URL names (every table: projects, the audit trail, users,
 * generated exports and uploaded files, which live in the database) with pg_dump's custom format to
 * FILE, and beside it FILE.manifest.json: when, from which database, the schema's last migration, the
 * dump's SHA-256, and every table's row count and checksum (checked by `npm run restore`).
 * Redis holds nothing that needs a backup (job queues are rebuilt; the worker re-registers schedules).
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { connect, databaseUrl, fail, fingerprint, parseArgs, run, safeUrl, say, tool, toolVersion } from './common.mjs';

const { flags } = parseArgs(process.argv.slice(2));
if (typeof flags.out !== 'string') fail('用法 / usage: npm run backup -- --out FILE');
const out = resolve(flags.out);
const url = databaseUrl();

mkdirSync(dirname(out), { recursive: true });
const client = await connect(url);
try {
  const {
    rows: [meta],
  } = await client.query(
    `SELECT current_database() AS database, current_setting('server_version') AS server_version,
            (SELECT name FROM migrations ORDER BY id DESC LIMIT 1) AS last_migration`,
  ).catch(() => client.query(`SELECT current_database() AS database, current_setting('server_version') AS server_version, null AS last_migration`));

  say(`备份 / backing up ${safeUrl(url)} → ${out}`);
  const partial = `${out}.partial`;
  // Custom format: compressed, restorable table by table, in parallel; no owners or grants, so it
  // restores under any role on a new machine.
  run(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`]);
  // The tables are read after the dump; both describe the same data when nobody writes meanwhile
  // (the dump itself is always consistent: pg_dump reads one snapshot).
  const tables = await fingerprint(client);
  renameSync(partial, out);

  const sha256 = await new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(out)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')))
      .on('error', reject);
  });
  const manifest = {
    format: 'crm-backup/1',
    createdAt: new Date().toISOString(),
    source: { url: safeUrl(url), database: meta.database, serverVersion: meta.server_version, lastMigration: meta.last_migration },
    pgDump: toolVersion('pg_dump'),
    dump: { file: out.split('/').pop(), bytes: statSync(out).size, sha256 },
    tables,
  };
  writeFileSync(`${out}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const rowCount = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  say(`完成 / done: ${Object.keys(tables).length} tables, ${rowCount} rows, ${manifest.dump.bytes} bytes; manifest ${out}.manifest.json`);
} finally {
  await client.end();
}
