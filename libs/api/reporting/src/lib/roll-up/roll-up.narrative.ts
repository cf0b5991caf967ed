import {
  formatWan,
  rankingLeaders,
  trimDecimal,
  type PlanMissingView,
  type RollUpChainFigures,
  type RollUpFigures,
  type SectorFundsGrowthRow,
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

/** "完成年度目标（220亿元以上）的12.35%" as the plan writes the target, or nothing without one. */
function againstTarget(m: TargetMeasure, atLeast = false): string {
  if (m.target === null || m.rate === null) return '';
  return `，完成年度目标（${bulletinAmount(m.target)}${atLeast ? '以上' : ''}）的${m.rate}%`;
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

/** The Chinese half of the plan-missing message (it reads "中文 / English"). */
export function planMissingText(plan: PlanMissingView): string {
  return plan.message.split(' / ')[0];
}

/** "制造业到位资金1.2亿元，同比增长12.5%（年度目标增长20%，尚未达到）". */
function sectorSentence(r: SectorFundsGrowthRow): string {
  const head = `${r.sectorName}到位资金${bulletinAmount(r.thisYear)}`;
  if (r.growthRate === null) {
    return `${head}，${r.lastYear === null ? '上年无可比数据' : '上年同期为0，不计算同比'}`;
  }
  const rate = trimDecimal(r.growthRate.replace('-', ''));
  return (
    `${head}，同比${r.growthRate.startsWith('-') ? '下降' : '增长'}${rate}%` +
    (r.basis === 'baseline-full-year' ? '（上年为全年实绩）' : '') +
    (r.target !== null
      ? `，年度目标增长${trimDecimal(r.target)}%，${r.met ? '已达到' : '尚未达到'}`
      : '')
  );
}

/** 季评比's sentence: the chains leading it, never a tie of zeros, nothing without a plan. */
function rankingParagraph(f: RollUpFigures, month: number): string {
  const head = `第${f.quarter.quarter}季度评比（截至${month}月）：`;
  if (f.plan) return `${head}${f.year}年度工作方案尚未发布，暂不排名。`;
  const leaders = rankingLeaders(f.quarter.rows);
  const formula = `评分办法：${f.quarter.formula.zh}`;
  if (!leaders.length) {
    return `${head}各产业链尚无计入评分的完成量（得分均为0），暂不排名。${formula}`;
  }
  const names = leaders.map((r) => `${r.chainName}（${r.score}分）`).join('、');
  const place = leaders.length === 1 ? '位列第1' : `位列前${Math.min(3, leaders.length)}`;
  return `${head}按年度目标完成率排名，${names}${place}。${formula}`;
}

/** The drafted narrative, paragraphs separated by blank lines. */
export function draftNarrative(f: RollUpFigures): string {
  const month = Number(f.period.slice(5, 7));
  const c = f.city;
  const paragraphs: string[] = [];

  // Without a published plan the figures have no targets: the report says so first.
  if (f.plan) paragraphs.push(`说明：${planMissingText(f.plan)}`);

  paragraphs.push(
    `${f.year}年${f.yearToDateLabel}，全市招商引资签约项目${c.signedYearToDate.count}个，` +
      `签约金额${bulletinAmount(c.signedYearToDate.actual)}${againstTarget(c.signedYearToDate, c.signedAtLeast)}；` +
      `到位资金${bulletinAmount(c.fundsYearToDate.actual)}${againstTarget(c.fundsYearToDate, c.fundsAtLeast)}` +
      (c.bigProjects.target !== null
        ? `；达到亿元以上标准的签约项目${c.bigProjects.count}个，年度要求${c.bigProjects.target}个`
        : '') +
      `。其中${month}月签约项目${c.signedMonth.count}个，签约金额${bulletinAmount(c.signedMonth.amount)}，` +
      `到位资金${bulletinAmount(c.fundsMonth)}；新增项目线索${c.newLeads}个，项目推进阶段${c.stageMoves}次；` +
      `在库重大项目${c.majorProjectCount}个。`,
  );

  paragraphs.push(`分产业链看：${f.chains.map(chainSentence).join('；')}。`);

  const sectors = f.sectorGrowth?.rows ?? [];
  if (sectors.length) {
    paragraphs.push(`分行业看，到位资金同比：${sectors.map(sectorSentence).join('；')}。`);
  }

  paragraphs.push(rankingParagraph(f, month));

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
