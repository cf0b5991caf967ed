import {
  GUARANTEE_STATUS_LABELS,
  PROJECT_STATUS_LABELS,
  RANKING_RULE_LABEL,
  rankingMeasured,
  STAGE_LABELS,
  STAGES,
  trimDecimal,
  type RollUpChainFigures,
  type RollUpFigures,
  type RollUpMonthPoint,
  type RollUpUnitRow,
  type SectorFundsGrowthView,
  type YearOnYearFigure,
  type YearOnYearView,
} from '@crm/domain';
import { bulletinAmount, planMissingText } from './roll-up.narrative';

/*
 * The roll-up's tables, laid out once for both exports: the Word file prints them as text, the
 * Excel file writes amounts and rates as numbers. Amounts are 万元, exact as summed.
 */

/** A cell: text, a count, an amount in 万元 (decimal string), or a rate in percent. */
export type ReportCell =
  string | number | null | { wan: string | null } | { rate: string | null };

export interface ReportTable {
  /** Sheet name (at most 31 characters) and heading. */
  title: string;
  headers: string[];
  rows: ReportCell[][];
  /** A line printed under the table (the ranking formula). */
  note?: string;
  /** False for a table without money: no "金额单位为亿元" line under it. */
  amounts?: false;
}

const wan = (value: string | null): ReportCell => ({ wan: value });
const rate = (value: string | null): ReportCell => ({ rate: value });

export const UNIT_STATUS_LABELS: Record<RollUpUnitRow['status'], string> = {
  'on-time': '按时报送',
  late: '逾期报送',
  missing: '未报送',
  returned: '退回修改',
  accepted: '已审核通过',
};

/** "2025-03-25 23:59" in Shanghai time. */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

function chainRow(
  name: string,
  c: Pick<
    RollUpChainFigures,
    | 'signedMonth'
    | 'signedYearToDate'
    | 'fundsMonth'
    | 'fundsYearToDate'
    | 'newLeads'
    | 'stageMoves'
  > & {
    bigProjects: { count: number; target: number | null; rate: string | null };
  },
  majors: number,
): ReportCell[] {
  return [
    name,
    c.signedMonth.count,
    wan(c.signedMonth.amount),
    c.signedYearToDate.count,
    wan(c.signedYearToDate.actual),
    wan(c.signedYearToDate.target),
    rate(c.signedYearToDate.rate),
    wan(c.fundsMonth),
    wan(c.fundsYearToDate.actual),
    wan(c.fundsYearToDate.target),
    rate(c.fundsYearToDate.rate),
    c.bigProjects.count,
    c.bigProjects.target,
    rate(c.bigProjects.rate),
    c.newLeads,
    c.stageMoves,
    majors,
  ];
}

/** 交办事项: due, done, rate, open, overdue; blank when the figures predate them. */
function actionItemCells(a: RollUpChainFigures['actionItems'] | undefined): ReportCell[] {
  if (!a) return [null, null, rate(null), null, null];
  return [a.due, a.done, rate(a.rate), a.open, a.overdue];
}

function monthRow(label: string, m: RollUpMonthPoint): ReportCell[] {
  return [
    label,
    m.period,
    m.signed.count,
    wan(m.signed.amount),
    wan(m.fundsInPlace),
    m.newLeads,
    m.stageMoves,
  ];
}

const BASIS_LABELS = {
  system: '本系统上年同期数据',
  'baseline-full-year': '上年全年实绩（系统启用前）',
} as const;

/** 分行业到位资金同比: one row per sector. */
function sectorTable(g: SectorFundsGrowthView): ReportTable {
  return {
    title: '分行业到位资金同比',
    headers: [
      '行业',
      `本年1-${g.month}月到位资金(万元)`,
      '上年可比数(万元)',
      '上年数据口径',
      '同比增长(%)',
      '年度目标增长(%)',
      '是否达到目标',
    ],
    rows: g.rows.map((r) => [
      r.sectorName,
      wan(r.thisYear),
      wan(r.lastYear),
      r.basis ? BASIS_LABELS[r.basis] : '无可比数据',
      rate(r.growthRate),
      rate(r.target),
      r.met === null ? '' : r.met ? '已达到' : '未达到',
    ]),
    note: g.planPublished ? undefined : `${g.year}年度工作方案尚未发布，暂无分行业增长目标。`,
  };
}

/** 上年同期: the figure (万元 or a count), or in words when there is none or it is a whole-year baseline. */
function lastYearCell(f: YearOnYearFigure<string | number> | undefined): ReportCell {
  if (!f) return null;
  if (f.lastYear === null || f.basis === null) return '无数据';
  if (f.basis === 'baseline-full-year') return `${typeof f.lastYear === 'number' ? f.lastYear : trimDecimal(f.lastYear)}（上年全年实绩）`;
  return typeof f.lastYear === 'number' ? f.lastYear : wan(f.lastYear);
}

/** 同比增长 in percent, or why there is none (never 0%). */
function growthCell(f: YearOnYearFigure<string | number> | undefined): ReportCell {
  if (!f) return null;
  if (f.growthRate !== null) return rate(f.growthRate);
  if (f.lastYear === null || f.basis === null) return '无上年同期数据';
  return f.basis === 'baseline-full-year' ? '仅全年可比' : '上年同期为0';
}

function yearOnYearCells(v: YearOnYearView): ReportCell[] {
  return [
    wan(v.signedAmount.thisYear),
    lastYearCell(v.signedAmount),
    growthCell(v.signedAmount),
    v.signedProjects.thisYear,
    lastYearCell(v.signedProjects),
    growthCell(v.signedProjects),
    wan(v.fundsInPlace.thisYear),
    lastYearCell(v.fundsInPlace),
    growthCell(v.fundsInPlace),
    v.bigProjects.thisYear,
    lastYearCell(v.bigProjects),
    growthCell(v.bigProjects),
    v.fundsToSignedRate === null ? '尚无签约' : rate(v.fundsToSignedRate),
  ];
}

/** 同比及资金到位率: each chain and the city, the year to date against the same months of last year. */
function yearOnYearTable(f: RollUpFigures): ReportTable {
  const city = f.city.yearOnYear as YearOnYearView;
  const baseline = [city, ...f.chains.map((x) => x.yearOnYear)].some((v) => v?.fundsInPlace.basis === 'baseline-full-year');
  return {
    title: '同比及资金到位率',
    headers: [
      '产业链',
      `${f.yearToDateLabel}签约额(万元)`,
      '上年同期(万元)',
      '签约额同比(%)',
      '签约项目(个)',
      '上年同期(个)',
      '签约项目同比(%)',
      `${f.yearToDateLabel}到位资金(万元)`,
      '上年同期(万元)',
      '到位资金同比(%)',
      '大项目(个)',
      '上年同期(个)',
      '大项目同比(%)',
      '资金到位率(%)',
    ],
    rows: [
      ...f.chains.map((x) => (x.yearOnYear ? [x.chainName, ...yearOnYearCells(x.yearOnYear)] : [x.chainName])),
      ['全市合计', ...yearOnYearCells(city)],
    ],
    note:
      `上年同期为${city.previousYear}年相同月份（报告期）的本系统数据；资金到位率＝到位资金÷签约额（本年累计）。` +
      '上年同期无数据或为0的，不计同比。' +
      (baseline
        ? `${city.previousYear}年系统尚未启用，到位资金的上年数为市招商办录入的上年全年实绩，仅作全年（1—12月）对比。`
        : ''),
  };
}

/** Each chain's own big-project rule, as its published target sets it (no rule: nothing said). */
function bigProjectNote(f: RollUpFigures): string | undefined {
  const rules = f.chains
    .filter((x) => x.bigProjects.threshold !== null)
    .map((x) => `${x.chainName}${bulletinAmount(x.bigProjects.threshold as string)}以上`);
  return rules.length ? `大项目按各产业链年度目标所定标准认定：${rules.join('、')}。` : undefined;
}

export function rollUpTables(f: RollUpFigures): ReportTable[] {
  const month = Number(f.period.slice(5, 7));
  const c = f.city;
  // Without a published plan: no targets (blank), no ranking, and the tables say why.
  const missing = f.plan ? planMissingText(f.plan) : null;
  const q = f.quarter;
  const byQuarter = q.basis === 'quarter';
  // Before the quarter's last period is locked the rows are the quarter's progress, not ranked.
  const pending = byQuarter && q.offered === false;
  const rankingNote = missing
    ? `${missing}本季度暂不排名。`
    : pending
      ? `${q.offeredWhen ?? '本季度评比尚未发布'}；下表为截至${month}月的本季进度，仅供参考，不排名。`
      : rankingMeasured(q.rows)
        ? ''
        : '各产业链尚无计入评分的完成量（得分均为0），暂不排名。';
  return [
    {
      title: '全市总体情况',
      headers: [
        '指标',
        `${month}月`,
        `${f.yearToDateLabel}累计`,
        '年度目标',
        '完成率(%)',
      ],
      rows: [
        [
          '签约项目(个)',
          c.signedMonth.count,
          c.signedYearToDate.count,
          null,
          null,
        ],
        [
          '签约金额(万元)',
          wan(c.signedMonth.amount),
          wan(c.signedYearToDate.actual),
          wan(c.signedYearToDate.target),
          rate(c.signedYearToDate.rate),
        ],
        [
          '到位资金(万元)',
          wan(c.fundsMonth),
          wan(c.fundsYearToDate.actual),
          wan(c.fundsYearToDate.target),
          rate(c.fundsYearToDate.rate),
        ],
        [
          '大项目(个，按各链标准)',
          null,
          c.bigProjects.count,
          c.bigProjects.target,
          rate(c.bigProjects.rate),
        ],
        ['新增项目线索(个)', c.newLeads, null, null, null],
        ['项目阶段推进(次)', c.stageMoves, null, null, null],
        ['在库重大项目(个)', c.majorProjectCount, null, null, null],
        // 领导批示 of the window and how many were still unanswered at the snapshot (older figures: none).
        ...(f.instructions
          ? [
              ['领导批示(件)', f.instructions.written, null, null, null],
              ['其中未回复(件)', f.instructions.open, null, null, null],
            ]
          : []),
        // 招商活动 of the window and their linked projects' results up to its end (older figures: none).
        ...(f.eventTotals
          ? [
              ['招商活动(场)', f.eventTotals.events, null, null, null],
              ['活动对接企业(家)', f.eventTotals.firmsMet, null, null, null],
              ['活动引出项目(个)', f.eventTotals.projects, null, null, null],
              ['其中签约(个)', f.eventTotals.signedProjects, null, null, null],
              ['活动项目签约额(万元)', wan(f.eventTotals.signedAmount), null, null, null],
              ['活动项目到位资金(万元)', wan(f.eventTotals.fundsInPlace), null, null, null],
            ]
          : []),
      ],
      note: missing ?? undefined,
    },
    // Figures taken before 同比 existed have none: no table.
    ...(c.yearOnYear ? [yearOnYearTable(f)] : []),
    // Figures taken before the sector growth existed have none: no table.
    ...(f.sectorGrowth ? [sectorTable(f.sectorGrowth)] : []),
    {
      title: '分产业链完成情况',
      headers: [
        '产业链',
        '本月签约(个)',
        '本月签约额(万元)',
        '累计签约(个)',
        '累计签约额(万元)',
        '签约目标(万元)',
        '签约完成率(%)',
        '本月到位资金(万元)',
        '累计到位资金(万元)',
        '到位目标(万元)',
        '到位完成率(%)',
        '大项目(个)',
        '大项目要求(个)',
        '大项目完成率(%)',
        '新增线索(个)',
        '阶段推进(次)',
        '重大项目(个)',
        '交办事项应办结(件)',
        '已办结(件)',
        '交办事项完成率(%)',
        '未办结(件)',
        '其中逾期(件)',
      ],
      rows: [
        ...f.chains.map((x) => [
          ...chainRow(x.chainName, x, x.majorProjects.length),
          ...actionItemCells(x.actionItems),
        ]),
        // A joint meeting's item counts for each of its chains: the chains' counts do not add up.
        [...chainRow('全市合计', c, c.majorProjectCount), null, null, null, null, null],
      ],
      note: bigProjectNote(f),
    },
    {
      title: '在库项目分阶段',
      headers: [
        '产业链',
        ...STAGES.flatMap((s) => [
          `${STAGE_LABELS[s]}(个)`,
          `${STAGE_LABELS[s]}计划投资(万元)`,
        ]),
      ],
      rows: f.chains.map((x) => [
        x.chainName,
        ...STAGES.flatMap((s) => {
          const t = x.pipeline.find((p) => p.stage === s);
          return [t?.count ?? 0, wan(t?.plannedInvestment ?? '0')];
        }),
      ]),
    },
    {
      title: '重大项目',
      headers: [
        '产业链',
        '项目名称',
        '阶段',
        '状态',
        '计划投资(万元)',
        '签约额(万元)',
        '责任单位',
      ],
      rows: f.chains.flatMap((x) =>
        x.majorProjects.map((p) => [
          x.chainName,
          p.name,
          STAGE_LABELS[p.stage],
          PROJECT_STATUS_LABELS[p.status],
          wan(p.plannedInvestment),
          wan(p.signedAmount),
          p.unitName ?? '',
        ]),
      ),
    },
    {
      title: '重点任务进展',
      headers: [
        '产业链',
        '序号',
        '重点任务',
        '关联项目(个)',
        '推进中(个)',
        '已签约(个)',
      ],
      rows: f.chains.flatMap((x) =>
        x.keyTasks.map((k) => [
          x.chainName,
          k.seq,
          k.text,
          k.projectCount,
          k.activeProjectCount,
          k.signedProjectCount,
        ]),
      ),
    },
    {
      title: `第${f.quarter.quarter}季度评比`,
      headers: byQuarter
        ? [
            '排名',
            '产业链',
            '本季得分',
            '本季签约额完成率(%)',
            '本季到位资金完成率(%)',
            '本季大项目完成率(%)',
            '本季签约(个)',
            '本季签约额(万元)',
            '本季到位资金(万元)',
            '年度累计得分',
            '年度累计排名',
            '交办事项完成率(%)',
          ]
        : [
            '排名',
            '产业链',
            '得分',
            '签约额完成率(%)',
            '到位资金完成率(%)',
            '大项目完成率(%)',
            '本季签约(个)',
            '本季签约额(万元)',
            '本季到位资金(万元)',
            '交办事项完成率(%)',
          ],
      rows: q.rows.map((r) => [
        pending ? '—' : r.rank,
        r.chainName,
        rate(r.score),
        rate(r.signedRate),
        rate(r.fundsRate),
        rate(r.bigProjectRate),
        r.quarterSigned.count,
        wan(r.quarterSigned.amount),
        wan(r.quarterFunds),
        ...(byQuarter
          ? [rate(r.yearToDate?.score ?? null), pending ? '—' : (r.yearToDate?.rank ?? '—')]
          : []),
        rate(r.actionItemRate ?? null),
      ]),
      note: `${rankingNote}${RANKING_RULE_LABEL}：${q.formula.zh}`,
    },
    {
      title: '各单位报送情况',
      headers: ['单位', '报送情况', '提交时间', '截止时间'],
      rows: f.units.map((u) => [
        u.unitName,
        UNIT_STATUS_LABELS[u.status] +
          (u.status === 'accepted' || u.status === 'returned'
            ? u.late
              ? '（逾期）'
              : '（按时）'
            : ''),
        shanghaiTime(u.submittedAt),
        shanghaiTime(u.dueAt),
      ]),
    },
    {
      title: '需协调解决的问题',
      headers: ['序号', '单位', '产业链', '问题'],
      rows: f.problems.map((p, i) => [
        i + 1,
        p.unitName,
        p.chainNames.join('、'),
        p.text,
      ]),
    },
    // 要素制约 (blockedByNeeds of @crm/api/guarantees, as the leader page and the meeting pack list them); older figures: none.
    ...(f.blockedByNeeds?.length
      ? [
          {
            title: '要素保障制约项目',
            amounts: false as const,
            headers: ['序号', '产业链', '项目', '要素需求', '保障部门', '发出日期', '办理时限', '办理状态', '逾期（天）'],
            rows: f.blockedByNeeds.map((b, i): ReportCell[] => [
              i + 1,
              b.chain.nameZh,
              b.project.name,
              b.need,
              b.unit.name,
              b.sentOn,
              b.dueOn,
              GUARANTEE_STATUS_LABELS[b.status],
              b.daysOverdue,
            ]),
          },
        ]
      : []),
    {
      title: '年度按月统计',
      headers: [
        '范围',
        '月份',
        '签约(个)',
        '签约额(万元)',
        '到位资金(万元)',
        '新增线索(个)',
        '阶段推进(次)',
      ],
      rows: [
        ...f.yearView.months.map((m) => monthRow('全市', m)),
        ...f.yearView.chains.flatMap((x) =>
          x.months.map((m) => monthRow(x.chainName, m)),
        ),
      ],
    },
  ];
}
