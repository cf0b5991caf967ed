/**
 * npm run bench -- [--scale 100] [--scales 1,10,100] [--duration 8] [--reuse] [--only board,list-p1]
 *
 * For each scale: loads the synthetic city into a database of its own (crm_bench_<scale>; --reuse
 * keeps one already loaded), starts the built API on it, and for each measured request:
 *   - the SQL floor: the statements the API runs for that answer (captured once through
 *     SQL_CAPTURE_FILE, session checks left out), replayed through pg on one connection;
 *   - the API at 1 and at 32 concurrent clients (autocannon), p50/p95/p99 and requests/s;
 * then the month's roll-up build, the API's peak RSS, and the cockpit in headless Chromium with the
 * CPU slowed 4×. Writes bench/results/<stamp>.json and .md and bench/results/latest.md.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { scenarios } from './scenarios.mjs';
import { timeCockpitInChromium } from './browser.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SCALES = (arg('scales', null) ?? arg('scale', '100')).split(',').map(Number);
const DURATION = Number(arg('duration', '8'));
const REUSE = args.includes('--reuse');
const ONLY = arg('only', null)?.split(',');
const SERVER = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const PORT = Number(process.env.BENCH_PORT ?? 4400);
const ADMIN = { username: 'bench-admin', password: 'Bench-Admin-Pass-2025' };
const OFFICE = { username: 'bench-office', password: 'Ledger-Kite-Harbor-73!' };
const CAPTURE = '/tmp/crm-bench-sql.jsonl';
const BASE = `http://127.0.0.1:${PORT}`;

const log = (line) => process.stdout.write(`${line}\n`);

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (n) => (n === null ? null : Math.round(n * 100) / 100);
function summary(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    perSecond: round(sorted.length / seconds),
  };
}

async function databaseHasData(name) {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) return false;
  } finally {
    await client.end();
  }
  const db = new pg.Client({ connectionString: `${SERVER}/${name}` });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM unit WHERE name LIKE '合成单位%'`);
    return rows[0].n > 0;
  } catch {
    return false;
  } finally {
    await db.end();
  }
}

function loadData(scale, database) {
  log(`loading scale ${scale} into ${database} …`);
  const started = Date.now();
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'migrations/seed/synthetic.run.ts', '--scale', String(scale), '--fresh'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: `${SERVER}/${database}`,
        TS_NODE_PROJECT: 'migrations/tsconfig.json',
        TS_NODE_TRANSPILE_ONLY: 'true',
      },
    },
  );
  return (Date.now() - started) / 1000;
}

async function startApi(database, capture) {
  rmSync(CAPTURE, { force: true });
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `${SERVER}/${database}`,
      REDIS_PREFIX: `crm-bench-${database}`,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      // Sign-in is rate-limited per IP; the benchmark signs in a few times from one address.
      SQL_CAPTURE_FILE: capture ? CAPTURE : '',
    },
  });
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.status < 500) return api;
    } catch {
      // not up yet
    }
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
    await sleep(250);
  }
  throw new Error('the API did not start within a minute');
}

async function stopApi(api) {
  api.kill('SIGTERM');
  for (let i = 0; i < 40 && api.exitCode === null; i++) await sleep(250);
  if (api.exitCode === null) api.kill('SIGKILL');
}

/** Signs in; returns the Cookie header and the CSRF token. */
async function signIn(user) {
  const res = await fetch(`${BASE}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`sign-in as ${user.username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '';
  return { cookie: cookies.join('; '), xsrf };
}

async function ensureOffice(admin, database) {
  const res = await fetch(`${BASE}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-xsrf-token': admin.xsrf },
    body: JSON.stringify({ ...OFFICE, displayName: '基准测试办公室', roles: ['office'] }),
  });
  if (![200, 201, 409].includes(res.status)) throw new Error(`creating the office user: ${res.status} ${await res.text()}`);
  // An account made by an admin must change its password at first sign-in, and the web app would
  // stop at that page; the benchmark's own account is settled in its own database.
  const db = new pg.Client({ connectionString: `${SERVER}/${database}` });
  await db.connect();
  try {
    await db.query(`UPDATE app_user SET must_change_password = false WHERE username = $1`, [OFFICE.username]);
  } finally {
    await db.end();
  }
}

/**
 * The session check every request makes (SessionService.resolve: the lookup, and the sliding
 * expiry written at most once a minute). Only these are left out of the floor; statements that
 * merely join app_user (owners' names) are the answer's own and stay in.
 */
const SESSION_CHECK = /^\s*(SELECT s\.id AS session_id\b|UPDATE user_session SET last_seen_at\b)/;

/** The session lookup as last captured: measured on its own, as the fixed cost of a request. */
let sessionCheck = null;

/** The statements one request runs, less the session check every request makes. */
async function captureStatements(request) {
  writeFileSync(CAPTURE, '');
  const res = await request();
  if (res.status >= 400) throw new Error(`${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  await sleep(50);
  const all = readFileSync(CAPTURE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  sessionCheck = all.find((s) => /^\s*SELECT s\.id AS session_id\b/.test(s.query)) ?? sessionCheck;
  return all.filter((s) => !SESSION_CHECK.test(s.query) && !/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(s.query));
}

/** Replays the statements on one connection for `seconds`; the latency of the whole sequence. */
async function sqlFloor(database, statements, seconds) {
  const client = new pg.Client({ connectionString: `${SERVER}/${database}` });
  await client.connect();
  try {
    // A statement the API prepares (preparedQuery) is replayed prepared, under its name.
    const run = (s) => (s.name ? client.query({ name: s.name, text: s.query, values: s.parameters }) : client.query(s.query, s.parameters));
    for (let i = 0; i < 20; i++) for (const s of statements) await run(s);
    const latencies = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const t = process.hrtime.bigint();
      for (const s of statements) await run(s);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return summary(latencies, seconds);
  } finally {
    await client.end();
  }
}

/**
 * What a cached answer costs when the data has changed: the data version is moved on (as any
 * committed write does), then the answer is asked for once; five times, the median and the worst.
 */
async function missTimes(database, url, headers) {
  const db = new pg.Client({ connectionString: `${SERVER}/${database}` });
  await db.connect();
  const times = [];
  try {
    for (let i = 0; i < 5; i++) {
      await db.query(`UPDATE answer_version SET version = version + 1 WHERE id = 1`);
      const t = process.hrtime.bigint();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    await db.end();
  }
  const sorted = times.sort((a, b) => a - b);
  return { medianMs: round(sorted[2]), maxMs: round(sorted[4]) };
}

function load(url, headers, connections, seconds) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let errors = 0;
    const instance = autocannon({ url, headers, connections, duration: seconds, pipelining: 1 }, (error) => {
      if (error) reject(error);
      else resolve({ ...summary(latencies, seconds), errors });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 400) errors++;
      latencies.push(responseTime);
    });
  });
}

function peakRss(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      // gone
    }
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.round(peak / 1024);
  };
}

async function benchScale(scale) {
  const database = `crm_bench_${scale}`;
  const loadSeconds = REUSE && (await databaseHasData(database)) ? null : loadData(scale, database);
  const result = { scale, database, loadSeconds, scenarios: [], rollUp: null, apiPeakRssMb: null, browser: null };

  // 1. Capture each scenario's SQL with a capturing API.
  let api = await startApi(database, true);
  let admin = await signIn(ADMIN);
  await ensureOffice(admin, database);
  let office = await signIn(OFFICE);
  const chosen = [];
  for (const scenario of scenarios) {
    if (ONLY && !ONLY.includes(scenario.name)) continue;
    const path = await scenario.path({ base: BASE, session: office });
    if (!path) {
      log(`${scenario.name}: not available here, skipped`);
      continue;
    }
    const request = () => fetch(BASE + path, { headers: { cookie: office.cookie } });
    let statements = await captureStatements(request);
    if (scenario.cached) {
      // A cached answer's floor is that of a cache read: the statements of a repeat (the data
      // version read), not those of the computation the first request may have made.
      await request().then((res) => res.arrayBuffer());
      statements = await captureStatements(request);
    }
    chosen.push({ ...scenario, url: BASE + path, statements });
  }
  await stopApi(api);

  // 2. Measure with a plain API.
  api = await startApi(database, false);
  const rss = peakRss(api.pid);
  admin = await signIn(ADMIN);
  office = await signIn(OFFICE);
  for (const s of chosen) {
    const headers = { cookie: office.cookie };
    await load(s.url, headers, 4, 2); // warm-up
    const floor = await sqlFloor(database, s.statements, DURATION);
    const one = await load(s.url, headers, 1, DURATION);
    const many = await load(s.url, headers, 32, DURATION);
    const miss = s.cached ? await missTimes(database, s.url, headers) : null;
    const row = {
      name: s.name,
      title: s.title,
      cached: !!s.cached,
      miss,
      statements: s.statements.length,
      floor,
      one,
      many,
      addedP50: round(one.p50 - floor.p50),
      ratioP50: round(one.p50 / floor.p50),
    };
    result.scenarios.push(row);
    log(
      `${s.name}: floor p50 ${floor.p50} ms | 1 client p50 ${one.p50} p95 ${one.p95} p99 ${one.p99} (${one.perSecond}/s)` +
        ` | 32 clients p50 ${many.p50} p95 ${many.p95} p99 ${many.p99} (${many.perSecond}/s, ${many.errors} errors)` +
        (miss ? ` | miss (after a write) median ${miss.medianMs} ms, max ${miss.maxMs} ms` : ''),
    );
  }

  // 3. The month's roll-up, built on demand by the office.
  const period = process.env.BENCH_ROLL_UP_PERIOD ?? '2025-09';
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = Date.now();
    const res = await fetch(`${BASE}/api/roll-ups/${period}/build`, {
      method: 'POST',
      headers: { cookie: office.cookie, 'x-xsrf-token': office.xsrf, 'content-type': 'application/json' },
      body: '{}',
    });
    await res.arrayBuffer();
    if (res.status >= 400) {
      log(`roll-up build: ${res.status}, skipped`);
      break;
    }
    times.push(Date.now() - t);
  }
  if (times.length) {
    const sorted = [...times].sort((a, b) => a - b);
    result.rollUp = { period, builds: times.length, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1] };
    log(`roll-up ${period}: median ${result.rollUp.medianMs} ms, max ${result.rollUp.maxMs} ms`);
  }
  result.apiPeakRssMb = rss();
  if (sessionCheck) {
    result.sessionCheck = await sqlFloor(database, [sessionCheck], 3);
    log(`session check alone (in every API figure, not in the floors): p50 ${result.sessionCheck.p50} ms`);
  }
  log(`API peak RSS: ${result.apiPeakRssMb} MB`);

  // 4. The cockpit in a slowed-down browser.
  try {
    result.browser = await timeCockpitInChromium(BASE, office.cookie);
    log(`cockpit in Chromium (CPU 4× slower): figures after ${result.browser.figuresShownMs} ms`);
  } catch (error) {
    log(`cockpit in Chromium: ${error.message}`);
  }
  await stopApi(api);
  return result;
}

function markdown(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`### Scale ${r.scale}${r.loadSeconds !== null ? ` (loaded in ${Math.round(r.loadSeconds)} s)` : ''}`, '');
    lines.push(
      '| request | SQL floor p50 | API p50 (1) | added | ratio | API p95 (1) | p99 (1) | req/s (1) | p50 (32) | p95 (32) | p99 (32) | req/s (32) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const s of r.scenarios) {
      lines.push(
        `| ${s.title}${s.cached ? ' (cached)' : ''} | ${s.floor.p50} | ${s.one.p50} | ${s.addedP50} | ${s.ratioP50}× | ${s.one.p95} | ${s.one.p99} | ${s.one.perSecond} | ${s.many.p50} | ${s.many.p95} | ${s.many.p99} | ${s.many.perSecond} |`,
      );
    }
    lines.push(
      '',
      'Times in ms. (cached): answered from the answer cache while the data stand; its floor is that of a cache read (the data version).',
    );
    for (const s of r.scenarios.filter((x) => x.miss)) {
      lines.push(`${s.title}, the first answer after a write (computed afresh): median ${s.miss.medianMs} ms, worst ${s.miss.maxMs} ms of 5.`);
    }
    if (r.rollUp) lines.push(`Roll-up ${r.rollUp.period} built in ${r.rollUp.medianMs} ms (median of ${r.rollUp.builds}).`);
    lines.push(`API peak RSS during the run: ${r.apiPeakRssMb} MB.`);
    if (r.sessionCheck) lines.push(`The session check every request makes (in the API figures, not in the floors): p50 ${r.sessionCheck.p50} ms through pg.`);
    if (r.browser) lines.push(`Cockpit figures shown in Chromium with the CPU slowed 4×: ${r.browser.figuresShownMs} ms.`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  // Always through nx: its cache makes an unchanged build instant, and a stale dist/ would
  // measure old code.
  log('building the API and the web app …');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'], { stdio: 'inherit' });
  const cpus = (await import('node:os')).cpus();
  const results = [];
  for (const scale of SCALES) results.push(await benchScale(scale));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  mkdirSync('bench/results', { recursive: true });
  const machine = `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}`;
  writeFileSync(`bench/results/${stamp}.json`, JSON.stringify({ machine, durationSeconds: DURATION, results }, null, 2));
  const md = `# Benchmark ${stamp}\n\nMachine: ${machine}. ${DURATION} s per measurement.\n\n${markdown(results)}`;
  writeFileSync(`bench/results/${stamp}.md`, md);
  writeFileSync('bench/results/latest.md', md);
  log(`\n${md}\nwritten: bench/results/${stamp}.json, bench/results/${stamp}.md`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
