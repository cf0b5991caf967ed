import { BadRequestException } from '@nestjs/common';
import { ValueType, type Cell, type Worksheet } from 'exceljs';
import { checkXlsxBytes, FILE_PROBLEMS, loadWorkbook, refuseFile } from '@crm/api/core';

/**
 * What the import templates write in 备注 of their example row: a row holding it is not read.
 */
export const LEDGER_EXAMPLE_MARK = '示例行（导入时自动跳过，可删除）';

/** A cell as the import reads it: text, a number, a date cell, or nothing. */
export type RawCell = string | number | Date | boolean | null;

export interface SheetRow {
  /** The row number Excel shows. */
  number: number;
  cells: RawCell[];
}

export interface ReadSheet {
  sheetName: string;
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
  /** Formula cells read by the result Excel saved with them. */
  formulaCells: string[];
}

function refuseSheet(zh: string, en: string, code: string, extra: Record<string, unknown> = {}): never {
  throw new BadRequestException({ statusCode: 400, message: `${zh} / ${en}`, code, ...extra, errors: { file: [`${zh} / ${en}`] } });
}

/** A column number as Excel letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function rawValue(cell: Cell, formulaCells: string[], uncalculated: string[]): RawCell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  switch (cell.type) {
    case ValueType.Formula: {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null || typeof result === 'object' && !(result instanceof Date)) {
        uncalculated.push(cell.address);
        return null;
      }
      formulaCells.push(cell.address);
      return result as RawCell;
    }
    case ValueType.RichText:
      return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    case ValueType.Hyperlink:
      return String((value as { text?: unknown }).text ?? '');
    case ValueType.Error:
      uncalculated.push(cell.address);
      return null;
    case ValueType.Date:
      return value as Date;
    case ValueType.Number:
    case ValueType.Boolean:
    case ValueType.String:
      return value as RawCell;
    default:
      return String(value);
  }
}

/**
 * Opens an uploaded ledger: checks it is a real, unencrypted .xlsx, takes the first sheet with
 * data, finds its header row (the first of the top rows in which `isHeader` recognises enough
 * columns), and refuses merged cells in the table and formulas without a saved result.
 */
export async function readLedgerSheet(bytes: Buffer, isHeader: (headers: string[]) => boolean): Promise<ReadSheet> {
  const problem = checkXlsxBytes(bytes);
  if (problem) refuseFile(problem);
  let workbook;
  try {
    workbook = await loadWorkbook(bytes);
  } catch {
    refuseFile(FILE_PROBLEMS.corrupt);
  }
  const sheet: Worksheet | undefined = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) refuseSheet('工作表是空的，没有可导入的行', 'The sheet is empty: there is nothing to import', 'empty-sheet');

  const text = (cell: Cell) => (cell.value === null || cell.value === undefined ? '' : cell.text.trim());
  let headerRow = 0;
  // The likeliest header row when none is recognised: the top row with the most text cells.
  let likeliest: string[] = [];
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    const row = sheet.getRow(r);
    const headers = Array.from({ length: row.cellCount }, (_, i) => text(row.getCell(i + 1)));
    if (isHeader(headers)) headerRow = r;
    const filled = (h: string[]) => h.filter((x) => x && Number.isNaN(Number(x))).length;
    if (filled(headers) > filled(likeliest)) likeliest = headers;
  }
  if (!headerRow) {
    refuseSheet(
      '前10行中找不到表头（如“项目名称”“企业名称”），请使用导入模板或在映射中指定列',
      'No header row in the first 10 rows (e.g. 项目名称, 企业名称); use the template or map the columns',
      'no-header',
      { headers: likeliest },
    );
  }
  const header = sheet.getRow(headerRow);
  const width = header.cellCount;
  const headers = Array.from({ length: width }, (_, i) => text(header.getCell(i + 1)));

  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).filter((range) => {
    const last = Number(/(\d+)$/.exec(range)?.[1] ?? 0);
    return last >= headerRow;
  });
  if (merges.length) {
    const list = merges.slice(0, 5).join('、');
    refuseSheet(
      `表格中有合并单元格（${list}${merges.length > 5 ? ' 等' : ''}），请取消合并并在每一行填写完整后再导入`,
      `The table has merged cells (${merges.slice(0, 5).join(', ')}); unmerge them and fill in every row`,
      'merged-cells',
    );
  }

  const formulaCells: string[] = [];
  const uncalculated: string[] = [];
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const cells = Array.from({ length: width }, (_, i) => rawValue(row.getCell(i + 1), formulaCells, uncalculated));
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    if (cells.some((c) => typeof c === 'string' && c.trim() === LEDGER_EXAMPLE_MARK)) continue;
    rows.push({ number: r, cells });
  }
  if (uncalculated.length) {
    const list = uncalculated.slice(0, 5).join('、');
    refuseSheet(
      `单元格 ${list}${uncalculated.length > 5 ? ' 等' : ''} 是没有保存计算结果的公式（或公式出错），请在Excel中重新计算并保存，或复制后“粘贴为数值”`,
      `Cells ${uncalculated.slice(0, 5).join(', ')} hold formulas without a saved result (or in error); recalculate and save in Excel, or paste them as values`,
      'formulas',
    );
  }
  if (rows.length === 0) refuseSheet('工作表只有表头，没有数据行', 'The sheet has a header but no data rows', 'empty-sheet');
  return { sheetName: sheet.name, headerRow, headers, rows, formulaCells };
}
