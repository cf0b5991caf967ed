import {
  ENTERPRISE_LEDGER_COLUMNS,
  IGNORED_LEDGER_HEADERS,
  PROJECT_LEDGER_COLUMNS,
  mapLedgerHeaders,
  normaliseHeader,
  type LedgerColumn,
} from '@crm/domain';
import type { ColumnOverrides, ImportBatchView, ImportKind } from './ledger.types';

/** The fields a sheet of this kind can fill, in the template's order. */
export function ledgerColumns(kind: ImportKind): readonly LedgerColumn[] {
  return kind === 'projects' ? PROJECT_LEDGER_COLUMNS : ENTERPRISE_LEDGER_COLUMNS;
}

/** One column of the sheet in the mapping step: its header as written and the field it fills. */
export interface MappingRow {
  header: string;
  /** null: the column is ignored. */
  field: string | null;
}

/**
 * The mapping step's starting point: each distinct non-empty header of the sheet with the field
 * the API would map it to (template headers and their synonyms), or the user's earlier choice.
 */
export function initialMapping(kind: ImportKind, headers: readonly string[], earlier: ColumnOverrides = {}): MappingRow[] {
  const distinct = [...new Set(headers.map((h) => (h ?? '').toString().trim()).filter(Boolean))];
  const mapping = mapLedgerHeaders(distinct, ledgerColumns(kind), earlier);
  return distinct.map((header) => ({
    header,
    field: mapping.columns.find((c) => c.header === header)?.field ?? null,
  }));
}

/** The mapping the API last used for a previewed batch (its columns and their fields). */
export function batchHeaders(batch: ImportBatchView): string[] {
  return batch.columns.map((c) => c.header);
}

export interface MappingProblems {
  /** Required fields no column fills. */
  missing: string[];
  /** Fields two columns fill. */
  duplicates: string[];
}

export function mappingProblems(kind: ImportKind, rows: readonly MappingRow[]): MappingProblems {
  const chosen = rows.map((r) => r.field).filter((f): f is string => f !== null);
  const duplicates = [...new Set(chosen.filter((f, i) => chosen.indexOf(f) !== i))];
  const missing = ledgerColumns(kind)
    .filter((c) => c.required && !chosen.includes(c.field))
    .map((c) => c.field);
  return { missing, duplicates };
}

/** The `columns` the upload sends: every header with its field, or null to ignore it. */
export function toOverrides(rows: readonly MappingRow[]): ColumnOverrides {
  const overrides: ColumnOverrides = {};
  for (const row of rows) overrides[row.header] = row.field;
  return overrides;
}

const IGNORED = new Set(IGNORED_LEDGER_HEADERS.map(normaliseHeader));

/**
 * Headers the sheet has that fill no field (offered for mapping after a preview); the columns
 * every office sheet carries and the import never reads (序号, 备注 …) are left out.
 */
export function unmappedHeaders(batch: ImportBatchView): string[] {
  return batch.columns.filter((c) => c.field === null && !IGNORED.has(normaliseHeader(c.header))).map((c) => c.header);
}
