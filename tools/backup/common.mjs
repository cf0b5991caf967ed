/**
 * Shared by `npm run backup` and `npm run restore`: the database URL, the PostgreSQL tools, and the
 * per-table fingerprint (row count and checksum) written into a backup's manifest and compared after
 * a restore.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const say = (message) => process.stderr.write(`${message}\n`);

export function fail(message) {
  say(`错误 / error: ${message}`);
  process.exit(1);
}

/** DATABASE_URL from the environment, else from .env at the repository root (as the API reads it). */
export function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const envFile = join(root, '.env');
  if (existsSync(envFile)) {
    const line = readFileSync(envFile, 'utf8')
      .split('\n')
      .find((l) => /^\s*DATABASE_URL\s*=/.test(l));
    if (line) return line.split('=').slice(1).join('=').trim().replace(/^["']|["']$/g, '');
  }
  fail('DATABASE_URL 未设置 / DATABASE_URL is not set (environment or .env)');
}

/** pg_dump / pg_restore: from PG_BIN when set, else from PATH. */
export function tool(name) {
  return process.env.PG_BIN ? join(process.env.PG_BIN, name) : name;
}

export function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) fail(`${command}: ${result.error.message} (install the PostgreSQL client tools or set PG_BIN)`);
  if (result.status !== 0) fail(`${command} exited with ${result.status}`);
}

export function toolVersion(name) {
  const result = spawnSync(tool(name), ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The URL without its password, for messages and the manifest. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

export async function connect(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Every table of the application's schema with its row count and a checksum of its rows (md5 of the
 * sorted md5s of each row's text), so a restore can prove it brought back every row byte for byte,
 * stored Word and Excel files included.
 */
export async function fingerprint(client) {
  const { rows: tables } = await client.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
     ORDER BY table_schema, table_name`,
  );
  const result = {};
  for (const { schema, name } of tables) {
    const qualified = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
    const {
      rows: [row],
    } = await client.query(
      `SELECT count(*)::bigint AS rows, coalesce(md5(string_agg(h, '' ORDER BY h)), md5('')) AS checksum
       FROM (SELECT md5(t::text) AS h FROM ${qualified} t) x`,
    );
    result[schema === 'public' ? name : `${schema}.${name}`] = { rows: Number(row.rows), checksum: row.checksum };
  }
  return result;
}

export function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=');
      if (inline !== undefined) flags[key] = inline;
      else if (argv[i + 1] && !argv[i + 1].startsWith('--')) flags[key] = argv[++i];
      else flags[key] = true;
    } else positional.push(arg);
  }
  return { flags, positional };
}
