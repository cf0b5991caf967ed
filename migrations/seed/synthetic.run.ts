/**
 * npm run seed:synthetic -- --scale N [--seed 2025] [--fresh]
 *
 * Loads the synthetic city (issue 7) into DATABASE_URL, default a database of its own on the local
 * server, crm_synthetic_<N>. --fresh drops that database first. Scale 1 is about one city's year
 * (40 units, 150 users, 2,000 enterprises, 500 projects, ~10,000 contacts); scale 100 a hundred
 * times that over ten years.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migration-list';
import { ensureDatabaseExists, prepareDatabase } from '../prepare-database';
import { loadSyntheticCity } from './synthetic-city.loader';

function option(name: string): number | null {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : null;
}

async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function main() {
  const scale = option('scale') ?? 1;
  const seed = option('seed') ?? 2025;
  const url = process.env['DATABASE_URL'] ?? `postgres://postgres@127.0.0.1:5432/crm_synthetic_${scale}`;
  if (process.argv.includes('--fresh')) await dropDatabase(url);
  await ensureDatabaseExists(url);
  const dataSource = await new DataSource({ type: 'postgres', url, migrations: MIGRATIONS }).initialize();
  const started = Date.now();
  try {
    await prepareDatabase(dataSource);
    const counts = await loadSyntheticCity(dataSource, scale, seed, (line) => process.stdout.write(`  ${line}\n`));
    // As autovacuum would leave a settled database: statistics, and visibility maps for
    // index-only scans (a fresh bulk load has neither).
    const vacuumed = Date.now();
    await dataSource.query('VACUUM ANALYZE');
    process.stdout.write(`  vacuum analyze: ${Date.now() - vacuumed} ms\n`);
    process.stdout.write(
      `synthetic city / 合成数据 scale ${scale} (seed ${seed}) loaded into ${new URL(url).pathname.slice(1)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        Object.entries(counts)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n') +
        '\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed:synthetic failed / 合成数据加载失败: ${error.message}\n`);
  process.exit(1);
});
