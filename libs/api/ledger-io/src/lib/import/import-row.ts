import {
  LEDGER_AMOUNT_MESSAGES,
  LEDGER_DATE_MESSAGES,
  parseLedgerAmount,
  parseLedgerDate,
  type AmountUnit,
  type HeaderMapping,
  type ImportAction,
  type ImportRowError,
  type LedgerColumn,
} from '@crm/domain';
import type { RawCell, SheetRow } from './sheet-reader';
import { columnLetter } from './sheet-reader';

/** One problem of one row, placed by Excel column letter and the sheet's own header. */
export type RowError = ImportRowError;
export type { ImportAction };

/** What a sheet row will do once the batch is committed. */
export interface PlannedRow<D> {
  number: number;
  action: ImportAction;
  targetId: string | null;
  data: D;
  changes: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
  errors: RowError[];
}

/**
 * Reads the cells of one row by field, collecting errors by column. Text is trimmed but kept as
 * written (a firm's full-width brackets are part of its name); empty cells read as undefined.
 */
export class RowReader<F extends string> {
  readonly errors: RowError[] = [];
  private readonly byField = new Map<F, { index: number; header: string; unit: AmountUnit | null }>();

  constructor(
    private readonly mapping: HeaderMapping<F>,
    private readonly cells: RawCell[],
  ) {
    for (const c of mapping.columns) if (c.field) this.byField.set(c.field, { index: c.index, header: c.header, unit: c.unit });
  }

  has(field: F): boolean {
    return this.byField.has(field);
  }

  fail(field: F | null, zh: string, en: string): void {
    const at = field ? this.byField.get(field) : undefined;
    this.errors.push({ column: at ? columnLetter(at.index + 1) : null, header: at?.header ?? null, zh, en });
  }

  raw(field: F): RawCell {
    const at = this.byField.get(field);
    return at ? (this.cells[at.index] ?? null) : null;
  }

  text(field: F, maxLength?: number, label?: string): string | undefined {
    const raw = this.raw(field);
    if (raw === null) return undefined;
    const value = (raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw)).trim();
    if (value === '') return undefined;
    if (maxLength && value.length > maxLength) {
      this.fail(field, `${label ?? ''}不能超过${maxLength}个字`, `At most ${maxLength} characters`);
      return undefined;
    }
    return value;
  }

  amount(field: F): string | undefined {
    const raw = this.raw(field);
    if (raw === null || raw instanceof Date || typeof raw === 'boolean') {
      if (raw !== null) this.fail(field, LEDGER_AMOUNT_MESSAGES['not-a-number'].zh, LEDGER_AMOUNT_MESSAGES['not-a-number'].en);
      return undefined;
    }
    const result = parseLedgerAmount(raw, this.byField.get(field)?.unit ?? '万元');
    if (result.problem) {
      const m = LEDGER_AMOUNT_MESSAGES[result.problem];
      this.fail(field, m.zh, m.en);
      return undefined;
    }
    return result.wan ?? undefined;
  }

  date(field: F): string | undefined {
    const raw = this.raw(field);
    if (typeof raw === 'boolean') return undefined;
    const result = parseLedgerDate(raw);
    if (result.problem) {
      const m = LEDGER_DATE_MESSAGES[result.problem];
      this.fail(field, m.zh, m.en);
      return undefined;
    }
    return result.date ?? undefined;
  }
}

/** Is this header row one of ours? At least two of the required columns are there. */
export function looksLikeHeader<F extends string>(columns: readonly LedgerColumn<F>[], map: (h: string[]) => HeaderMapping<F>) {
  const required = columns.filter((c) => c.required).map((c) => c.field);
  return (headers: string[]) => {
    const found = map(headers).columns.filter((c) => c.field && required.includes(c.field)).length;
    return found >= Math.min(2, required.length);
  };
}

/** Rows with nothing in any mapped column (a pre-numbered empty line, a note) are not rows. */
export function rowsWithData<F extends string>(mapping: HeaderMapping<F>, rows: SheetRow[]): SheetRow[] {
  const indexes = mapping.columns.filter((c) => c.field).map((c) => c.index);
  return rows.filter((r) =>
    indexes.some((i) => {
      const cell = r.cells[i];
      return cell !== null && cell !== undefined && !(typeof cell === 'string' && cell.trim() === '');
    }),
  );
}
