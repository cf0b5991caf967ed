import { Workbook, type Worksheet } from 'exceljs';
import type { RollUpDocument } from './roll-up-export.runner';
import { planMissingText } from './roll-up.narrative';
import {
  rollUpTables,
  shanghaiTime,
  type ReportCell,
} from './roll-up-report.tables';

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

/** The roll-up as a workbook: the narrative on the first sheet, then one sheet per table. */
export async function buildRollUpXlsx(doc: RollUpDocument): Promise<Buffer> {
  const f = doc.figures;
  const workbook = new Workbook();
  workbook.creator = '产业链招商管理平台';
  workbook.created = doc.builtAt;
  const cover = workbook.addWorksheet('通报');
  cover.getColumn(1).width = 120;
  cover.addRow([
    `${f.year}年${Number(f.period.slice(5, 7))}月全市招商引资工作情况汇总报告`,
  ]).font = { bold: true, size: 14 };
  cover.addRow([
    `数据截至${shanghaiTime(f.takenAt)}${doc.fromSnapshot ? '（月末锁定数据）' : ''}`,
  ]);
  // Without a published plan the report says so above the narrative.
  if (f.plan) cover.addRow([`【${planMissingText(f.plan)}】`]).font = { bold: true };
  for (const paragraph of doc.narrative.split(/\n+/).filter((p) => p.trim())) {
    cover.addRow([paragraph.trim()]).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  }
  for (const t of rollUpTables(f)) {
    const sheet = workbook.addWorksheet(t.title.slice(0, 31));
    const header = sheet.addRow(t.headers);
    header.font = { bold: true };
    header.alignment = {
      wrapText: true,
      vertical: 'middle',
      horizontal: 'center',
    };
    t.headers.forEach(
      (h, i) =>
        (sheet.getColumn(i + 1).width = Math.max(
          10,
          Math.min(40, h.length * 2 + 2),
        )),
    );
    t.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => write(sheet, r + 2, c + 1, cell)),
    );
    if (t.note) sheet.getCell(t.rows.length + 3, 1).value = t.note;
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
