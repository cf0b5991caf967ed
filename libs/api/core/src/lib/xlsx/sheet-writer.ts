import { Workbook, type Worksheet } from 'exceljs';

/** How a column's values are written: amounts and areas as numbers, dates as real date cells. */
export type ExportKind = 'text' | 'number' | 'amount' | 'date' | 'integer';

export interface ExportColumn<R> {
  header: string;
  kind: ExportKind;
  width?: number;
  value: (row: R, index: number) => string | number | null | undefined;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose sheets open in WPS and Excel with frozen, bold Chinese headers; `created` from the clock. */
export function newWorkbook(created: Date = new Date()): Workbook {
  const workbook = new Workbook();
  workbook.creator = '产业链招商管理平台';
  workbook.created = created;
  return workbook;
}

/**
 * Makes a sheet print as the office files it: A4 landscape, one page wide (as many pages tall as it
 * needs), the header rows repeated on every page, centred, with "第 n 页 共 m 页" at the foot.
 */
export function preparePrint(sheet: Worksheet, headerRows: { from: number; to: number }): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRows.from}:${headerRows.to}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: '&C第 &P 页 共 &N 页' };
}

/** Display width of a text in Excel character units (a CJK character counts two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return width;
}

function cellValue(kind: ExportKind, value: string | number | null | undefined): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'date': {
      const [y, m, d] = String(value).split('-').map(Number);
      return new Date(Date.UTC(y, m - 1, d));
    }
    case 'amount':
    case 'number':
    case 'integer':
      // numeric(20,6) in 万元 holds at most 14 + 6 digits; a sheet keeps 15 significant digits,
      // which covers every amount below 1 亿亿 to the fen.
      return typeof value === 'number' ? value : Number(value);
    default:
      return String(value);
  }
}

const NUMBER_FORMATS: Partial<Record<ExportKind, string>> = {
  date: 'yyyy-mm-dd',
  amount: '#,##0.00####',
  number: '0.######',
  integer: '0',
};

/**
 * Adds a sheet: an optional title row (and a line under it, e.g. the issuing body and the date),
 * the header row, then one row per record; ready to print (preparePrint).
 */
export function addTableSheet<R>(
  workbook: Workbook,
  name: string,
  columns: readonly ExportColumn<R>[],
  rows: Iterable<R>,
  title?: string,
  subtitle?: string,
): Worksheet {
  const sheet = workbook.addWorksheet(name);
  let headerRow = 1;
  if (title) {
    const titleRow = sheet.addRow([title]);
    titleRow.font = { bold: true, size: 16 };
    titleRow.alignment = { horizontal: 'center', vertical: 'middle' };
    titleRow.height = 28;
    sheet.mergeCells(titleRow.number, 1, titleRow.number, Math.max(1, columns.length));
    headerRow++;
    if (subtitle) {
      const line = sheet.addRow([subtitle]);
      line.alignment = { horizontal: 'right' };
      sheet.mergeCells(line.number, 1, line.number, Math.max(1, columns.length));
      headerRow++;
    }
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(c.width ?? (c.kind === 'text' ? 24 : 14), Math.min(40, displayWidth(c.header) + 2));
    const format = NUMBER_FORMATS[c.kind];
    if (format) column.numFmt = format;
  });
  let index = 0;
  for (const row of rows) {
    const i = index++;
    sheet.addRow(columns.map((c) => cellValue(c.kind, c.value(row, i))));
  }
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  preparePrint(sheet, { from: headerRow, to: headerRow });
  return sheet;
}

/** Content-Disposition for a Chinese file name (RFC 6266, with an ASCII fallback). */
export function attachment(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Opens a workbook from bytes (exceljs's types predate Node's generic Buffer). */
export async function loadWorkbook(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}
