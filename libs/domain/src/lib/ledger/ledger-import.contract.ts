/*
 * Contract of the ledger import (台账导入, issue 8): a stored preview of an uploaded sheet, its rows
 * and what each will do once committed. Answered by libs/api/ledger-io, read by libs/web/ledger-io.
 */

export type ImportAction = 'create' | 'update' | 'skip' | 'error';

/** One problem of one row, placed by Excel column letter and the sheet's own header. */
export interface ImportRowError {
  column: string | null;
  header: string | null;
  zh: string;
  en: string;
}

export type ImportKind = 'enterprises' | 'projects';
export type ImportStatus = 'queued' | 'previewed' | 'committed' | 'failed';

/** An import as the preview shows it. */
export interface ImportBatchView {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  sheetName: string | null;
  headerRow: number | null;
  columns: { column: string; header: string; field: string | null; unit: string | null }[];
  notices: { zh: string; en: string }[];
  /**
   * Why a queued import could not be read (a bad file found by the worker; then `columns` holds
   * the sheet's headers when a column mapping would help), or why a background commit failed
   * (the batch is still previewed and can be committed again).
   */
  failure: string | null;
  /** A background commit is under way (the worker holds the batch). */
  committing: boolean;
  /** Rows written so far by the background commit, while `committing`. */
  commitProgress: { processed: number; total: number } | null;
  totalRows: number;
  processedRows: number;
  counts: { create: number; update: number; skip: number; error: number };
  createdBy: string;
  createdAt: string;
  committedAt: string | null;
  /**
   * A previewed project import: the chains whose new projects name no 项目负责人 and whose owner
   * the one committing must choose (the staff who may own them listed); empty when none.
   */
  ownerless?: OwnerlessChain[];
}

/** A member of staff who may own a chain's new projects (serves the chain today). */
export interface OwnerCandidate {
  id: string;
  displayName: string;
}

/**
 * One chain whose new projects name no 项目负责人: the chain's code (the key of `defaultOwners`
 * in the commit), its name, the Excel rows and the staff who may own them.
 */
export interface OwnerlessChain {
  chain: string;
  name: string;
  rows: number[];
  candidates: OwnerCandidate[];
}

export interface ImportRowView {
  /** The row number Excel shows. */
  row: number;
  action: ImportAction;
  /** The record an update or skip matched, or the one a create made. */
  targetId: string | null;
  data: Record<string, unknown>;
  changes: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
  errors: ImportRowError[];
}

/** POST /api/ledger/imports/*, GET /api/ledger/imports/:id: the batch and a page of its rows. */
export interface ImportPreview {
  batch: ImportBatchView;
  rows: ImportRowView[];
}
