/**
 * Starts the built API (which serves the built web app) on a fresh database for the browser
 * tests, and drops that database when Playwright stops it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const server = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const name = `crm_e2e_${randomBytes(4).toString('hex')}`;
const port = process.env.E2E_PORT ?? '4300';

async function admin(sql) {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'test',
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: `${server}/${name}`,
    REDIS_PREFIX: `crm-e2e-${name}`,
    LOG_LEVEL: 'warn',
    // The browser suite signs in dozens of times a minute from one address; the production limit
    // (20 a minute per client) is checked by apps/api/src/app/hardening.spec.ts instead.
    SIGN_IN_RATE_PER_MINUTE: '1000',
  },
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await new Promise((r) => (api.exitCode !== null ? r() : api.once('exit', r)));
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  process.exit(code);
}
api.once('exit', (code) => void stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
