import { actionItemCompletionByChain, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { planMissing, readPlanState, sectorFundsGrowth } from '@crm/api/plan';
import {
  RANKING_FORMULA,
  RANKING_RATE_CAP,
  RANKING_WEIGHTS,
  rankChains,
  shanghaiToday,
  type CockpitRanking,
  type CockpitTotals,
  type CockpitView,
  type PlanMissingView,
} from '@crm/domain';
import { openCourtingConflicts } from '@crm/api/pipeline';
import { eventLinesBetween, eventPeriodTotals } from '@crm/api/events';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertService } from '../alerts/alert.service';
import { CockpitChains, type CockpitChain } from '../common/cockpit-chains';
import { readCockpitPeriod, type CockpitPeriod } from '../common/cockpit-period';
import { ChainFiguresService, chainFigures, figureQueries, measures, trendSeries } from './chain-figures.service';

/**
 * 领导驾驶舱: the chains side by side for a year and month. A leader gets the chains they may read
 * and the totals over those; the ranking is always made over all seven (ranks are the city's),
 * and a leader gets only their chains' rows. Until the year's plan is published the view says so
 * (`plan`): actuals only, no targets, rates or pace, and no ranking.
 */
@Injectable()
export class CockpitService {
  constructor(
    private readonly chains: CockpitChains,
    private readonly figures: ChainFiguresService,
    private readonly alerts: AlertService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async city(user: AuthUser, year?: number, month?: number): Promise<CockpitView> {
    const now = this.clock.now();
    const period = await readCockpitPeriod(this.dataSource.manager, year, month, now);
    const all = await this.chains.all();
    const visible = await this.chains.visible(user);
    const visibleIds = new Set(visible.map((c) => c.id));
    const partial = visible.length < all.length;

    const manager = this.dataSource.manager;
    // Alerts as of the month chosen: its window's end for a past period, today while it runs.
    const alertsAsOf = actionItemsAsOf(period, now);
    const [state, rows, totalRows, targets, cityTargets, alertCounts, alertQueries, completion, sectorGrowth] = await Promise.all([
      readPlanState(manager, period.year),
      this.figures.monthRows(all.map((c) => c.id), period, true),
      // Over the whole city the totals are measured against the plan's city totals.
      this.figures.monthRows(visible.map((c) => c.id), period, false, !partial),
      this.figures.targets(all.map((c) => c.id), period.year),
      this.figures.cityTargets(period.year),
      this.alerts.counts(visible, alertsAsOf),
      this.alerts.queries(alertsAsOf),
      actionItemCompletionByChain(manager, actionItemsAsOf(period, now)),
      sectorFundsGrowth(manager, {
        year: period.year,
        month: period.month,
        chainIds: partial ? visible.map((c) => c.id) : undefined,
      }),
    ]);
    // The party secretary and the mayor lead some chains, yet answer for the whole city: its totals beside theirs.
    const cityRows =
      partial && user.personId !== null && (await isPrincipalLeader(manager, user.personId, shanghaiToday(now)))
        ? await this.figures.monthRows(all.map((c) => c.id), period, false, true)
        : null;
    const plan = state === 'published' ? null : planMissing(period.year, state);
    const actionItemRates = new Map(completion.map((r) => [r.id, r.rate]));
    const rowsOf = (chain: CockpitChain) => rows.filter((r) => r.chainId === chain.id);
    const allFigures = all.map((c) => chainFigures(c, rowsOf(c), targets.get(c.id) ?? null, period));
    // Over no chain (a leader who leads none yet) the module answers zeros without targets.
    const total = totalRows[totalRows.length - 1];
    const totalMeasures = measures(total, figureQueries(null, period));

    return {
      year: period.year,
      month: period.month,
      asOf: period.asOf,
      window: period.window,
      plan,
      chains: allFigures.filter((_, i) => visibleIds.has(all[i].id)),
      totals: {
        scope: partial ? 'led-chains' : 'city',
        chainCount: visible.length,
        signedAmount: totalMeasures.signedAmount,
        fundsInPlace: totalMeasures.fundsInPlace,
        bigProjects: totalMeasures.bigProjects,
        signedProjects: totalMeasures.signedProjects,
        yearOnYear: totalMeasures.yearOnYear,
        cityTargets,
      },
      trend: {
        months: monthsOf(period),
        series: [...visible.map((c) => trendSeries(c, rowsOf(c))), trendSeries(null, totalRows)],
      },
      ranking: this.ranking(all, allFigures, visibleIds, period, actionItemRates, plan),
      ...(cityRows ? { cityTotals: this.totals('city', all.length, cityRows[cityRows.length - 1], period, cityTargets) } : {}),
      alertCounts,
      alertsAsOf,
      alertQueries,
      sectorGrowth,
      courtingConflicts: await openCourtingConflicts(manager, user, 5),
      // 招商活动 of the year, their results (签约, 到位资金) up to the chosen month's end.
      events: await eventLinesBetween(
        manager,
        `${period.year}-01-01`,
        `${period.year}-12-31`,
        { date: monthEnd(period.asOf), month: period.asOf },
        user.allChains ? null : user.chainIds,
      ),
      // 招商活动 of the year to the end of the chosen period's window, summed (the events area's figure).
      eventTotals: await eventPeriodTotals(
        manager,
        period.yearStart,
        period.monthEnd,
        { date: period.monthEnd, month: period.asOf },
        user.allChains ? null : user.chainIds,
      ),
    };
  }

  private totals(
    scope: CockpitTotals['scope'],
    chainCount: number,
    row: Parameters<typeof measures>[0],
    period: CockpitPeriod,
    cityTargets: CockpitTotals['cityTargets'],
  ): CockpitTotals {
    const m = measures(row, figureQueries(null, period));
    return {
      scope,
      chainCount,
      signedAmount: m.signedAmount,
      fundsInPlace: m.fundsInPlace,
      bigProjects: m.bigProjects,
      signedProjects: m.signedProjects,
      yearOnYear: m.yearOnYear,
      cityTargets,
    };
  }

  private ranking(
    all: CockpitChain[],
    figures: ReturnType<typeof chainFigures>[],
    visibleIds: Set<number>,
    period: CockpitPeriod,
    actionItemRates: Map<number, string | null>,
    plan: PlanMissingView | null,
  ): CockpitRanking {
    const quarter = Math.ceil(period.month / 3) as 1 | 2 | 3 | 4;
    // Without a published plan there is nothing to rank against: no rows (never a ranking of zeros).
    const ranked = plan
      ? []
      : rankChains(
          figures.map((f) => ({
            chainCode: f.chain.code,
            signedRate: f.signedAmount.rate,
            fundsRate: f.fundsInPlace.rate,
            bigProjectRate: f.bigProjects.rate,
          })),
        );
    const visibleCodes = new Set(all.filter((c) => visibleIds.has(c.id)).map((c) => c.code as string));
    return {
      quarter,
      throughMonth: period.asOf,
      quarterComplete: period.month % 3 === 0,
      formula: { zh: RANKING_FORMULA.zh, en: RANKING_FORMULA.en },
      weights: { ...RANKING_WEIGHTS },
      rateCap: RANKING_RATE_CAP,
      rows: ranked
        .filter((r) => visibleCodes.has(r.chainCode))
        .map((r) => {
          const chain = all.find((c) => c.code === r.chainCode);
          return {
            ...r,
            chainNameZh: chain?.nameZh ?? r.chainCode,
            // Shown for reference beside the score; not weighted (RANKING_FORMULA says so).
            actionItemRate: chain ? (actionItemRates.get(chain.id) ?? null) : null,
          };
        }),
      partial: visibleCodes.size < all.length,
    };
  }
}

/**
 * The date the ranking's 交办事项完成率 is taken at: the last day of the chosen period's window, or
 * today (Shanghai) while that window is still running, so items not yet due count for nothing.
 */
export function actionItemsAsOf(period: CockpitPeriod, now: Date): string {
  const today = shanghaiToday(now);
  return today < period.monthEnd ? today : period.monthEnd;
}

export function monthsOf(period: CockpitPeriod): string[] {
  return Array.from({ length: period.month }, (_, i) => `${period.year}-${String(i + 1).padStart(2, '0')}`);
}

/** The last day of a YYYY-MM month. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Whether the person is one of the city's principal leaders today: a post (person_post valid that
 * day, else the person's position) naming 市委书记 or 市长 — not 副书记 or 副市长.
 */
export async function isPrincipalLeader(manager: EntityManager, personId: number, today: string): Promise<boolean> {
  const [row]: { principal: boolean }[] = await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM person p
       LEFT JOIN LATERAL (
         SELECT pp.position FROM person_post pp
         WHERE pp.person_id = p.id
           AND (pp.valid_from IS NULL OR pp.valid_from <= $2::date)
           AND (pp.valid_to IS NULL OR pp.valid_to >= $2::date)
         ORDER BY pp.valid_from DESC NULLS LAST LIMIT 1
       ) post ON true
       WHERE p.id = $1
         AND regexp_split_to_array(coalesce(post.position, p.position), '[、，,；;[:space:]]+') && ARRAY['市委书记', '市长']
     ) AS principal`,
    [personId, today],
  );
  return row.principal;
}
