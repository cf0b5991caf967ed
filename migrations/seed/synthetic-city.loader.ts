import { creditCodeCheckCharacter, normaliseEnterpriseName } from '@crm/domain';
import { hash } from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { generateSyntheticProjects, SYNTHETIC_AS_OF } from './sample-synthetic';
import { insertSyntheticProjects } from './sample-synthetic.loader';

/**
 * A city's worth of synthetic data per unit of scale (issue 7): scale 1 is about one city's year,
 * scale 100 a hundred times that over ten years. Deterministic for a scale and seed. Everything is
 * written with multi-row inserts (INSERT … SELECT FROM unnest), one statement per batch.
 */
export interface SyntheticCityShape {
  units: number;
  users: number;
  enterprises: number;
  projects: number;
  years: number;
}

export function syntheticCityShape(scale: number): SyntheticCityShape {
  return {
    units: 40 * scale,
    users: 150 * scale,
    enterprises: 2000 * scale,
    projects: 500 * scale,
    // One year for a city; the larger sets carry the history of many years.
    years: scale >= 100 ? 10 : scale >= 10 ? 3 : 1,
  };
}

export interface SyntheticCityCounts {
  units: number;
  users: number;
  enterprises: number;
  projects: number;
  activities: number;
  fundEntries: number;
  periods: number;
  monthlyReports: number;
}

/** Every synthetic user signs in with this password (a benchmark database, never production). */
export const SYNTHETIC_PASSWORD = 'Synthetic-Pass-2025';

const REGIONS = ['北京', '上海', '深圳', '西宁', '成都', '西安', '杭州', '武汉', '兰州', '天津', '苏州', '广州'];
const TRADES = ['新能源', '盐化', '矿业', '物流', '文旅', '农牧', '化工', '材料', '装备', '科技', '储能', '环保'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '投资有限公司', '实业有限公司'];
const OWNERSHIPS = ['central-soe', 'local-soe', 'private', 'private', 'private', 'foreign', 'mixed', 'other'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertUnnest(
  manager: EntityManager,
  table: string,
  columns: [string, string][],
  rows: unknown[][],
  batchSize = 5000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await manager.query(
      `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
       SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      columns.map((_, i) => batch.map((row) => row[i])),
    );
  }
}

const count = async (manager: EntityManager, table: string): Promise<number> =>
  Number((await manager.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

/** 统一社会信用代码 for the n-th synthetic firm: 91 + Golmud's area code + 9 characters + check. */
function creditCode(n: number): string {
  const body = `91632801${String(n).padStart(9, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** The months of the last `years` years up to SYNTHETIC_AS_OF's month, oldest first. */
function periodsOf(years: number): string[] {
  const [y, m] = SYNTHETIC_AS_OF.split('-').map(Number);
  const periods: string[] = [];
  for (let i = years * 12 - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    periods.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return periods;
}

/**
 * Loads the synthetic city into a migrated, reference-seeded database that holds no synthetic data
 * yet. Returns what the database holds afterwards.
 */
export async function loadSyntheticCity(
  dataSource: DataSource,
  scale: number,
  seed = 2025,
  log: (line: string) => void = () => undefined,
): Promise<SyntheticCityCounts> {
  const shape = syntheticCityShape(scale);
  const random = prng(seed * 7919 + scale);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const passwordHash = await hash(SYNTHETIC_PASSWORD);
  const step = async (name: string, work: () => Promise<void>) => {
    const started = Date.now();
    await work();
    log(`${name}: ${Date.now() - started} ms`);
  };

  await dataSource.transaction(async (tx) => {
    const [{ n: present }] = await tx.query(`SELECT count(*)::int AS n FROM unit WHERE name LIKE '合成单位%'`);
    if (present > 0) throw new Error('this database already holds synthetic data; load into a fresh one');

    const chains: { id: number }[] = await tx.query(`SELECT id FROM chain ORDER BY sort_order, id`);
    await step('units', async () => {
      const missing = Math.max(0, shape.units - (await count(tx, 'unit')));
      const names = Array.from({ length: missing }, (_, i) => `合成单位${String(i + 1).padStart(5, '0')}`);
      await insertUnnest(tx, 'unit', [['name', 'text'], ['kind', 'unit_kind']], names.map((n, i) => [n, i % 5 === 0 ? 'park' : 'bureau']));
      // Each serves one chain as a cooperating unit, after the chain's own.
      await tx.query(
        `INSERT INTO chain_unit (chain_id, unit_id, role, sort_order)
         SELECT (array_agg(c.id ORDER BY c.sort_order, c.id))[1 + (u.id % $1)], u.id, 'cooperating', 100
         FROM unit u CROSS JOIN chain c WHERE u.name LIKE '合成单位%' GROUP BY u.id`,
        [chains.length],
      );
    });

    await step('users', async () => {
      const units: { id: number }[] = await tx.query(
        `SELECT DISTINCT unit_id AS id FROM chain_unit WHERE role = 'responsible' ORDER BY unit_id`,
      );
      const missing = Math.max(0, shape.users - (await count(tx, 'app_user')) - chains.length * 3);
      const rows = Array.from({ length: missing }, (_, i) => {
        const roll = random();
        const roles = roll < 0.85 ? ['staff'] : roll < 0.95 ? ['leader'] : ['office'];
        const n = String(i + 1).padStart(6, '0');
        return [
          `syn-user-${n}`,
          `合成用户${n}`,
          passwordHash,
          roles.join(','),
          roles[0] === 'staff' ? units[i % units.length].id : null,
        ];
      });
      for (let start = 0; start < rows.length; start += 5000) {
        const batch = rows.slice(start, start + 5000);
        await tx.query(
          `INSERT INTO app_user (username, display_name, password_hash, roles, unit_id)
           SELECT u, d, h, string_to_array(r, ','), n FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[]) AS x(u, d, h, r, n)`,
          [0, 1, 2, 3, 4].map((c) => batch.map((row) => row[c])),
        );
      }
    });

    await step('enterprises', async () => {
      const rows = Array.from({ length: shape.enterprises }, (_, i) => {
        const name = `${pick(REGIONS)}${pick(TRADES)}${pick(SUFFIXES)}（合成${String(i + 1).padStart(7, '0')}）`;
        return [name, normaliseEnterpriseName(name), creditCode(i + 1), pick(OWNERSHIPS), pick(REGIONS)];
      });
      await insertUnnest(
        tx,
        'enterprise',
        [['name', 'text'], ['normalised_name', 'text'], ['credit_code', 'text'], ['ownership', 'enterprise_ownership'], ['region', 'text']],
        rows,
      );
    });
  });

  await step('projects, history, contacts, agreements, funds', async () => {
    const data = generateSyntheticProjects(shape.projects, seed, {
      years: shape.years,
      contacts: [12, 42],
      fundEntries: [16, 36],
    });
    await insertSyntheticProjects(dataSource.manager, data);
  });

  await step('periods and monthly reports', async () => {
    await dataSource.transaction(async (tx) => {
      const periods = periodsOf(shape.years);
      await tx.query(
        `INSERT INTO reporting_period (period, opens_at, due_at, locked, locked_at)
         SELECT p, (to_date(p, 'YYYY-MM')::timestamp AT TIME ZONE 'Asia/Shanghai'),
                ((to_date(p, 'YYYY-MM') + 25)::timestamp AT TIME ZONE 'Asia/Shanghai'),
                p < $2, CASE WHEN p < $2 THEN (to_date(p, 'YYYY-MM') + interval '1 month 5 days') END
         FROM unnest($1::text[]) AS p ON CONFLICT (period) DO NOTHING`,
        [periods, periods[periods.length - 1]],
      );
      // Every responsible unit reported every month but the last (still open); one in ten late.
      await tx.query(
        `INSERT INTO monthly_report (unit_id, period, state, work_done, problems, next_month_plan,
                                     submitted_at, late, snapshot)
         SELECT u.unit_id, r.period, 'accepted',
                '本月走访对接企业，推进重点项目前期工作。', CASE WHEN (u.unit_id + ascii(right(r.period, 1))) % 4 = 0
                  THEN '项目用地指标紧张，需协调解决。' ELSE '' END, '继续推进在谈项目签约落地。',
                r.due_at - interval '2 days' + CASE WHEN (u.unit_id * 7 + ascii(right(r.period, 1))) % 10 = 0 THEN interval '3 days' ELSE interval '0' END,
                (u.unit_id * 7 + ascii(right(r.period, 1))) % 10 = 0,
                jsonb_build_object('takenAt', r.due_at, 'chains', '[]'::jsonb)
         FROM (SELECT DISTINCT unit_id FROM chain_unit WHERE role = 'responsible') u
         CROSS JOIN reporting_period r WHERE r.period = ANY ($1::text[]) AND r.period < $2
         ON CONFLICT (unit_id, period) DO NOTHING`,
        [periods, periods[periods.length - 1]],
      );
      for (const table of ['app_user', 'enterprise', 'unit', 'monthly_report']) await tx.query(`ANALYZE ${table}`);
    });
  });

  const manager = dataSource.manager;
  return {
    units: await count(manager, 'unit'),
    users: await count(manager, 'app_user'),
    enterprises: await count(manager, 'enterprise'),
    projects: await count(manager, 'project'),
    activities: await count(manager, 'project_activity'),
    fundEntries: await count(manager, 'fund_arrival'),
    periods: await count(manager, 'reporting_period'),
    monthlyReports: await count(manager, 'monthly_report'),
  };
}
