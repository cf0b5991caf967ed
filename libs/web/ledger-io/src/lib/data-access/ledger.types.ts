/** The ledger import's contract (libs/domain), under the names this library uses. */
export type {
  ImportAction,
  ImportBatchView,
  ImportKind,
  ImportPreview,
  ImportRowError as RowError,
  ImportRowView,
  ImportStatus,
} from '@crm/domain';

/** The user's mapping for a sheet that differs: header as written → field, or null to ignore it. */
export type ColumnOverrides = Record<string, string | null>;

/** The largest upload the API accepts (LEDGER_MAX_UPLOAD_BYTES). */
export const LEDGER_MAX_UPLOAD_MB = 20;
