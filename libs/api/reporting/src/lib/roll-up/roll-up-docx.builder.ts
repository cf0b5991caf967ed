import { trimDecimal } from '@crm/domain';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { RollUpDocument } from './roll-up-export.runner';
import { planMissingText } from './roll-up.narrative';
import {
  rollUpTables,
  shanghaiTime,
  type ReportCell,
} from './roll-up-report.tables';

const FONT = {
  eastAsia: '仿宋',
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
};
const TITLE_FONT = {
  eastAsia: '方正小标宋简体',
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
};
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A cell as the Word file prints it: amounts exact in 万元, rates with two decimals. */
export function cellText(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  if ('wan' in cell) return cell.wan === null ? '' : trimDecimal(cell.wan);
  return cell.rate ?? '—';
}

function text(
  value: string,
  options: { bold?: boolean; size?: number } = {},
): TextRun {
  return new TextRun({
    text: value,
    font: FONT,
    size: options.size ?? 24,
    bold: options.bold,
  });
}

function table(headers: string[], rows: ReportCell[][]): Table {
  const line = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (c) =>
          new TableCell({
            children: [
              new Paragraph({ children: [text(c, { bold, size: 18 })] }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      line(headers, true),
      ...rows.map((r) => line(r.map(cellText), false)),
    ],
  });
}

/** The roll-up as a Word document: title, the narrative (通报), then every table. */
export async function buildRollUpDocx(doc: RollUpDocument): Promise<Buffer> {
  const f = doc.figures;
  const month = Number(f.period.slice(5, 7));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: `${f.year}年${month}月全市招商引资工作情况汇总报告`,
          font: TITLE_FONT,
          size: 36,
          bold: true,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        text(
          `（数据截至${shanghaiTime(f.takenAt)}${doc.fromSnapshot ? '，据月末锁定数据' : ''}；生成于${shanghaiTime(doc.builtAt.toISOString())}）`,
          { size: 20 },
        ),
      ],
    }),
    // Without a published plan the report says so above everything, whatever the narrative says.
    ...(f.plan
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [text(`【${planMissingText(f.plan)}】`, { bold: true })],
          }),
        ]
      : []),
    ...doc.narrative
      .split(/\n+/)
      .filter((p) => p.trim())
      .map(
        (p) =>
          new Paragraph({
            indent: { firstLine: 480 },
            spacing: { after: 120 },
            children: [text(p.trim())],
          }),
      ),
  ];
  rollUpTables(f).forEach((t, i) => {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        children: [
          text(`${NUMERALS[i] ?? i + 1}、${t.title}`, { bold: true, size: 28 }),
        ],
      }),
    );
    children.push(
      t.rows.length
        ? table(t.headers, t.rows)
        : new Paragraph({ children: [text('（无）')] }),
    );
    if (t.note)
      children.push(
        new Paragraph({
          spacing: { before: 120 },
          children: [text(t.note, { size: 20 })],
        }),
      );
  });
  const document = new Document({
    creator: '产业链招商管理平台',
    title: `${f.year}年${month}月招商引资工作汇总报告`,
    sections: [
      {
        properties: {
          page: { size: { orientation: PageOrientation.LANDSCAPE } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
