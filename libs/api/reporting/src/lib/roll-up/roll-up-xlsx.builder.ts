import { displayWidth, preparePrint } from '@crm/api/core';
import { documentDate, statWindowLabel } from '@crm/domain';
import { Workbook, type Worksheet } from 'exceljs';
import type { RollUpDocument } from './roll-up-export.runner';
import { planMissingText } from './roll-up.narrative';
import { rollUpTables, type ReportCell } from './roll-up-report.tables';

const WAN_FORMAT = '#,##0.00####';
const RATE_FORMAT = '0.00';

/**
 * A cell as Excel holds it: amounts and rates as numbers (numeric(20,6) in 万元 fits a sheet's 15
 * significant digits below 1 亿亿), so the office can sum and chart them.
 */
function write(
  sheet: Worksheet,
  row: number,
  column: number,
  cell: ReportCell,
): void {
  const target = sheet.getCell(row, column);
  if (cell === null) return;
  if (typeof cell === 'number' || typeof cell === 'string') {
    target.value = cell;
  } else if ('wan' in cell) {
    if (cell.wan !== null) {
      target.value = Number(cell.wan);
      target.numFmt = WAN_FORMAT;
    }
  } else if (cell.rate !== null) {
    target.value = Number(cell.rate);
    target.numFmt = RATE_FORMAT;
  }
}

/**
 * The roll-up as a workbook: the narrative on the first sheet, then one sheet per table, each with
 * a title row (the month and the table), a line with the issuing body, the document number and the
 * data's date, then the header; printable (A4 landscape, one page wide, header rows repeated).
 */
export async function buildRollUpXlsx(doc: RollUpDocument): Promise<Buffer> {
  const f = doc.figures;
  const month = Number(f.period.slice(5, 7));
  const workbook = new Workbook();
  workbook.creator = doc.settings.issuer;
  workbook.created = doc.issuedOn;
  const byLine = `${doc.settings.issuer}\u3000${doc.number}\u3000${f.window ? `统计区间：${statWindowLabel(f.window)}\u3000` : ''}数据统计截至${documentDate(new Date(f.takenAt))}${doc.fromSnapshot ? '（月末锁定数据）' : ''}\u3000第${doc.version}稿`;
  const cover = workbook.addWorksheet('通报');
  cover.getColumn(1).width = 120;
  const title = cover.addRow([`${f.year}年${month}月全市招商引资工作情况通报`]);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  cover.addRow([byLine]).alignment = { horizontal: 'right' };
  // Without a published plan the report says so above the narrative.
  if (f.plan) cover.addRow([`【${planMissingText(f.plan)}】`]).font = { bold: true };
  for (const paragraph of doc.narrative.split(/\n+/).filter((p) => p.trim())) {
    cover.addRow([paragraph.trim()]).alignment = { wrapText: true, vertical: 'top' };
  }
  preparePrint(cover, { from: 1, to: 2 });
  cover.pageSetup.orientation = 'portrait';
  for (const t of rollUpTables(f)) {
    const sheet = workbook.addWorksheet(t.title.slice(0, 31));
    const width = t.headers.length;
    const heading = sheet.addRow([`${f.year}年${month}月${t.title}`]);
    heading.font = { bold: true, size: 16 };
    heading.alignment = { horizontal: 'center', vertical: 'middle' };
    heading.height = 28;
    sheet.mergeCells(1, 1, 1, width);
    const by = sheet.addRow([byLine]);
    by.alignment = { horizontal: 'right' };
    sheet.mergeCells(2, 1, 2, width);
    const header = sheet.addRow(t.headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    t.rows.forEach((cells, r) => cells.forEach((cell, c) => write(sheet, r + 4, c + 1, cell)));
    // Wide enough for the header (wrapped on two lines at most) and for every value.
    t.headers.forEach((h, i) => {
      const widest = Math.max(0, ...t.rows.map((r) => displayWidth(shownText(r[i] ?? null))));
      sheet.getColumn(i + 1).width = Math.max(8, Math.min(50, Math.max(Math.ceil(displayWidth(h) / 2) + 2, widest + 3)));
    });
    // Tall enough for the longest wrapped header (a sheet does not grow rows for wrapped text by itself).
    header.height =
      15 * Math.max(1, ...t.headers.map((h, i) => Math.ceil(displayWidth(h) / Math.max(1, (sheet.getColumn(i + 1).width ?? 10) - 1))));
    if (t.note) {
      const note = sheet.getRow(t.rows.length + 5);
      note.getCell(1).value = t.note;
      note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
      sheet.mergeCells(note.number, 1, note.number, width);
      note.height = 15 * Math.max(1, Math.ceil(displayWidth(t.note) / Math.max(40, width * 12)));
    }
    sheet.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
    preparePrint(sheet, { from: 3, to: 3 });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The text a cell shows, for its column's width. */
function shownText(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'string') return String(cell);
  if ('wan' in cell) return cell.wan === null ? '' : Number(cell.wan).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
  return cell.rate ?? '';
}
