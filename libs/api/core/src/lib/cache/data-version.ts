import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * Tables no cached answer depends on through their writes (migration 1765160000000): the
 * version is not bumped by them. Every other table of the schema must carry the trigger
 * `answer_version_mark` (a migration creating a table calls `SELECT answer_version_watch('t')`).
 */
export const ANSWER_VERSION_UNWATCHED = [
  'migrations',
  'answer_version',
  'answer_version_pending',
  'user_session',
  'chain_stage_history',
  // The alerts' memo per day and data version (AlertService, migration 1765170000000): written
  // while it is read and by the worker's alerts-refresh; writing it must not bump the version.
  'alert_memo',
] as const;

/** The watched tables lacking the trigger: an empty list means the data version is exact. */
export const UNWATCHED_TABLES_SQL = `
  SELECT c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND c.relname <> ALL ($1::text[])
    AND NOT EXISTS (
      SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'answer_version_mark' AND t.tgenabled <> 'D'
    )
  ORDER BY 1`;

/**
 * The data version of PostgreSQL (`answer_version`, bumped at the commit of every transaction that
 * writes a watched table) and whether it can be trusted: it is exact once every table that ought
 * to bump it does. The cached answers (AnswerCache) and the alerts' memo (AlertService) both key
 * on it; both ask here, one instance per data source (`dataVersionOf`).
 */
export class DataVersion {
  private readonly logger = new Logger(DataVersion.name);
  /** Resolves true once every watched table has the trigger; asked again while false. */
  private exact: Promise<boolean> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** The data version: one primary-key read. */
  async current(): Promise<number> {
    const [row]: { version: string }[] = await this.dataSource.query(
      `SELECT version::text AS version FROM answer_version WHERE id = 1`,
    );
    return Number(row.version);
  }

  /** Tables that ought to bump the version and do not (a migration forgot answer_version_watch). */
  async unwatchedTables(): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(UNWATCHED_TABLES_SQL, [[...ANSWER_VERSION_UNWATCHED]]);
    return rows.map((r) => r.name);
  }

  /** Whether the version can be trusted; true is remembered, false is asked again next time. */
  isExact(): Promise<boolean> {
    if (!this.exact) {
      this.exact = this.unwatchedTables().then(
        (missing) => {
          if (missing.length) {
            this.logger.warn(
              `Data version not exact (answers not cached, alerts computed on every read): no answer_version trigger on ${missing.join(', ')}`,
            );
            this.exact = null;
          }
          return missing.length === 0;
        },
        (err: unknown) => {
          // Before the migration (no answer_version yet): everything is computed afresh.
          this.exact = null;
          this.logger.warn(`Data version not exact: ${err instanceof Error ? err.message : String(err)}`);
          return false;
        },
      );
    }
    return this.exact;
  }
}

const versions = new WeakMap<DataSource, DataVersion>();

/** The data version of a data source: one per process and database, whoever asks. */
export function dataVersionOf(dataSource: DataSource): DataVersion {
  let version = versions.get(dataSource);
  if (!version) {
    version = new DataVersion(dataSource);
    versions.set(dataSource, version);
  }
  return version;
}
