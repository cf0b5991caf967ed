import { documentDate, statWindowLabel } from '@crm/domain';
import { Document, Packer, type Paragraph, type Table } from 'docx';
import {
  annexList,
  annexSection,
  annexTables,
  bodyParagraph,
  bodySection,
  documentTitle,
  emptyNote,
  letterhead,
  partLabel,
  signature,
  subtitle,
  tableNote,
} from '@crm/api/core';
import type { RollUpDocument } from './roll-up-export.runner';
import { planMissingText } from './roll-up.narrative';
import { rollUpTables } from './roll-up-report.tables';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The roll-up as an official document (GB/T 9704-2012): the letterhead with the office's name and
 * the month's document number, the title, the narrative (通报) in the body, the list of annexes,
 * the signature and date; then each table as an annex on landscape pages, amounts in 亿元.
 */
export async function buildRollUpDocx(doc: RollUpDocument): Promise<Buffer> {
  const f = doc.figures;
  const month = Number(f.period.slice(5, 7));
  const tables = rollUpTables(f);
  const annexTitle = (t: { title: string }) => `${f.year}年${month}月${t.title}`;
  const body: (Paragraph | Table)[] = [
    ...letterhead(doc.settings.issuer, doc.number),
    documentTitle(`${f.year}年${month}月全市招商引资工作情况通报`),
    subtitle(
      `（${f.window ? `统计区间：${statWindowLabel(f.window)}；` : ''}数据统计截至${documentDate(new Date(f.takenAt))}${doc.fromSnapshot ? '，据月末锁定数据' : ''}；第${doc.version}稿）`,
    ),
    // Without a published plan the report says so above everything, whatever the narrative says.
    ...(f.plan ? [bodyParagraph(`【${planMissingText(f.plan)}】`)] : []),
    ...doc.narrative
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map(bodyParagraph),
    ...annexList(tables.map(annexTitle)),
    ...signature(doc.settings.signer, documentDate(doc.issuedOn)),
  ];
  const annexes = tables.map((t, i) => {
    const parts = t.rows.length ? annexTables(t) : [];
    const children: (Paragraph | Table)[] = parts.length
      ? parts.flatMap((table, k) => (parts.length > 1 ? [partLabel(`（${NUMERALS[k] ?? k + 1}）`), table] : [table]))
      : [emptyNote()];
    const note = t.amounts === false ? (t.note ?? '') : `注：金额单位为亿元，保留两位小数。${t.note ?? ''}`;
    if (note) children.push(tableNote(note));
    return annexSection(i + 1, annexTitle(t), children);
  });
  const document = new Document({
    creator: doc.settings.issuer,
    title: `${doc.number} ${f.year}年${month}月全市招商引资工作情况通报（第${doc.version}稿）`,
    evenAndOddHeaderAndFooters: true,
    sections: [bodySection(body), ...annexes],
  });
  return Packer.toBuffer(document);
}
