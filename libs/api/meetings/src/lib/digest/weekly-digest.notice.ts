import { formatWan, type Wan, type WeeklyDigestChainSection, type WeeklyDigestView } from '@crm/domain';
import Decimal from 'decimal.js';
import { monthDay } from './weekly-digest.week';

/**
 * An amount as the roll-up's bulletin writes it: 亿元 to two decimals from 1亿 up, else 万元 to two
 * decimals (formatWan chooses the unit). Display only; the digest keeps the exact sums.
 */
export function digestAmount(wan: Wan): string {
  const value = new Decimal(wan);
  const rounded = value.abs().gte(10000)
    ? value.div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(10000)
    : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return formatWan(rounded.toFixed());
}

/** "清洁能源产业链：新增线索2个，阶段推进1个，签约1个共1.5亿元，到位资金3000万元，待办交办事项2项，逾期跟进1个" */
export function chainSummary(s: WeeklyDigestChainSection): string {
  const signed = s.signings.length ? `签约${s.signings.length}个共${digestAmount(s.signedTotal)}` : '签约0个';
  return (
    `${s.chain.nameZh}：新增线索${s.newLeads.length}个，阶段推进${s.stageMoves.length}个，${signed}，` +
    `到位资金${digestAmount(s.fundsTotal)}，待办交办事项${s.itemsDue.length}项，逾期跟进${s.overdueFollowUps.length}个`
  );
}

/** The notification of a digest: one line per chain, linking to the digest page. */
export function digestNotice(view: WeeklyDigestView): { title: string; body: string; link: string } {
  return {
    title: `周跟踪（${monthDay(view.from)}—${monthDay(view.to)}）/ Weekly digest, ${view.from} to ${view.to}`,
    body: [
      `${view.from}至${view.to}，您所负责产业链的工作进展如下（详见周跟踪页面）：/ Your chains’ week, in figures:`,
      ...view.chains.map(chainSummary),
    ].join('\n'),
    link: `/meetings/digest?week=${view.week}`,
  };
}
