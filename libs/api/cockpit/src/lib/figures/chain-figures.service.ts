import {
  headlineCityTargets,
  headlineFigures,
  headlineTargets,
  stageTotals,
  yearOnYear,
  type HeadlineAmount,
  type HeadlineFigures,
} from '@crm/api/pipeline';
import {
  SIGNED_STAGES,
  STAGE_LABELS,
  type AmountMeasure,
  type ChainTargetView,
  type CockpitChainFigures,
  type CockpitTrendSeries,
  type CockpitView,
  type CountMeasure,
  type FunnelStageView,
  type ProjectListQuery,
} from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chainRef, type CockpitChain } from '../common/cockpit-chains';
import type { CockpitPeriod } from '../common/cockpit-period';

/**
 * The cockpit's figures, as the one module of headline figures defines them (@crm/api/pipeline:
 * chain_month_total and pipeline_stage_total, kept by triggers, with targets from the year's
 * published plan); this service only chooses the chains and the period, and shapes the answer.
 */
@Injectable()
export class ChainFiguresService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Months 1..period.month: per chain (perChain) or summed over the chains (chainId null).
   * city: the sum is the whole city's, measured against the plan's city totals.
   */
  monthRows(chainIds: number[], period: CockpitPeriod, perChain: boolean, city = false): Promise<HeadlineFigures[]> {
    return headlineFigures(
      this.dataSource.manager,
      chainIds,
      { year: period.year, month: period.month },
      perChain ? 'per-chain' : city ? 'city' : 'chains',
    );
  }

  /**
   * The city's targets for the year as its published plan writes them (annual_plan), each "at
   * least" or exact; bigProjects is the sum of the chains' required counts. Null without a
   * published plan.
   */
  cityTargets(year: number): Promise<CityTargets> {
    return headlineCityTargets(this.dataSource.manager, year);
  }

  /** The chains' targets of the year, from its published plan only (none for a draft or no plan). */
  targets(chainIds: number[], year: number): Promise<Map<number, ChainTargetView>> {
    return headlineTargets(this.dataSource.manager, chainIds, year);
  }

  /** 漏斗: the chain's projects now in each stage (active and paused), with the list behind each. */
  async funnel(chain: CockpitChain): Promise<FunnelStageView[]> {
    const totals = await stageTotals(this.dataSource.manager, chain.id, ['active', 'paused']);
    return totals.map((t) => ({
      stage: t.stage,
      label: STAGE_LABELS[t.stage],
      count: t.count,
      plannedInvestment: t.plannedInvestment,
      signedAmount: t.signedAmount,
      query: { chain: chain.code, stage: [t.stage], status: ['active', 'paused'] },
    }));
  }
}

export type CityTargets = CockpitView['totals']['cityTargets'];

/** The links behind each figure, for one chain (or every chain the user may read when chain is null). */
export function figureQueries(chain: CockpitChain | null, period: CockpitPeriod) {
  const scope: ProjectListQuery = chain ? { chain: chain.code } : {};
  return {
    signedAmount: { ...scope, stage: SIGNED_STAGES, agreementFrom: period.yearStart, agreementTo: period.monthEnd },
    signedProjects: { ...scope, stage: SIGNED_STAGES, signedFrom: period.yearStart, signedTo: period.monthEnd },
    fundsInPlace: { ...scope, fundsFrom: `${period.year}-01`, fundsTo: period.asOf },
    bigProjects: { ...scope, bigBy: period.asOf },
  } satisfies Record<string, ProjectListQuery>;
}

export function measures(f: HeadlineFigures, queries: ReturnType<typeof figureQueries>) {
  const amount = (a: HeadlineAmount, query: ProjectListQuery): AmountMeasure => ({
    actual: a.yearToDate,
    target: a.target,
    rate: a.rate,
    pace: a.pace,
    gap: a.gap,
    paceRate: a.paceRate,
    query,
  });
  const bigProjects: CountMeasure = {
    actual: f.bigProjects.yearToDate,
    target: f.bigProjects.target,
    rate: f.bigProjects.rate,
    pace: f.bigProjects.pace,
    gap: f.bigProjects.gap,
    paceRate: f.bigProjects.paceRate,
    query: queries.bigProjects,
  };
  return {
    signedAmount: amount(f.signedAmount, queries.signedAmount),
    fundsInPlace: amount(f.fundsInPlace, queries.fundsInPlace),
    bigProjects,
    signedProjects: { count: f.signedProjects.yearToDate, query: queries.signedProjects },
    fundsInPlaceVerified: { actual: f.fundsInPlaceVerified.yearToDate, rate: f.fundsInPlaceVerified.rate },
    yearOnYear: yearOnYear(f),
  };
}

/** A chain's figures at the chosen month (its last row). */
export function chainFigures(
  chain: CockpitChain,
  rows: HeadlineFigures[],
  target: ChainTargetView | null,
  period: CockpitPeriod,
): CockpitChainFigures {
  const last = rows[rows.length - 1];
  return { chain: chainRef(chain), target, ...measures(last, figureQueries(chain, period)) };
}

/** The month-by-month series of one chain (or the totals, chain null). */
export function trendSeries(chain: CockpitChain | null, rows: HeadlineFigures[]): CockpitTrendSeries {
  const withTarget = rows.length > 0 && rows[0].signedAmount.target !== null;
  const withFunds = rows.length > 0 && rows[0].fundsInPlace.target !== null;
  return {
    chain: chain ? chainRef(chain) : null,
    signedAmount: rows.map((r) => r.signedAmount.month),
    signedAmountCumulative: rows.map((r) => r.signedAmount.yearToDate),
    fundsInPlace: rows.map((r) => r.fundsInPlace.month),
    fundsInPlaceCumulative: rows.map((r) => r.fundsInPlace.yearToDate),
    bigProjectsCumulative: rows.map((r) => r.bigProjects.yearToDate),
    signedPace: withTarget ? rows.map((r) => r.signedAmount.pace as string) : null,
    fundsPace: withFunds ? rows.map((r) => r.fundsInPlace.pace as string) : null,
  };
}
