import { appendFileSync } from 'node:fs';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Benchmark only: writes each statement and its parameters as one JSON line, synchronously, so a
 * request's statements are in the file when its response arrives. Set by SQL_CAPTURE_FILE.
 */
export class SqlCaptureLogger implements TypeOrmLogger {
  constructor(private readonly file: string) {}

  logQuery(query: string, parameters?: unknown[]): void {
    appendFileSync(this.file, JSON.stringify({ query, parameters: parameters ?? [] }) + '\n');
  }

  /** A named statement (preparedQuery), which does not pass through TypeORM's logging. */
  logPrepared(name: string, query: string, parameters: unknown[]): void {
    appendFileSync(this.file, JSON.stringify({ name, query, parameters }) + '\n');
  }

  logQueryError(): void {
    // Errors are the API's to report; the capture only records what ran.
  }

  logQuerySlow(): void {
    // Not needed for the capture.
  }

  logSchemaBuild(): void {
    // Not needed for the capture.
  }

  logMigration(): void {
    // Not needed for the capture.
  }

  log(): void {
    // Not needed for the capture.
  }
}
