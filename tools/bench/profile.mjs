/**
 * node tools/bench/profile.mjs [--api dist/apps/api/main.js] [--scale 1] [--seconds 15] [--clients 8] [--out tmp/profile]
 *
 * Where the API's CPU goes (issue 23): starts the built API with `node --cpu-prof` on the synthetic
 * city already loaded by `npm run bench -- --scale <n>` (crm_bench_<n>), logging requests at info
 * (as in production), signs in as the benchmark's office user, drives the chain board, the project
 * list with search and a project's detail, each for --seconds with --clients connections, stops the
 * API and prints the top frames by self time (the whole run, idle time left out) and the load's
 * figures (`--summarise <file.cpuprofile>` prints the tables of a profile already taken). Short on purpose: a profile, not a benchmark (`npm run bench` measures).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const API = arg('api', 'dist/apps/api/main.js');
const SCALE = Number(arg('scale', '1'));
const SECONDS = Number(arg('seconds', '15'));
const CLIENTS = Number(arg('clients', '8'));
const OUT = arg('out', 'tmp/profile');
const TOP = Number(arg('top', '20'));
const SERVER = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = `crm_bench_${SCALE}`;
const PORT = Number(process.env.BENCH_PORT ?? 4410);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { username: 'bench-admin', password: 'Bench-Admin-Pass-2025' };
const OFFICE = { username: 'profile-office', password: 'Kq7-Wobble-Tarn-2025' };
const log = (line) => process.stdout.write(`${line}\n`);

async function signIn(user) {
  const res = await fetch(`${BASE}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${user.username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; '), xsrf: cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice(11) ?? '' };
}

async function ensureOffice(admin) {
  const res = await fetch(`${BASE}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-xsrf-token': admin.xsrf },
    body: JSON.stringify({ ...OFFICE, displayName: '基准测试办公室', roles: ['office'] }),
  });
  if (![200, 201, 409].includes(res.status)) throw new Error(`creating the office user: ${res.status}`);
  const db = new pg.Client({ connectionString: `${SERVER}/${DATABASE}` });
  await db.connect();
  await db.query(`UPDATE app_user SET must_change_password = false WHERE username = $1`, [OFFICE.username]);
  await db.end();
}

function drive(url, cookie) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers: { cookie }, connections: CLIENTS, duration: SECONDS }, (error, result) =>
      error ? reject(error) : resolve({ requests: result.requests.total, perSecond: result.requests.average, p50: result.latency.p50, p97_5: result.latency.p97_5, non2xx: result.non2xx }),
    );
  });
}

/** Self time per frame (function, file:line), summed over the profile's samples; idle and GC apart. */
export function topFrames(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const frames = new Map();
  let busy = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    busy += micros;
    const file = callFrame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
    const key = `${callFrame.functionName || '(anonymous)'} ${file ? `${file}:${callFrame.lineNumber + 1}` : ''}`.trim();
    frames.set(key, (frames.get(key) ?? 0) + micros);
  }
  const sorted = [...frames.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { busyMs: busy / 1000, frames: sorted.map(([frame, micros]) => ({ frame, ms: micros / 1000, share: micros / busy })) };
}

/** Self time grouped by where the code lives: an npm package, the app's bundle, Node's internals, native. */
export function byPackage(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups = new Map();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const { callFrame } = byId.get(profile.samples[i]);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    const micros = profile.timeDeltas[i] ?? 0;
    busy += micros;
    const url = callFrame.url;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const group = pkg ?? (url.includes('dist/apps/api') ? 'the API bundle (our code)' : url.startsWith('node:') ? 'Node internals' : url ? url : `native: ${callFrame.functionName || '(anonymous)'}`);
    groups.set(group, (groups.get(group) ?? 0) + micros);
  }
  return [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([group, micros]) => ({ group, ms: micros / 1000, share: micros / busy }));
}

function report(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const { busyMs, frames } = topFrames(profile, TOP);
  log(`\nbusy ${Math.round(busyMs)} ms sampled outside idle (and "(program)"); top ${TOP} frames by self time:`);
  log('| self ms | share | frame |\n| ---: | ---: | --- |');
  for (const f of frames) log(`| ${Math.round(f.ms)} | ${(f.share * 100).toFixed(1)}% | ${f.frame.replace(/\|/g, '\\|')} |`);
  log(`\nby package:\n| self ms | share | where |\n| ---: | ---: | --- |`);
  for (const g of byPackage(profile, TOP)) log(`| ${Math.round(g.ms)} | ${(g.share * 100).toFixed(1)}% | ${g.group} |`);
  log(`\nprofile: ${file}`);
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const api = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', OUT, API], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `${SERVER}/${DATABASE}`,
      REDIS_PREFIX: `crm-profile-${DATABASE}`,
      LOG_LEVEL: 'info',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    },
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (i > 240 || api.exitCode !== null) throw new Error('the API did not start');
    await sleep(250);
  }
  let office;
  try {
    const admin = await signIn(ADMIN);
    await ensureOffice(admin);
    office = await signIn(OFFICE);
  } catch (error) {
    api.kill('SIGTERM');
    throw error;
  }
  const detail = await (await fetch(`${BASE}/api/projects?chain=clean-energy&stage=production&limit=1`, { headers: { cookie: office.cookie } })).json();
  const targets = {
    board: '/api/chains/clean-energy/board',
    list: `/api/projects?chain=clean-energy&status=active&q=${encodeURIComponent('电')}&limit=20`,
    detail: `/api/projects/${detail.items[0].id}`,
  };
  for (const [name, path] of Object.entries(targets)) {
    const figures = await drive(BASE + path, office.cookie);
    log(`${name}: ${figures.requests} requests, ${figures.perSecond}/s, p50 ${figures.p50} ms, p97.5 ${figures.p97_5} ms, non-2xx ${figures.non2xx}`);
  }
  api.kill('SIGTERM');
  for (let i = 0; i < 80 && api.exitCode === null; i++) await sleep(250);
  const file = readdirSync(OUT).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written (did the API exit cleanly?)');
  report(join(OUT, file));
}

const SUMMARISE = arg('summarise', null);
(SUMMARISE ? Promise.resolve(report(SUMMARISE)) : main()).catch((error) => {
  process.stderr.write(`profile failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
