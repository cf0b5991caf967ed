import {
  STAGES,
  statPeriodAt,
  type ChainTargetView,
  type PipelineStageTotal,
  type ProjectStatus,
  type Stage,
  type Wan,
  type YearOnYearBasis,
  type YearOnYearView,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';
import {
  CHAIN_TARGETS,
  CITY_TARGETS,
  MONTH_ROWS,
  SIGNED_BETWEEN,
  STAGE_TOTALS,
  TOP_SIGNED,
} from './headline-figures.sql';

/*
 * The headline figures, defined once (issue 15): 签约额, 签约项目, 到位资金 (all and verified),
 * 亿元以上项目 against each chain's own threshold, completion (完成率) and pace (序时进度) against
 * the year's published plan, and the projects in each stage. Chain progress, the cockpit, the
 * chain leader page, the monthly roll-up, the meeting pack and the weekly digest read them here
 * and only shape them for their answers. The sums are made by PostgreSQL in numeric and leave as
 * decimal strings (six decimals for money, two for rates and pace of counts).
 *
 * The trigger-kept totals (chain_month_total, pipeline_stage_total) are the fast path and are read
 * nowhere else for these figures; each has a full recount to check it against
 * (ChainMonthTotalsService, PipelineTotalsService), and the cross-route test compares every
 * route with figures computed by hand.
 */

/** January to `month` of `year`: the window every headline figure is taken over. */
export interface HeadlineWindow {
  year: number;
  /** 1..12: the last month counted (the month of the as-of date for the running month). */
  month: number;
}

/**
 * The figures of one chain (or of a set of chains, chainId null) at the end of month `m` of the
 * window's year. Money is 万元 as decimal text; targets, rates, pace and gap are null without a
 * published plan (or without the chain's target in it).
 */
export interface HeadlineFigures {
  chainId: number | null;
  m: number;
  signedAmount: HeadlineAmount;
  /** Projects first signed (initial agreement dated) in the month, the quarter, the year to date. */
  signedProjects: { month: number; quarterToDate: number; yearToDate: number };
  fundsInPlace: HeadlineAmount;
  fundsInPlaceVerified: { yearToDate: Wan; rate: string | null };
  bigProjects: {
    yearToDate: number;
    /** The chain's threshold in its published target; null for a sum over chains. */
    threshold: Wan | null;
    target: number | null;
    rate: string | null;
    pace: string | null;
    gap: string | null;
    paceRate: string | null;
  };
  /**
   * 同比: the same months of the previous year (see MONTH_ROWS): from the system's own figures
   * (basis 'system'), or for a year before the product the office's whole-year 到位资金 baseline
   * (basis 'baseline-full-year': fundsInPlace.yearToDate only), or nothing (basis null: every
   * figure null, never 0).
   */
  previousYear: HeadlinePreviousYear;
  /** 同比增长 in percent, two decimals; null without last year's figure or when it is 0. */
  yoy: {
    signedAmount: HeadlineSpans<string | null>;
    signedProjects: HeadlineSpans<string | null>;
    fundsInPlace: HeadlineSpans<string | null>;
    bigProjects: { yearToDate: string | null };
  };
  /** 资金到位率: 到位资金 / 签约额 × 100, year to date, two decimals; null when nothing is signed. */
  fundsToSignedRate: string | null;
}

export interface HeadlineSpans<T> {
  month: T;
  quarterToDate: T;
  yearToDate: T;
}

export interface HeadlinePreviousYear {
  year: number;
  basis: YearOnYearBasis | null;
  signedAmount: HeadlineSpans<Wan | null>;
  signedProjects: HeadlineSpans<number | null>;
  fundsInPlace: HeadlineSpans<Wan | null>;
  bigProjects: { yearToDate: number | null };
}

export interface HeadlineAmount {
  month: Wan;
  quarterToDate: Wan;
  yearToDate: Wan;
  target: Wan | null;
  /** 完成率: year to date / annual target × 100. */
  rate: string | null;
  /** 序时进度: annual target × m / 12. */
  pace: Wan | null;
  /** Year to date − pace (negative: behind). */
  gap: Wan | null;
  /** Year to date / pace × 100. */
  paceRate: string | null;
}

/** How figures over several chains are summed. */
export type HeadlineScope =
  /** One series per chain. */
  | 'per-chain'
  /** One series over the chains, against the sum of their targets. */
  | 'chains'
  /** One series over the chains (the whole city), against the plan's city totals. */
  | 'city';

interface MonthRow {
  chain_id: number | null;
  m: number;
  signed: string;
  signed_n: number;
  signed_q: string;
  signed_n_q: number;
  signed_cum: string;
  signed_n_cum: number;
  funds: string;
  funds_q: string;
  funds_cum: string;
  verified_cum: string;
  big_cum: number;
  t_signed: string | null;
  t_funds: string | null;
  t_big: number | null;
  threshold: string | null;
  signed_rate: string | null;
  signed_pace: string | null;
  signed_gap: string | null;
  signed_pace_rate: string | null;
  funds_rate: string | null;
  funds_pace: string | null;
  funds_gap: string | null;
  funds_pace_rate: string | null;
  verified_rate: string | null;
  big_rate: string | null;
  big_pace: string | null;
  big_gap: string | null;
  big_pace_rate: string | null;
  funds_to_signed_rate: string | null;
  prev_basis: YearOnYearBasis | null;
  p_signed: string | null;
  p_signed_q: string | null;
  p_signed_cum: string | null;
  p_signed_n: number | null;
  p_signed_n_q: number | null;
  p_signed_n_cum: number | null;
  p_funds: string | null;
  p_funds_q: string | null;
  p_funds_cum: string | null;
  p_big_cum: number | null;
  yoy_signed: string | null;
  yoy_signed_q: string | null;
  yoy_signed_cum: string | null;
  yoy_signed_n: string | null;
  yoy_signed_n_q: string | null;
  yoy_signed_n_cum: string | null;
  yoy_funds: string | null;
  yoy_funds_q: string | null;
  yoy_funds_cum: string | null;
  yoy_big_cum: string | null;
}

/**
 * Month by month (1..window.month) for the chains: per chain, or summed (chainId null). Ordered
 * by chain, then month; the last row of a chain is its figure at the window's end. Over no chain
 * the sum is one row of zeros per month.
 */
export async function headlineFigures(
  manager: EntityManager,
  chainIds: number[],
  window: HeadlineWindow,
  scope: HeadlineScope = 'per-chain',
): Promise<HeadlineFigures[]> {
  const rows: MonthRow[] = await manager.query(MONTH_ROWS, [
    chainIds,
    window.year,
    window.month,
    scope === 'per-chain',
    scope === 'city',
  ]);
  if (!rows.length && scope !== 'per-chain') {
    return Array.from({ length: window.month }, (_, i) => zeroFigures(i + 1, window.year));
  }
  return rows.map((r) => toFigures(r, window.year));
}

/** Each chain's figures at the window's end (the last month), by chain id. */
export async function headlineFiguresByChain(
  manager: EntityManager,
  chainIds: number[],
  window: HeadlineWindow,
): Promise<Map<number, HeadlineFigures>> {
  const rows = await headlineFigures(manager, chainIds, window, 'per-chain');
  return new Map(
    rows
      .filter((r) => r.m === window.month)
      .map((r) => [r.chainId as number, r]),
  );
}

/** The chains' targets of the year, from its published plan only (none for a draft or no plan). */
export async function headlineTargets(
  manager: EntityManager,
  chainIds: number[],
  year: number,
): Promise<Map<number, ChainTargetView>> {
  const rows: {
    chain_id: number;
    year: number;
    signed: string;
    signed_at_least: boolean;
    threshold: string;
    min: number;
    big_at_least: boolean;
    funds: string;
    funds_at_least: boolean;
  }[] = await manager.query(CHAIN_TARGETS, [year, chainIds]);
  return new Map(
    rows.map((r) => [
      r.chain_id,
      {
        year: r.year,
        signedAmount: r.signed,
        signedAtLeast: r.signed_at_least,
        bigProjectThreshold: r.threshold,
        bigProjectMinCount: r.min,
        bigProjectAtLeast: r.big_at_least,
        fundsInPlace: r.funds,
        fundsAtLeast: r.funds_at_least,
      },
    ]),
  );
}

export interface HeadlineCityTargets {
  signedAmount: Wan | null;
  signedAtLeast: boolean;
  fundsInPlace: Wan | null;
  fundsAtLeast: boolean;
  bigProjects: number | null;
}

/** The city's targets as the year's published plan writes them; nulls without one. */
export async function headlineCityTargets(
  manager: EntityManager,
  year: number,
): Promise<HeadlineCityTargets> {
  const [r] = await manager.query(CITY_TARGETS, [year]);
  return r
    ? {
        signedAmount: r.signed,
        signedAtLeast: r.signed_at_least,
        fundsInPlace: r.funds,
        fundsAtLeast: r.funds_at_least,
        bigProjects: r.big,
      }
    : {
        signedAmount: null,
        signedAtLeast: false,
        fundsInPlace: null,
        fundsAtLeast: false,
        bigProjects: null,
      };
}

/**
 * 各阶段项目: per chain, the projects now in each stage with the statuses asked (default 推进中
 * and 暂缓), every stage present (zeros included).
 */
export async function stageTotalsByChain(
  manager: EntityManager,
  chainIds: number[],
  statuses: ProjectStatus[] = ['active', 'paused'],
): Promise<Map<number, PipelineStageTotal[]>> {
  const rows: {
    chain_id: number;
    stage: Stage;
    count: number;
    planned: string;
    signed: string;
  }[] = await manager.query(STAGE_TOTALS, [chainIds, statuses]);
  return new Map(
    chainIds.map((id) => [
      id,
      STAGES.map((stage) => {
        const r = rows.find((x) => x.chain_id === id && x.stage === stage);
        return {
          stage,
          count: r?.count ?? 0,
          plannedInvestment: r?.planned ?? ZERO,
          signedAmount: r?.signed ?? ZERO,
        };
      }),
    ]),
  );
}

/** One chain's stage totals (see stageTotalsByChain). */
export async function stageTotals(
  manager: EntityManager,
  chainId: number,
  statuses: ProjectStatus[] = ['active', 'paused'],
): Promise<PipelineStageTotal[]> {
  return (await stageTotalsByChain(manager, [chainId], statuses)).get(
    chainId,
  ) as PipelineStageTotal[];
}

/**
 * 签约额 over days that are not whole months (a week): from ≤ signed on < to, per chain, by the
 * rule of the monthly figures. Chains with none answer zero.
 */
export async function signedBetween(
  manager: EntityManager,
  chainIds: number[],
  from: string,
  to: string,
): Promise<
  Map<number, { amount: Wan; agreements: number; firstSigned: number }>
> {
  const rows: {
    chain_id: number;
    amount: string;
    agreements: number;
    first_signed: number;
  }[] = await manager.query(SIGNED_BETWEEN, [chainIds, from, to]);
  return new Map(
    chainIds.map((id) => {
      const r = rows.find((x) => x.chain_id === id);
      return [
        id,
        {
          amount: r?.amount ?? ZERO,
          agreements: r?.agreements ?? 0,
          firstSigned: r?.first_signed ?? 0,
        },
      ];
    }),
  );
}

/** Zero with the ledgers' scale, as every money figure here is written. */
export const HEADLINE_ZERO: Wan = '0.000000';
const ZERO = HEADLINE_ZERO;

function toFigures(r: MonthRow, year: number): HeadlineFigures {
  return {
    chainId: r.chain_id,
    m: r.m,
    signedAmount: {
      month: r.signed,
      quarterToDate: r.signed_q,
      yearToDate: r.signed_cum,
      target: r.t_signed,
      rate: r.signed_rate,
      pace: r.signed_pace,
      gap: r.t_signed === null ? null : r.signed_gap,
      paceRate: r.signed_pace_rate,
    },
    signedProjects: {
      month: r.signed_n,
      quarterToDate: r.signed_n_q,
      yearToDate: r.signed_n_cum,
    },
    fundsInPlace: {
      month: r.funds,
      quarterToDate: r.funds_q,
      yearToDate: r.funds_cum,
      target: r.t_funds,
      rate: r.funds_rate,
      pace: r.funds_pace,
      gap: r.t_funds === null ? null : r.funds_gap,
      paceRate: r.funds_pace_rate,
    },
    fundsInPlaceVerified: { yearToDate: r.verified_cum, rate: r.verified_rate },
    bigProjects: {
      yearToDate: r.big_cum,
      threshold: r.threshold,
      target: r.t_big,
      rate: r.big_rate,
      pace: r.big_pace,
      gap: r.t_big === null ? null : r.big_gap,
      paceRate: r.big_pace_rate,
    },
    previousYear: {
      year: year - 1,
      basis: r.prev_basis,
      signedAmount: { month: r.p_signed, quarterToDate: r.p_signed_q, yearToDate: r.p_signed_cum },
      signedProjects: { month: r.p_signed_n, quarterToDate: r.p_signed_n_q, yearToDate: r.p_signed_n_cum },
      fundsInPlace: { month: r.p_funds, quarterToDate: r.p_funds_q, yearToDate: r.p_funds_cum },
      bigProjects: { yearToDate: r.p_big_cum },
    },
    yoy: {
      signedAmount: { month: r.yoy_signed, quarterToDate: r.yoy_signed_q, yearToDate: r.yoy_signed_cum },
      signedProjects: { month: r.yoy_signed_n, quarterToDate: r.yoy_signed_n_q, yearToDate: r.yoy_signed_n_cum },
      fundsInPlace: { month: r.yoy_funds, quarterToDate: r.yoy_funds_q, yearToDate: r.yoy_funds_cum },
      bigProjects: { yearToDate: r.yoy_big_cum },
    },
    fundsToSignedRate: r.funds_to_signed_rate,
  };
}

/**
 * The year to date of the figures beside last year's (同比) and 资金到位率, as every answer
 * carries them (cockpit, leader page, roll-up, meeting pack): shaped only, the rates are SQL's.
 */
export function yearOnYear(f: HeadlineFigures): YearOnYearView {
  const p = f.previousYear;
  const system = p.basis === 'system' ? 'system' : null;
  return {
    previousYear: p.year,
    month: f.m,
    signedAmount: {
      thisYear: f.signedAmount.yearToDate,
      lastYear: p.signedAmount.yearToDate,
      basis: system,
      growthRate: f.yoy.signedAmount.yearToDate,
    },
    signedProjects: {
      thisYear: f.signedProjects.yearToDate,
      lastYear: p.signedProjects.yearToDate,
      basis: system,
      growthRate: f.yoy.signedProjects.yearToDate,
    },
    fundsInPlace: {
      thisYear: f.fundsInPlace.yearToDate,
      lastYear: p.fundsInPlace.yearToDate,
      basis: p.basis,
      growthRate: f.yoy.fundsInPlace.yearToDate,
    },
    bigProjects: {
      thisYear: f.bigProjects.yearToDate,
      lastYear: p.bigProjects.yearToDate,
      // Last year's plan unpublished: no thresholds then, so no figure (null), never 0.
      basis: p.bigProjects.yearToDate === null ? null : system,
      growthRate: f.yoy.bigProjects.yearToDate,
    },
    fundsToSignedRate: f.fundsToSignedRate,
  };
}

function zeroFigures(m: number, year: number): HeadlineFigures {
  const amount: HeadlineAmount = {
    month: ZERO,
    quarterToDate: ZERO,
    yearToDate: ZERO,
    target: null,
    rate: null,
    pace: null,
    gap: null,
    paceRate: null,
  };
  return {
    chainId: null,
    m,
    signedAmount: amount,
    signedProjects: { month: 0, quarterToDate: 0, yearToDate: 0 },
    fundsInPlace: amount,
    fundsInPlaceVerified: { yearToDate: ZERO, rate: null },
    bigProjects: {
      yearToDate: 0,
      threshold: null,
      target: null,
      rate: null,
      pace: null,
      gap: null,
      paceRate: null,
    },
    previousYear: {
      year: year - 1,
      basis: null,
      signedAmount: { month: null, quarterToDate: null, yearToDate: null },
      signedProjects: { month: null, quarterToDate: null, yearToDate: null },
      fundsInPlace: { month: null, quarterToDate: null, yearToDate: null },
      bigProjects: { yearToDate: null },
    },
    yoy: {
      signedAmount: { month: null, quarterToDate: null, yearToDate: null },
      signedProjects: { month: null, quarterToDate: null, yearToDate: null },
      fundsInPlace: { month: null, quarterToDate: null, yearToDate: null },
      bigProjects: { yearToDate: null },
    },
    fundsToSignedRate: null,
  };
}

/**
 * The window for a year asked (or the as-of date's year) at the as-of date `now` (from the
 * injected clock): the running year through the as-of month, any other year through December
 * (its months to come hold nothing: no ledger entry may be dated in the future).
 */
export function headlineWindow(
  now: Date,
  year?: number,
  month?: number,
): HeadlineWindow {
  // The running period: the one whose statistical window holds today (default cut-offs; the
  // office's move a window's end by a few days at most, and a screen may always ask a month).
  const current = statPeriodAt(now);
  const y = year ?? Number(current.slice(0, 4));
  const m =
    month ??
    (y === Number(current.slice(0, 4)) ? Number(current.slice(5, 7)) : 12);
  return { year: y, month: m };
}

/** A project among the most signed in a span: 主要签约项目 of a bulletin. */
export interface TopSignedProject {
  id: string;
  name: string;
  chainName: string;
  /** Signed in the span (万元). */
  amount: Wan;
  /** Its last agreement in the span. */
  signedOn: string;
}

/** The `limit` projects signed most from ≤ signed on < to, by the rule of 签约额. */
export async function topSignedProjects(
  manager: EntityManager,
  chainIds: number[],
  from: string,
  to: string,
  limit: number,
): Promise<TopSignedProject[]> {
  const rows: { id: string; name: string; chain_name: string; amount: string; signed_on: string }[] =
    await manager.query(TOP_SIGNED, [chainIds, from, to, limit]);
  return rows.map((r) => ({ id: r.id, name: r.name, chainName: r.chain_name, amount: r.amount, signedOn: r.signed_on }));
}
