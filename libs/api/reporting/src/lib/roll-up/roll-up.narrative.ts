import {
  formatWan,
  rankingLeaders,
  RANKING_RULE_LABEL,
  trimDecimal,
  type PlanMissingView,
  type RollUpBulletinLine,
  type RollUpChainFigures,
  type RollUpComparison,
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

/** 同比 as the bulletins write it; without last year's figure it says so rather than showing 0%. */
function yearOnYear(c: RollUpComparison | undefined): string {
  if (!c) return '';
  if (c.lastYear === null) return '，上年同期无数据，不计同比';
  // A year before the product: the office's whole-year 到位资金 (往年实绩), comparable only at year end.
  const baseline = c.basis === 'baseline-full-year';
  if (c.growthRate === null) {
    return baseline
      ? `，上年全年实绩${bulletinAmount(c.lastYear)}（往年录入，全年可比，暂不计同比）`
      : '，上年同期为0，不计同比';
  }
  const rate = trimDecimal(c.growthRate.replace('-', ''));
  return `，同比${c.growthRate.startsWith('-') ? '下降' : '增长'}${rate}%（${baseline ? '上年全年实绩' : '上年同期'}${bulletinAmount(c.lastYear)}）`;
}

/** "，超序时进度1.2亿元" / "，落后序时进度3亿元"; nothing without a target. */
function againstPace(pace: string | null | undefined, gap: string | null | undefined): string {
  if (!pace || gap === null || gap === undefined) return '';
  const behind = gap.startsWith('-');
  if (new Decimal(gap).isZero()) return '，与序时进度持平';
  return `，${behind ? '落后' : '超'}序时进度${bulletinAmount(gap.replace('-', ''))}`;
}

/** A chain's own big-project rule: "10亿元以上项目" with its threshold, never the city's wording. */
function bigProjectRule(c: RollUpChainFigures): string {
  return `${bulletinAmount(c.bigProjects.threshold ?? '0')}以上项目`;
}

/** Whether anything moved in the chain this year (else it is summarised in one line). */
function isActive(c: RollUpChainFigures): boolean {
  return (
    c.signedYearToDate.count > 0 ||
    !new Decimal(c.signedYearToDate.actual).isZero() ||
    !new Decimal(c.fundsYearToDate.actual).isZero() ||
    c.newLeads > 0 ||
    c.stageMoves > 0 ||
    (c.actionItems?.due ?? 0) > 0
  );
}

function chainParagraph(c: RollUpChainFigures, line: RollUpBulletinLine | undefined, month: number): string {
  const parts = [
    `${c.chainName}签约项目${c.signedYearToDate.count}个，签约金额${bulletinAmount(c.signedYearToDate.actual)}` +
      (c.signedYearToDate.rate !== null ? `，完成年度目标的${c.signedYearToDate.rate}%` : '') +
      againstPace(line?.signedPace, line?.signedGap),
    `到位资金${bulletinAmount(c.fundsYearToDate.actual)}` +
      (c.fundsYearToDate.rate !== null ? `，完成年度目标的${c.fundsYearToDate.rate}%` : ''),
  ];
  if (c.bigProjects.target !== null) {
    parts.push(`${bigProjectRule(c)}${c.bigProjects.count}个，目标${c.bigProjects.target}个`);
  }
  parts.push(`${month}月新增项目线索${c.newLeads}个，项目推进阶段${c.stageMoves}次`);
  // Figures taken before the 交办事项 figures existed have none: nothing is said.
  const items = c.actionItems;
  if (items && items.rate !== null) {
    parts.push(`交办事项完成率${items.rate}%（应办结${items.due}件，已办结${items.done}件）`);
  }
  return `${parts.join('，')}。`;
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

/**
 * 季评比's sentence: nothing without a plan; before the quarter's last period is locked, when it
 * will be; then the chains leading the quarter's own results (never a tie of zeros), each with its
 * year-to-date score beside it; the formula always as the office's rule (RANKING_RULE_LABEL).
 */
function rankingParagraph(f: RollUpFigures, month: number): string {
  const q = f.quarter;
  const head = `第${q.quarter}季度评比（截至${month}月）：`;
  if (f.plan) return `${head}${f.year}年度工作方案尚未发布，暂不排名。`;
  const formula = `${RANKING_RULE_LABEL}：${q.formula.zh}`;
  // Figures taken before issue 16 ranked the year to date, offered at once.
  if (q.basis !== 'quarter') {
    const leaders = rankingLeaders(q.rows);
    if (!leaders.length) return `${head}各产业链尚无计入评分的完成量（得分均为0），暂不排名。${formula}`;
    const names = leaders.map((r) => `${r.chainName}（${r.score}分）`).join('、');
    const place = leaders.length === 1 ? '位列第1' : `位列前${Math.min(3, leaders.length)}`;
    return `${head}按年度目标完成率排名，${names}${place}。${formula}`;
  }
  if (q.offered === false) return `${head}${q.offeredWhen ?? '本季度评比尚未发布'}。${formula}`;
  const leaders = rankingLeaders(q.rows);
  if (!leaders.length) {
    return `${head}各产业链本季尚无计入评分的完成量（得分均为0），暂不排名。${formula}`;
  }
  const names = leaders
    .map((r) => `${r.chainName}（${r.score}分${r.yearToDate ? `，年度累计${r.yearToDate.score}分` : ''}）`)
    .join('、');
  const place = leaders.length === 1 ? '位列第1' : `位列前${Math.min(3, leaders.length)}`;
  return `${head}按本季实绩完成率排名，${names}${place}。${formula}`;
}

/**
 * The drafted narrative (paragraphs separated by blank lines), in the order of the bulletins: 一、总体
 * 情况 (totals with 同比, 资金到位率 and 序时进度, unverified funds apart, 主要签约项目), 二、各产业链情况
 * (a paragraph per chain that moved, the idle ones in one line, sectors, the quarter's ranking), 三、
 * 报送及存在的问题, 四、下一步工作. The office edits it before export.
 */
export function draftNarrative(f: RollUpFigures): string {
  const month = Number(f.period.slice(5, 7));
  const c = f.city;
  const b = f.bulletin;
  const paragraphs: string[] = [];

  // Without a published plan the figures have no targets: the report says so first.
  if (f.plan) paragraphs.push(`说明：${planMissingText(f.plan)}`);

  paragraphs.push('一、总体情况');
  const unverified = b && !new Decimal(b.city.fundsUnverifiedYearToDate).isZero()
    ? `（其中经核实${bulletinAmount(b.city.fundsVerifiedYearToDate)}，待核实${bulletinAmount(b.city.fundsUnverifiedYearToDate)}）`
    : '';
  paragraphs.push(
    `${f.year}年${f.yearToDateLabel}，全市招商引资签约项目${c.signedYearToDate.count}个，` +
      `签约金额${bulletinAmount(c.signedYearToDate.actual)}${yearOnYear(b?.city.signedYearToDate)}` +
      `${againstTarget(c.signedYearToDate, c.signedAtLeast)}${againstPace(b?.city.signedPace, b?.city.signedGap)}；` +
      `到位资金${bulletinAmount(c.fundsYearToDate.actual)}${unverified}${yearOnYear(b?.city.fundsYearToDate)}` +
      `${againstTarget(c.fundsYearToDate, c.fundsAtLeast)}${againstPace(b?.city.fundsPace, b?.city.fundsGap)}` +
      (b?.city.fundsToSignedRate ? `；资金到位率${b.city.fundsToSignedRate}%` : '') +
      (c.bigProjects.target !== null
        ? `；按各产业链大项目标准，签约大项目${c.bigProjects.count}个（各产业链目标合计${c.bigProjects.target}个）`
        : '') +
      `。其中${month}月签约项目${c.signedMonth.count}个，签约金额${bulletinAmount(c.signedMonth.amount)}${yearOnYear(b?.city.signedMonth)}；` +
      `到位资金${bulletinAmount(c.fundsMonth)}${yearOnYear(b?.city.fundsMonth)}；新增项目线索${c.newLeads}个，项目推进阶段${c.stageMoves}次；` +
      `在库重大项目${c.majorProjectCount}个。`,
  );
  if (b?.topSignings.length) {
    paragraphs.push(
      `主要签约项目：${b.topSignings.map((p) => `${p.projectName}（${p.chainName}，签约${bulletinAmount(p.amount)}）`).join('、')}。`,
    );
  }

  paragraphs.push('二、各产业链情况');
  const active = f.chains.filter(isActive);
  const idle = f.chains.filter((x) => !isActive(x));
  for (const x of active) paragraphs.push(chainParagraph(x, b?.chains.find((l) => l.chainCode === x.chainCode), month));
  if (idle.length) {
    paragraphs.push(`${idle.map((x) => x.chainName).join('、')}本年尚无签约项目、到位资金和项目推进。`);
  }
  const sectors = f.sectorGrowth?.rows ?? [];
  if (sectors.length) {
    paragraphs.push(`分行业看，到位资金同比：${sectors.map(sectorSentence).join('；')}。`);
  }
  paragraphs.push(rankingParagraph(f, month));

  paragraphs.push('三、报送情况及存在的问题');
  const count = (s: string) => f.units.filter((u) => u.status === s).length;
  const missing = f.units.filter((u) => u.status === 'missing').map((u) => u.unitName);
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
  const behind = (b?.chains ?? []).filter((l) => l.signedGap?.startsWith('-'));
  if (behind.length) {
    paragraphs.push(
      `签约额落后序时进度的产业链：${behind.map((l) => `${l.chainName}（落后${bulletinAmount((l.signedGap as string).slice(1))}）`).join('、')}。`,
    );
  }

  paragraphs.push('四、下一步工作');
  const next: string[] = [];
  if (behind.length) next.push('对落后序时进度的产业链，由包联领导牵头、责任单位落实，逐项目倒排工期，加快项目签约和资金到位。');
  if (missing.length) next.push('督促未报送单位尽快补报月报，今后按每月25日前报送。');
  if (f.problems.length) next.push('对各单位提出的需协调解决的问题，由市招商办会同相关部门逐项研究、限期答复。');
  next.push('持续跟踪已签约项目的供地、开工和资金到位，推动项目尽早竣工投产。');
  next.forEach((text, i) => paragraphs.push(`（${NUMERALS[i]}）${text}`));
  return paragraphs.join('\n\n');
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
