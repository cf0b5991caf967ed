import type { TestApp } from '@crm/api/testing';
import { STAGES, type Stage } from '@crm/domain';

/*
 * Test support: a seeded generator of projects with their ledgers, written straight to the
 * database, and exact decimal arithmetic (BigInt millionths) for computing the expected figures
 * independently of PostgreSQL.
 */

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

export interface FixtureProject {
  id?: string;
  name: string;
  chainId: number;
  stage: Stage;
  status: 'active' | 'paused' | 'dropped';
  major: boolean;
  agreements: { kind: 'initial' | 'supplementary'; amount: string; signedOn: string }[];
  funds: { month: string; amount: string; verified: boolean }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Projects over the given chains: most signed at some point, some moved back, dropped or paused. */
export function generateProjects(seed: number, chainIds: number[], count: number): FixtureProject[] {
  const r = prng(seed);
  const amounts = ['1000', '5000.5', '20000', '60000', '120000.25', '8000'];
  return Array.from({ length: count }, (_, i) => {
    const agreements: FixtureProject['agreements'] = [];
    if (r.next() < 0.7) {
      const month = 6 + r.int(19); // 2024-07 .. 2026-01
      const y = 2024 + Math.floor((month - 1) / 12);
      const m = ((month - 1) % 12) + 1;
      agreements.push({ kind: 'initial', amount: r.pick(amounts), signedOn: `${y}-${pad(m)}-${pad(1 + r.int(28))}` });
      for (let s = r.int(3); s > 0; s--) {
        const sm = Math.min(month + 1 + r.int(6), 24);
        const sy = 2024 + Math.floor((sm - 1) / 12);
        agreements.push({
          kind: 'supplementary',
          amount: r.pick(amounts),
          signedOn: `${sy}-${pad(((sm - 1) % 12) + 1)}-${pad(1 + r.int(28))}`,
        });
      }
    }
    const funds = Array.from({ length: r.int(4) }, () => {
      const month = 11 + r.int(14); // 2024-11 .. 2025-12
      const y = 2024 + Math.floor((month - 1) / 12);
      return { month: `${y}-${pad(((month - 1) % 12) + 1)}`, amount: r.pick(amounts), verified: r.next() < 0.5 };
    });
    // Signed projects mostly stay at or past signing; some were moved back below it.
    const stage = agreements.length && r.next() < 0.8 ? r.pick(STAGES.slice(3)) : r.pick(STAGES.slice(0, 3));
    const status = r.next() < 0.1 ? 'dropped' : r.next() < 0.1 ? 'paused' : 'active';
    return { name: `项目${seed}-${i}`, chainId: r.pick(chainIds), stage, status, major: r.next() < 0.2, agreements, funds };
  });
}

/** Writes the projects and their ledgers in SQL (the triggers keep the totals, as for any writer). */
export async function insertProjects(t: TestApp, ownerId: string, unitId: number, projects: FixtureProject[]) {
  for (const p of projects) {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         status_reason, major)
       VALUES ($1, $2, '某投资方', 'other', $3, $4, $5, $6::project_status,
         CASE WHEN $6::project_status = 'active' THEN NULL ELSE '原因' END, $7)
       RETURNING id`,
      [p.name, p.chainId, unitId, ownerId, p.stage, p.status, p.major],
    );
    p.id = id;
    for (const [i, a] of p.agreements.entries()) {
      await t.dataSource.query(
        `INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, $2, $3, $4, $5)`,
        [id, a.kind, a.amount, a.signedOn, `${p.name}-${i}`],
      );
    }
    for (const f of p.funds) {
      await t.dataSource.query(
        `INSERT INTO fund_arrival (project_id, month, amount, verified, verified_at)
         VALUES ($1, $2, $3, $4::boolean, CASE WHEN $4::boolean THEN now() END)`,
        [id, f.month, f.amount, f.verified],
      );
    }
  }
}

// ---------------------------------------------------------------- exact decimals

const SCALE = BigInt(1_000_000);
const ZERO = BigInt(0);
const TWO = BigInt(2);
const TEN = BigInt(10);

/** "123.45" → 123450000 millionths. */
export function micro(value: string): bigint {
  const negative = value.startsWith('-');
  const [int, frac = ''] = value.replace('-', '').split('.');
  const v = BigInt(int) * SCALE + BigInt((frac + '000000').slice(0, 6));
  return negative ? -v : v;
}

/** a / b rounded half away from zero to `places` decimals, as PostgreSQL's round() prints it. */
export function divRound(a: bigint, b: bigint, places: number): string {
  const factor = TEN ** BigInt(places);
  const negative = a < ZERO !== b < ZERO && a !== ZERO;
  const num = (a < ZERO ? -a : a) * factor;
  const den = b < ZERO ? -b : b;
  const q = (num * TWO + den) / (TWO * den);
  const int = q / factor;
  const frac = (q % factor).toString().padStart(places, '0');
  return `${negative ? '-' : ''}${int}${places ? '.' + frac : ''}`;
}

/** Millionths as a decimal string without trailing zeros. */
export function fromMicro(v: bigint): string {
  const negative = v < ZERO;
  const abs = negative ? -v : v;
  const frac = (abs % SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / SCALE}${frac ? '.' + frac : ''}`;
}

/** A decimal string normalised (no trailing zeros), to compare API answers. */
export function norm(value: string | null): string | null {
  return value === null ? null : fromMicro(micro(value));
}

export const SIGNED_OR_LATER: Stage[] = ['signed', 'land', 'construction', 'production'];
