import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { REFERENCE_2025 } from './seed/reference-2025.data';
import { seedReference } from './seed/reference-seed';
import { CHAIN_MAPS_2025 } from './seed/chain-map-2025.data';
import { seedChainMaps } from './seed/chain-map-seed';

/** Creates the database named in the URL when the server has none of that name yet. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return;
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } catch (error) {
    // Two processes starting together may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/**
 * Brings a database up to date: pending migrations, then the reference seed. Safe to run on every
 * start and from several processes at once (TypeORM takes no lock, so we take an advisory one).
 */
export async function prepareDatabase(dataSource: DataSource): Promise<{ migrations: string[] }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(7212025)`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await seedReference(dataSource.manager, REFERENCE_2025);
    await seedChainMaps(dataSource.manager, CHAIN_MAPS_2025);
    return { migrations: applied.map((m) => m.name) };
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(7212025)`).catch(() => undefined);
    await runner.release();
  }
}
