import {
  ALERT_KIND_LABELS,
  ALERT_KINDS,
  MEETING_KIND_LABELS,
  STAGE_LABELS,
  YEAR_ON_YEAR_HEADERS,
  bigProjectsLabelZh,
  blockedHowLongZh,
  statWindowLabel,
  formatWan,
  yearOnYearRows,
  documentDate,
  type AmountMeasure,
  type DocumentSettings,
  type MeetingPackChainSection,
  type MeetingPackView,
  type Wan,
} from '@crm/domain';
import {
  annexTables,
  bodyHeading,
  bodyParagraph,
  bodySection,
  documentTitle,
  emptyNote,
  subtitle,
  type DocumentCell,
} from '@crm/api/core';
import { Document, Packer, type Paragraph, type Table } from 'docx';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "清洁能源产业链月调度会会议材料" (a joint meeting names each chain). */
export function meetingPackTitle(pack: MeetingPackView): string {
  return `${pack.meeting.chains.map((c) => c.nameZh).join('、')}${MEETING_KIND_LABELS[pack.meeting.kind]}会议材料`;
}

/** "清洁能源产业链月调度会会议材料-2025-03-10.docx" */
export function meetingPackFileName(pack: MeetingPackView): string {
  return `${meetingPackTitle(pack)}-${pack.meeting.heldOn}.docx`;
}

/** Content-Disposition with the Chinese name (RFC 5987/6266) and an ASCII fallback. */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function para(value: string): Paragraph {
  return bodyParagraph(value);
}

function heading(value: string, level: 1 | 2): Paragraph {
  return bodyHeading(value, level);
}

/** A table that prints on the portrait page (五号, fixed widths, header repeated; cut by columns if too wide). */
function table(headers: string[], rows: DocumentCell[][]): (Table | Paragraph)[] {
  if (!rows.length) return [emptyNote()];
  return annexTables({ title: '', headers, rows }, 'portrait');
}

/** An amount in 亿元 from 1 亿 up, else 万元, exact (as the roll-up prints). */
function wan(value: Wan | null): string {
  return value === null ? '—' : formatWan(value);
}

function pct(rate: string | null): string {
  return rate === null ? '—' : `${rate}%`;
}

function amountRow(label: string, m: AmountMeasure): string[] {
  return [label, wan(m.actual), wan(m.target), pct(m.rate), wan(m.pace), pct(m.paceRate)];
}

/** The Chinese half of the plan-missing message ("中文 / English"). */
function planText(pack: MeetingPackView): string {
  return (pack.plan?.message ?? '').split(' / ')[0];
}

/** "2025年3月9日 10:00", Shanghai time. */
function shanghaiTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${documentDate(new Date(iso))} ${t.slice(11, 16)}`;
}

function chainSection(pack: MeetingPackView, s: MeetingPackChainSection, index: number): (Paragraph | Table)[] {
  const f = s.figures;
  const sub = (i: number, title: string) => heading(`（${NUMERALS[i]}）${title}`, 2);
  const alertCounts = ALERT_KINDS.map((k) => `${ALERT_KIND_LABELS[k]} ${s.alertCounts[k]} 项`).join('，');
  const c = s.completion;
  // The chain's own threshold: "10亿元以上项目", never "亿元以上" for every chain.
  const bigLabel = bigProjectsLabelZh(f.target?.bigProjectThreshold);
  return [
    heading(`${NUMERALS[index] ?? index + 1}、${s.chain.nameZh}`, 1),
    sub(0, `${pack.year}年1—${pack.month}月目标完成情况`),
    // Without a published plan: the actuals only, and why there is no target.
    ...(pack.plan ? [para(`（${planText(pack)}）`)] : []),
    ...table(
      ['指标', '累计完成', '年度目标', '完成率', '序时进度', '序时完成率'],
      [
        amountRow('签约金额', f.signedAmount),
        amountRow('到位资金', f.fundsInPlace),
        ['其中：已核实到位资金', wan(f.fundsInPlaceVerified.actual), '—', pct(f.fundsInPlaceVerified.rate), '—', '—'],
        [
          `${bigLabel}（个）`,
          String(f.bigProjects.actual),
          f.bigProjects.target === null ? '—' : String(f.bigProjects.target),
          pct(f.bigProjects.rate),
          f.bigProjects.pace ?? '—',
          pct(f.bigProjects.paceRate),
        ],
        ['签约项目（个）', String(f.signedProjects.count), '—', '—', '—', '—'],
      ],
    ),
    // 同比 (the same months of last year) and 资金到位率; absent in a pack made before they existed.
    ...(f.yearOnYear
      ? [
          para(`同比情况（与${f.yearOnYear.previousYear}年1—${pack.month}月相比）`),
          ...table(YEAR_ON_YEAR_HEADERS, yearOnYearRows(f.yearOnYear, bigLabel)),
        ]
      : []),
    sub(1, '项目推进情况（按阶段）'),
    ...table(
      ['阶段', '项目数（个）', '计划投资', '签约金额'],
      s.funnel.map((r) => [r.label, String(r.count), wan(r.plannedInvestment), wan(r.signedAmount)]),
    ),
    ...(s.mapGaps === undefined ? [] : [para(mapGapText(pack.year, s.mapGaps))]),
    sub(2, `${pack.since}以来阶段变动`),
    ...table(
      ['日期', '项目', '由', '至', '责任单位'],
      s.moved.map((m) => [
        m.movedOn,
        m.project.name,
        m.from ? STAGE_LABELS[m.from] : '（新录入）',
        STAGE_LABELS[m.to],
        m.project.responsibleUnit.name,
      ]),
    ),
    sub(3, '停滞时间最长的项目'),
    ...table(
      ['项目', '所处阶段', '停留天数', '金额', '责任单位'],
      s.stuck.map((x) => [
        x.project.name,
        STAGE_LABELS[x.project.stage],
        String(x.days),
        wan(x.project.amount),
        x.project.responsibleUnit.name,
      ]),
    ),
    sub(4, '预警提示'),
    para(`预警共计：${alertCounts}。`),
    ...table(
      ['类型', '项目或单位', '起算日期', '天数'],
      s.alerts.map((a) => [
        ALERT_KIND_LABELS[a.kind],
        a.project?.name ?? `${a.unit?.name ?? ''}${a.period ? `（${a.period}）` : ''}`,
        a.since,
        String(a.days),
      ]),
    ),
    sub(5, '需协调解决的问题'),
    ...table(['单位', '月报期次', '问题'], s.problems.map((p) => [p.unit.name, p.period, p.text])),
    sub(6, '未办结交办事项'),
    para(
      c.rate === null
        ? `截至${pack.meeting.heldOn}，尚无到期交办事项。`
        : `截至${pack.meeting.heldOn}，到期交办事项 ${c.due} 项，已办结 ${c.done} 项，完成率 ${c.rate}%。`,
    ),
    ...table(
      ['交办事项', '责任单位', '责任人', '办结期限', '状态'],
      s.openItems.map((i) => [
        i.text,
        i.ownerUnit.name,
        i.ownerUser?.displayName ?? '',
        i.dueOn,
        i.overdue ? '已逾期' : i.status === 'in-progress' ? '办理中' : '未开始',
      ]),
    ),
    // 要素制约 (absent in a pack made before it existed).
    ...(s.blockedByNeeds === undefined
      ? []
      : [
          sub(7, '要素保障制约项目'),
          ...table(
            ['项目', '要素需求', '保障部门', '办理时限', '时长'],
            s.blockedByNeeds.map((b) => [b.project.name, b.need, b.unit.name, b.dueOn, blockedHowLongZh(b)]),
          ),
        ]),
  ];
}

/**
 * The pack as a printable official document (会议材料, GB/T 9704-2012 layout): A4 portrait, the
 * title, the meeting's particulars, then one part per chain with its tables; page numbers.
 */
export async function buildMeetingPackDocx(pack: MeetingPackView, settings: DocumentSettings): Promise<Buffer> {
  const m = pack.meeting;
  const children: (Paragraph | Table)[] = [
    documentTitle(meetingPackTitle(pack)),
    subtitle(`（会议日期：${chineseDay(m.heldOn)}；材料生成于${shanghaiTime(pack.generatedAt)}）`),
    // The figures run to the end of the statistical window that holds the meeting's day.
    ...(pack.chains[0]?.window ? [subtitle(`（统计区间：${statWindowLabel(pack.chains[0].window)}）`)] : []),
    ...(pack.plan ? [para(`【${planText(pack)}】`)] : []),
    para(`主持：${m.chair.name || '—'}`),
    para(`参会单位：${m.attendingUnits.map((u) => u.name).join('、') || '—'}`),
    ...(m.attendees.length ? [para(`参会人员：${m.attendees.join('、')}`)] : []),
    ...(m.agenda.trim() ? [para(`议程：${m.agenda.trim()}`)] : []),
    para(
      pack.previousMeeting
        ? `上次会议：${pack.previousMeeting.heldOn}${MEETING_KIND_LABELS[pack.previousMeeting.kind]}；阶段变动自${pack.since}次日起统计。`
        : `阶段变动自${pack.since}次日起统计。`,
    ),
    ...pack.chains.flatMap((s, i) => chainSection(pack, s, i)),
  ];
  const document = new Document({
    creator: settings.issuer,
    title: meetingPackTitle(pack),
    evenAndOddHeaderAndFooters: true,
    sections: [bodySection(children)],
  });
  return Packer.toBuffer(document);
}

/** "2025-03-10" → "2025年3月10日". */
function chineseDay(isoDate: string): string {
  const [y, mo, d] = isoDate.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
}

/** 招商图谱's line per chain: the gaps (weak or missing links) with no active lead. */
function mapGapText(year: number, gaps: string[] | null): string {
  if (gaps === null) return `招商图谱：${year}年尚未编制。`;
  return gaps.length ? `招商图谱中尚无在推进项目的薄弱或缺失环节：${gaps.join('、')}。` : '招商图谱中的薄弱或缺失环节均已有在推进项目。';
}
