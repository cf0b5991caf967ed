/**
 * npm run bench:scale-out
 *
 * Two API processes and two workers on one machine, against one PostgreSQL and one Redis (issue 7,
 * "beyond one process"). Shows: a session made on one API is valid on the other; a load spread
 * across both APIs; the monthly reminders, fired several times at once across both workers, each
 * sent exactly once; a write through one API seen at once through the other (each keeps its own
 * answer cache, keyed by the data version). Uses the synthetic city at scale 1 in a database of its own (crm_scale_out).
 */
import autocannon from 'autocannon';
import { Queue, QueueEvents } from 'bullmq';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const SERVER = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'crm_scale_out';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `crm-scale-out-${randomBytes(3).toString('hex')}`;
const PORTS = [4401, 4402];
const ADMIN = { username: 'scale-admin', password: 'Scale-Admin-Pass-2025' };
const log = (line) => process.stdout.write(`${line}\n`);

const env = (extra) => ({
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: `${SERVER}/${DATABASE}`,
  REDIS_URL,
  REDIS_PREFIX: PREFIX,
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'scale-out-only-session-secret-0123456789abcdef',
  ADMIN_USERNAME: ADMIN.username,
  ADMIN_PASSWORD: ADMIN.password,
  ...extra,
});

async function waitUp(port, child) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status < 500) return;
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error(`process on ${port} exited with ${child.exitCode}`);
    await sleep(250);
  }
  throw new Error(`nothing answers on ${port}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function load(url, cookie, connections, seconds) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon({ url, headers: { cookie }, connections, duration: seconds }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({ requests: latencies.length, non2xx: result.non2xx, perSecond: Math.round(latencies.length / seconds), p50: percentile(latencies, 50), p95: percentile(latencies, 95) });
    });
    instance.on('response', (_c, _s, _b, time) => latencies.push(time));
  });
}

/** A day the synthetic city's units owe a report and are chased (its periods are 2025's). */
const REMINDER_DAY = '2025-10-26T09:00:00+08:00';
const OFFICE = { username: 'scale-office', password: 'Ledger-Kite-Harbor-73!' };

async function signInOn(port, user) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status >= 400) throw new Error(`sign-in as ${user.username} on ${port}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; '), xsrf: cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '' };
}

/**
 * The chain board read on both APIs (so both hold it), a unit of one of its cards renamed by the
 * office through API A, then the board read again on B: it must carry the new name and equal A's.
 */
async function seenAcross(adminCookie) {
  const [a, b] = PORTS.map((port) => `http://127.0.0.1:${port}`);
  const created = await fetch(`${a}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie, 'x-xsrf-token': /XSRF-TOKEN=([^;]+)/.exec(adminCookie)?.[1] ?? '' },
    body: JSON.stringify({ ...OFFICE, displayName: '扩展测试办公室', roles: ['office'] }),
  });
  if (![200, 201, 409].includes(created.status)) throw new Error(`creating the office user: ${created.status} ${await created.text()}`);
  const db = new pg.Client({ connectionString: `${SERVER}/${DATABASE}` });
  await db.connect();
  try {
    await db.query(`UPDATE app_user SET must_change_password = false WHERE username = $1`, [OFFICE.username]);
    const office = await signInOn(PORTS[0], OFFICE);
    const board = async (base) => {
      const res = await fetch(`${base}/api/chains/clean-energy/board`, { headers: { cookie: office.cookie } });
      return { etag: res.headers.get('etag'), body: await res.text() };
    };
    const before = [await board(a), await board(b), await board(b)];
    const card = JSON.parse(before[1].body).columns.flatMap((c) => c.projects)[0];
    const { rows: [{ today }] } = await db.query(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS today`);
    const name = `扩展测试单位${Date.now().toString(36)}`;
    const renamed = await fetch(`${a}/api/plans/units/${card.responsibleUnit?.id ?? card.responsibleUnitId}/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: office.cookie, 'x-xsrf-token': office.xsrf },
      body: JSON.stringify({ name, from: today }),
    });
    if (renamed.status >= 400) throw new Error(`renaming the unit on ${PORTS[0]}: ${renamed.status} ${await renamed.text()}`);
    const afterB = await board(b);
    const afterA = await board(a);
    const seen = afterB.body.includes(name) && afterB.body === afterA.body;
    log(
      `board read on both, then a unit renamed through ${PORTS[0]}: ${PORTS[1]}'s next answer ` +
        `${afterB.body.includes(name) ? 'carries the new name' : 'does NOT carry the new name'}, ` +
        `${afterB.body === afterA.body ? 'equals' : 'DIFFERS from'} ${PORTS[0]}'s; ETag ${before[2].etag} → ${afterB.etag}` +
        ` → ${seen ? 'no stale answer across processes' : 'STALE'}`,
    );
    if (!seen) process.exitCode = 1;
  } finally {
    await db.end();
  }
}

async function main() {
  if (!existsSync('dist/apps/api/main.js') || !existsSync('dist/apps/worker/main.js')) {
    execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--output-style=static'], { stdio: 'inherit' });
  }
  log(`loading the synthetic city (scale 1) into ${DATABASE} …`);
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'migrations/seed/synthetic.run.ts', '--scale', '1', '--fresh'],
    { stdio: 'ignore', env: { ...process.env, DATABASE_URL: `${SERVER}/${DATABASE}`, TS_NODE_PROJECT: 'migrations/tsconfig.json', TS_NODE_TRANSPILE_ONLY: 'true' } },
  );

  const children = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  try {
    for (const port of PORTS) {
      const api = spawn(process.execPath, ['dist/apps/api/main.js'], { stdio: ['ignore', 'ignore', 'inherit'], env: env({ PORT: String(port) }) });
      children.push(api);
      await waitUp(port, api);
    }
    for (let i = 0; i < 2; i++) {
      // The workers' clock is set to a day in the synthetic city's year when reminders fall due
      // (the escalation of the 26th), so the run shows them sent once whatever today's date is; a set
      // clock is refused in production, so the workers run in development mode.
      children.push(
        spawn(process.execPath, ['dist/apps/worker/main.js'], {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: env({ NODE_ENV: 'development', CLOCK_START_AT: REMINDER_DAY }),
        }),
      );
    }
    log(`2 APIs on ${PORTS.join(' and ')}, 2 workers, Redis prefix ${PREFIX}`);

    // A session made on one API serves on the other: sessions live in PostgreSQL.
    const res = await fetch(`http://127.0.0.1:${PORTS[0]}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`http://127.0.0.1:${PORTS[1]}/api/auth/me`, { headers: { cookie } });
    log(`signed in on ${PORTS[0]}, GET /api/auth/me on ${PORTS[1]}: ${me.status} ${me.status === 200 ? '(session valid on both)' : '(FAILED)'}`);

    // A write through one API is seen at once through the other (issue 23 §5): each API keeps its
    // own answer cache, keyed by PostgreSQL's data version, which the write moves on at its commit.
    await seenAcross(cookie);

    // Load spread across both.
    const results = await Promise.all(PORTS.map((port) => load(`http://127.0.0.1:${port}/api/chains/clean-energy/board`, cookie, 16, 10)));
    PORTS.forEach((port, i) => log(`API ${port}: ${results[i].requests} requests in 10 s (${results[i].perSecond}/s), p50 ${results[i].p50} ms, p95 ${results[i].p95} ms, non-2xx ${results[i].non2xx}`));

    // Reminders fired six times at once; the two workers share them and send each once.
    const connection = { url: REDIS_URL };
    const queue = new Queue('reporting', { connection, prefix: `${PREFIX}:bull` });
    const events = new QueueEvents('reporting', { connection, prefix: `${PREFIX}:bull` });
    await events.waitUntilReady();
    const jobs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => queue.add('monthly-reminder', { requestedAt: `scale-out-${i}` }, { removeOnComplete: false })),
    );
    await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 120_000)));
    const done = await Promise.all(jobs.map((job) => queue.getJob(job.id)));
    const byWorker = {};
    for (const job of done) byWorker[job.processedBy ?? 'unknown'] = (byWorker[job.processedBy ?? 'unknown'] ?? 0) + 1;
    log(`6 reminder jobs processed: ${Object.entries(byWorker).map(([w, n]) => `${n} by ${w}`).join(', ')}`);
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();

    const db = new pg.Client({ connectionString: `${SERVER}/${DATABASE}` });
    await db.connect();
    try {
      const sent = await db.query(`SELECT count(*)::int AS keys, coalesce(sum(recipients), 0)::int AS recipients FROM reminder_sent`);
      const notes = await db.query(`SELECT count(*)::int AS n FROM notification WHERE kind IN ('report-reminder', 'report-escalation')`);
      const dupes = await db.query(
        `SELECT count(*)::int AS n FROM (SELECT user_id, title FROM notification GROUP BY user_id, title HAVING count(*) > 1) d`,
      );
      log(
        `reminders: ${sent.rows[0].keys} (unit, period, kind) sent, ${sent.rows[0].recipients} recipients, ` +
          `${notes.rows[0].n} notifications, ${dupes.rows[0].n} duplicated → ${notes.rows[0].n === sent.rows[0].recipients && dupes.rows[0].n === 0 ? 'each sent exactly once' : 'MISMATCH'}`,
      );
    } finally {
      await db.end();
    }
  } finally {
    stopAll();
    await sleep(1000);
  }
}

main().catch((error) => {
  process.stderr.write(`scale-out failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
