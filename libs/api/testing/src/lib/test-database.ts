import { ensureDatabaseExists } from '@crm/migrations';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests run against; CI and developers have PostgreSQL on localhost. */
export const TEST_SERVER_URL = process.env['TEST_DATABASE_SERVER_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `crm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_SERVER_URL}/${name}`;
  await ensureDatabaseExists(url);
  return {
    url,
    name,
    drop: async () => {
      const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A Redis key prefix of its own, so parallel test files never see each other's keys or jobs. */
export function testRedisPrefix(): string {
  return `crm-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}
