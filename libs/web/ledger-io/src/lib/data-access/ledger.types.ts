/**
 * What the ledger API (libs/api/ledger-io) answers; kept here, as the API's own types are not part
 * of the shared contracts.
 */
export type ImportKind = 'projects' | 'enterprises';
export type ImportStatus = 'queued' | 'previewed' | 'committed' | 'failed';
export type ImportAction = 'create' | 'update' | 'skip' | 'error';

/** One problem of one row, by Excel column letter and the sheet's own header. */
export interface RowError {
  column: string | null;
  header: string | null;
  zh: string;
  en: string;
}

export interface ImportBatchView {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  sheetName: string | null;
  headerRow: number | null;
  columns: { column: string; header: string; field: string | null; unit: string | null }[];
  notices: { zh: string; en: string }[];
  /** Why the worker could not read the file, or why a background commit failed. */
  failure: string | null;
  committing: boolean;
  commitProgress: { processed: number; total: number } | null;
  totalRows: number;
  processedRows: number;
  counts: { create: number; update: number; skip: number; error: number };
  createdBy: string;
  createdAt: string;
  committedAt: string | null;
}

export interface ImportRowView {
  /** The row number Excel shows. */
  row: number;
  action: ImportAction;
  /** The record an update or skip matched, or the one a create made. */
  targetId: string | null;
  data: Record<string, unknown>;
  changes: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
  errors: RowError[];
}

export interface ImportPreview {
  batch: ImportBatchView;
  rows: ImportRowView[];
}

/** The user's mapping for a sheet that differs: header as written → field, or null to ignore it. */
export type ColumnOverrides = Record<string, string | null>;

/** The largest upload the API accepts (LEDGER_MAX_UPLOAD_BYTES). */
export const LEDGER_MAX_UPLOAD_MB = 20;
