import { Decimal } from 'decimal.js';
import {
  AlignmentType,
  BorderStyle,
  DocumentGridType,
  Footer,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';

/** A cell of a printed table: text, a count, an amount in 万元 (decimal string), or a rate in percent. */
export type DocumentCell = string | number | null | { wan: string | null } | { rate: string | null };

/** A table as the documents print it. */
export interface DocumentTable {
  title: string;
  headers: string[];
  rows: DocumentCell[][];
  note?: string;
}

/*
 * The official-document layout (党政机关公文格式, GB/T 9704-2012), shared by the Word files that
 * leave the system for the municipal committee: A4 portrait, 版心 156 × 225 mm (top 37 mm, left
 * 28 mm), body 仿宋_GB2312 三号 at 28 characters × 22 lines, title 方正小标宋简体 二号, headings
 * 黑体 then 楷体_GB2312, page numbers "— 1 —" in 宋体 四号 (odd pages right, even pages left);
 * wide tables as annexes on landscape pages, amounts in 亿元 with two decimals.
 * Fonts are named as the standard names them, so Word on an office PC renders them.
 */

const MM = 56.6929; // twips per millimetre
const PT = 20; // twips per point
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18 } as const;
/** 225 mm over 22 lines: the exact line pitch of the body. */
const LINE = Math.round((225 * MM) / 22);
const CHAR = 16 * PT; // one 三号 character, for indents

const PORTRAIT = {
  size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.PORTRAIT },
  margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(21 * MM) },
};
/** Landscape annex pages: the same 版心 turned (225 mm wide, 156 mm tall); docx swaps width and height itself. */
const LANDSCAPE = {
  size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.LANDSCAPE },
  margin: { top: Math.round(28 * MM), bottom: Math.round(26 * MM), left: Math.round(37 * MM), right: Math.round(35 * MM), footer: Math.round(14 * MM) },
};
const LANDSCAPE_TEXT_WIDTH = Math.round(225 * MM);
const PORTRAIT_TEXT_WIDTH = Math.round(156 * MM);

function run(text: string, font: string, size: number, options: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: { eastAsia: font, ascii: FONTS.latin, hAnsi: FONTS.latin }, size, bold: options.bold, color: options.color });
}

const exactLine = { line: LINE, lineRule: LineRuleType.EXACT } as const;

/** 版头: the issuing body in red, the document number, and the red rule the width of the 版心. */
export function letterhead(issuer: string, number: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: LINE },
      children: [run(issuer, FONTS.title, SIZE.erhao, { color: 'E00000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exactLine, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E00000', space: 8 } },
      children: [run(number, FONTS.body, SIZE.sanhao)],
    }),
  ];
}

/** 标题: 方正小标宋简体 二号, centred, one blank line above and below. */
export function documentTitle(title: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: LINE, after: LINE, line: Math.round(LINE * 1.2), lineRule: LineRuleType.EXACT },
    children: [run(title, FONTS.title, SIZE.erhao)],
  });
}

/** A line under the title in 楷体 (the data's date, the version). */
export function subtitle(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactLine, children: [run(text, FONTS.heading2, SIZE.sanhao)] });
}

/**
 * A paragraph of the body: 仿宋_GB2312 三号, first line indented two characters. A paragraph that
 * opens with "一、" is a first-level heading (黑体), with "（一）" a second-level one (楷体_GB2312).
 */
export function bodyParagraph(text: string): Paragraph {
  // A short line opening with "一、" is a first-level heading, with "（一）" a second-level one; a
  // longer paragraph that opens so is body text with its number.
  const short = [...text].length <= 30;
  const font = short && /^[一二三四五六七八九十]+、/.test(text) ? FONTS.heading1 : short && /^（[一二三四五六七八九十]+）/.test(text) ? FONTS.heading2 : FONTS.body;
  return new Paragraph({
    spacing: exactLine,
    indent: { firstLine: 2 * CHAR },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, font, SIZE.sanhao)],
  });
}

/** 附件说明: "附件：1. …" under the body, the later names aligned under the first. */
export function annexList(titles: string[]): Paragraph[] {
  return titles.map(
    (t, i) =>
      new Paragraph({
        spacing: { ...exactLine, before: i === 0 ? LINE : 0 },
        indent: { left: 2 * CHAR + (i === 0 ? 0 : 3 * CHAR) },
        children: [run(`${i === 0 ? '附件：' : ''}${i + 1}. ${t}`, FONTS.body, SIZE.sanhao)],
      }),
  );
}

/** 发文机关署名 and 成文日期: the date right-aligned four characters in, the signature centred over it. */
export function signature(signer: string, date: string): Paragraph[] {
  const dateWidth = [...date].length * CHAR;
  const signerWidth = [...signer].length * CHAR;
  const signerRight = Math.max(0, 4 * CHAR + Math.round((dateWidth - signerWidth) / 2));
  return [
    new Paragraph({ spacing: { ...exactLine, before: 2 * LINE }, alignment: AlignmentType.RIGHT, indent: { right: signerRight }, children: [run(signer, FONTS.body, SIZE.sanhao)] }),
    new Paragraph({ spacing: exactLine, alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [run(date, FONTS.body, SIZE.sanhao)] }),
  ];
}

function pageNumberFooter(alignment: 'left' | 'right'): Footer {
  const dash = (text: string) => run(text, FONTS.pageNumber, SIZE.sihao);
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: 14 * PT } : { left: 14 * PT },
        children: [
          dash('— '),
          new TextRun({ children: [PageNumber.CURRENT], font: { eastAsia: FONTS.pageNumber, ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber }, size: SIZE.sihao }),
          dash(' —'),
        ],
      }),
    ],
  });
}

const FOOTERS = { default: pageNumberFooter('right'), even: pageNumberFooter('left') };

/** A heading inside the body: level 1 in 黑体, level 2 in 楷体_GB2312, both 三号, not indented. */
export function bodyHeading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    spacing: { ...exactLine, before: level === 1 ? LINE / 2 : 0 },
    indent: { firstLine: 2 * CHAR },
    keepNext: true,
    children: [run(text, level === 1 ? FONTS.heading1 : FONTS.heading2, SIZE.sanhao)],
  });
}

/** The body section: portrait, the 28 × 22 grid, page numbers. */
export function bodySection(children: (Paragraph | Table)[]): ISectionOptions {
  return {
    properties: { page: { ...PORTRAIT, pageNumbers: { start: 1 } }, grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: 0 } },
    footers: FOOTERS,
    children,
  };
}

/** One annex on landscape pages: "附件N" in 黑体, its title, its tables; page numbers run on. */
export function annexSection(index: number, title: string, children: (Paragraph | Table)[]): ISectionOptions {
  return {
    properties: { page: LANDSCAPE },
    footers: FOOTERS,
    children: [
      new Paragraph({ spacing: exactLine, children: [run(`附件${index}`, FONTS.heading1, SIZE.sanhao)] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 240 },
        children: [run(title, FONTS.title, SIZE.sanhao + 4)],
      }),
      ...children,
    ],
  };
}

/** An amount in 万元 as the annexes print it: 亿元, two decimals. */
export function yiText(wan: string): string {
  return new Decimal(wan).div(10000).toFixed(2);
}

/** A cell as the annex prints it: amounts in 亿元 (two decimals), rates with two decimals. */
export function annexCellText(cell: DocumentCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell.replace(/\(万元\)/g, '(亿元)');
  if ('wan' in cell) return cell.wan === null ? '' : yiText(cell.wan);
  return cell.rate === null ? '—' : new Decimal(cell.rate).toFixed(2);
}

/** Headers say 亿元 where the cells were converted. */
function annexHeader(header: string): string {
  return header.replace(/万元/g, '亿元');
}

/** Display width in half-width characters (CJK counts two). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return w;
}

const HALF = Math.round(SIZE.wuhao * 10 * 0.55); // twips of one half-width digit at 五号, with room
const CELL_PADDING = 230;

interface Column {
  index: number;
  numeric: boolean;
  /** The least width that keeps every value on one line (numbers), or a sensible floor (text). */
  min: number;
  /** The width that shows every value in full. */
  want: number;
}

function columnsOf(table: DocumentTable): Column[] {
  return table.headers.map((header, index) => {
    const values = table.rows.map((r) => r[index] ?? null);
    const numeric = values.every((v) => v === null || typeof v === 'number' || typeof v === 'object');
    const widest = Math.max(0, ...values.map((v) => textWidth(annexCellText(v))));
    const headerWord = Math.min(textWidth(annexHeader(header)), 8); // a header may wrap after four characters
    if (numeric) {
      const min = Math.max(widest, headerWord, 4) * HALF + CELL_PADDING;
      return { index, numeric, min, want: min };
    }
    const min = Math.min(Math.max(widest, headerWord, 4), 12) * HALF + CELL_PADDING;
    const want = Math.min(Math.max(widest, headerWord, 4), 60) * HALF + CELL_PADDING;
    return { index, numeric, min, want };
  });
}

/**
 * A table too wide for one landscape page is cut into parts by columns, each repeating the first
 * (the chain or unit), so no number column is squeezed until it wraps.
 */
export function annexTables(table: DocumentTable, page: 'landscape' | 'portrait' = 'landscape'): Table[] {
  const available = page === 'landscape' ? LANDSCAPE_TEXT_WIDTH : PORTRAIT_TEXT_WIDTH;
  const columns = columnsOf(table);
  const [first, ...rest] = columns;
  const parts: Column[][] = [];
  let part: Column[] = [];
  let used = first.min;
  for (const column of rest) {
    if (part.length && used + column.min > available) {
      parts.push(part);
      part = [];
      used = first.min;
    }
    part.push(column);
    used += column.min;
  }
  parts.push(part);
  return parts.map((p) => tableOf(table, [first, ...p], available));
}

function widthsOf(columns: Column[], available: number): number[] {
  const min = columns.reduce((s, c) => s + c.min, 0);
  const want = columns.reduce((s, c) => s + c.want, 0);
  if (want <= available) {
    const extra = available - want;
    return columns.map((c) => Math.floor(c.want + (extra * c.want) / want));
  }
  // Text columns share what the numbers leave, in proportion to what they would like.
  const textWant = columns.filter((c) => !c.numeric).reduce((s, c) => s + (c.want - c.min), 0);
  const spare = Math.max(0, available - min);
  return columns.map((c) => Math.floor(c.min + (c.numeric || textWant === 0 ? 0 : (spare * (c.want - c.min)) / textWant)));
}

function tableOf(table: DocumentTable, columns: Column[], available: number): Table {
  const widths = widthsOf(columns, available);
  const cell = (text: string, width: number, options: { header?: boolean; numeric?: boolean }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      children: [
        new Paragraph({
          alignment: options.header ? AlignmentType.CENTER : options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, options.header ? FONTS.heading1 : FONTS.body, SIZE.wuhao)],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(annexHeader(table.headers[c.index]), widths[i], { header: true })),
      }),
      ...table.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, i) => cell(annexCellText(r[c.index] ?? null), widths[i], { numeric: c.numeric && c.index > 0 })),
          }),
      ),
    ],
  });
}

/** A note under an annex table, in 仿宋 小五. */
export function tableNote(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 120 }, children: [run(text, FONTS.body, SIZE.xiaowu + 3)] });
}

/** A short line between the parts of a cut table. */
export function partLabel(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 200, after: 80 }, children: [run(text, FONTS.heading2, SIZE.wuhao + 3)] });
}

/** A paragraph saying there is nothing to show. */
export function emptyNote(): Paragraph {
  return new Paragraph({ children: [run('（无）', FONTS.body, SIZE.wuhao)] });
}
