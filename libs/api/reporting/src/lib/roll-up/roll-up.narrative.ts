import {
  formatWan,
  type RollUpChainFigures,
  type RollUpFigures,
  type TargetMeasure,
} from '@crm/domain';
import Decimal from 'decimal.js';

/*
 * The roll-up's opening text (通报), drafted from the figures by templates in the style of the
 * bulletins: "1-3月，全市招商引资签约项目X个，签约金额X亿元，完成年度目标的X%……". The office edits it
 * before export; these templates only draft it.
 */

/**
 * An amount as a bulletin writes it: 亿元 to two decimals from 1亿 up, else 万元 to two decimals
 * (formatWan chooses the unit). Display only; the figures keep the exact sums.
 */
export function bulletinAmount(wan: string): string {
  const value = new Decimal(wan);
  const rounded = value.abs().gte(10000)
    ? value.div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(10000)
    : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return formatWan(rounded.toFixed());
}

/** "完成年度目标（220亿元）的12.35%", or nothing without a target. */
function againstTarget(m: TargetMeasure): string {
  if (m.target === null || m.rate === null) return '';
  return `，完成年度目标（${bulletinAmount(m.target)}）的${m.rate}%`;
}

function chainSentence(c: RollUpChainFigures): string {
  const parts = [
    `${c.chainName}签约项目${c.signedYearToDate.count}个，签约金额${bulletinAmount(c.signedYearToDate.actual)}` +
      (c.signedYearToDate.rate !== null
        ? `，完成年度目标的${c.signedYearToDate.rate}%`
        : ''),
    `到位资金${bulletinAmount(c.fundsYearToDate.actual)}` +
      (c.fundsYearToDate.rate !== null
        ? `，完成年度目标的${c.fundsYearToDate.rate}%`
        : ''),
  ];
  if (c.bigProjects.target !== null) {
    parts.push(
      `${bulletinAmount(c.bigProjects.threshold ?? '0')}以上项目${c.bigProjects.count}个，目标${c.bigProjects.target}个`,
    );
  }
  // Figures taken before the 交办事项 figures existed have none: nothing is said.
  const items = c.actionItems;
  if (items && items.rate !== null) {
    parts.push(
      `交办事项完成率${items.rate}%（应办结${items.due}件，已办结${items.done}件）`,
    );
  }
  return parts.join('，');
}

/** The drafted narrative, paragraphs separated by blank lines. */
export function draftNarrative(f: RollUpFigures): string {
  const month = Number(f.period.slice(5, 7));
  const c = f.city;
  const paragraphs: string[] = [];

  paragraphs.push(
    `${f.year}年${f.yearToDateLabel}，全市招商引资签约项目${c.signedYearToDate.count}个，` +
      `签约金额${bulletinAmount(c.signedYearToDate.actual)}${againstTarget(c.signedYearToDate)}；` +
      `到位资金${bulletinAmount(c.fundsYearToDate.actual)}${againstTarget(c.fundsYearToDate)}` +
      (c.bigProjects.target !== null
        ? `；达到亿元以上标准的签约项目${c.bigProjects.count}个，年度要求${c.bigProjects.target}个`
        : '') +
      `。其中${month}月签约项目${c.signedMonth.count}个，签约金额${bulletinAmount(c.signedMonth.amount)}，` +
      `到位资金${bulletinAmount(c.fundsMonth)}；新增项目线索${c.newLeads}个，项目推进阶段${c.stageMoves}次；` +
      `在库重大项目${c.majorProjectCount}个。`,
  );

  paragraphs.push(`分产业链看：${f.chains.map(chainSentence).join('；')}。`);

  const top = f.quarter.rows
    .slice(0, 3)
    .map((r) => `${r.chainName}（${r.score}分）`);
  paragraphs.push(
    `第${f.quarter.quarter}季度评比（截至${month}月）：按年度目标完成率排名，${top.join('、')}位列前${top.length}。` +
      `评分办法：${f.quarter.formula.zh}`,
  );

  const count = (s: string) => f.units.filter((u) => u.status === s).length;
  const missing = f.units
    .filter((u) => u.status === 'missing')
    .map((u) => u.unitName);
  const returned = count('returned');
  paragraphs.push(
    `报送情况：应报单位${f.units.length}个，按时报送${count('on-time') + f.units.filter((u) => u.status === 'accepted' && !u.late).length}个，` +
      `逾期报送${count('late') + f.units.filter((u) => u.status === 'accepted' && u.late).length}个` +
      (returned ? `，退回修改${returned}个` : '') +
      `，未报送${missing.length}个` +
      (missing.length ? `（${missing.join('、')}）` : '') +
      '。',
  );

  paragraphs.push(
    f.problems.length
      ? `需协调解决的问题：${f.problems
          .map(
            (p, i) =>
              `${i + 1}. ${p.unitName}${p.chainNames.length ? `（${p.chainNames.join('、')}）` : ''}：${p.text.replace(/[。；;.\s]+$/u, '')}`,
          )
          .join('；')}。`
      : '需协调解决的问题：各单位本月未提出需协调解决的问题。',
  );
  return paragraphs.join('\n\n');
}
