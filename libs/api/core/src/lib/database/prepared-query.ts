import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SqlCaptureLogger } from './sql-capture.logger';

/**
 * A statement run as a named, prepared statement of the pool's connection (issue 23): PostgreSQL
 * plans it a few times on each connection, then reuses a generic plan. For the statements whose
 * planning costs more than their execution (a project with its nine lookups joined took ~5 ms to
 * plan and ~0.5 ms to run). The name is a hash of the text, so one text is one statement and two
 * texts never share a name. Inside a transaction (a manager with its own query runner) the
 * statement runs on the transaction's connection, unnamed, as `manager.query` would.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (manager.queryRunner) return manager.query(text, values);
  const name = `crm_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  const logger = manager.connection.logger;
  // The benchmark's capture (SQL_CAPTURE_FILE) records it with its name, to replay it as it ran.
  if (logger instanceof SqlCaptureLogger) logger.logPrepared(name, text, values);
  const pool = (manager.connection.driver as PostgresDriver).master as Pool;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}
