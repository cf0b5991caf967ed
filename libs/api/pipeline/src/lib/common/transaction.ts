import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `work` in one transaction; a deadlock or serialization failure (two edits touching the same
 * totals in a different order) is retried a few times, as PostgreSQL advises, instead of surfacing
 * as a 500.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code =
        (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
        (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}

/** The PostgreSQL error code of a failed query, if any. */
export function pgErrorCode(error: unknown): string | undefined {
  return (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
}

/** The constraint a failed query violated, if any. */
export function pgConstraint(error: unknown): string | undefined {
  return (
    (error as { driverError?: { constraint?: string } }).driverError?.constraint ??
    (error as { constraint?: string }).constraint
  );
}
