import { canReadChain, CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import { planMissing, readPlanState } from '@crm/api/plan';
import {
  STAGE_LABELS,
  type ChainBoardView,
  type ChainCode,
  type ChainProgressView,
  type ProjectStatus,
} from '@crm/domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  headlineFiguresByChain,
  headlineTargets,
  headlineWindow,
  stageTotals,
  type HeadlineFigures,
} from '../figures/headline-figures';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, toSummaryView, type SummaryRow } from '../projects/project.rows';

interface ChainRow {
  id: number;
  code: ChainCode;
  name_zh: string;
}

/**
 * A chain's board and its progress for a year. Per-stage counts and amounts and the progress
 * figures are the headline figures (figures/headline-figures.ts); the cards are the first few of
 * each stage through the (chain, stage, status, major, updated) index.
 */
@Injectable()
export class ChainPipelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async board(user: AuthUser, code: string, statuses: ProjectStatus[], limit: number): Promise<ChainBoardView> {
    const chain = await this.readableChain(user, code);
    // Without dropped projects the cards come straight from the partial board index, in order.
    const liveOnly = statuses.includes('dropped') ? '' : `AND p.status <> 'dropped'`;
    const [totals, cards] = await Promise.all([
      stageTotals(this.dataSource.manager, chain.id, statuses),
      limit === 0
        ? Promise.resolve([] as SummaryRow[])
        : (this.dataSource.query(
            `SELECT x.* FROM unnest(enum_range(NULL::project_stage)) AS s(stage)
             CROSS JOIN LATERAL (
               SELECT ${SUMMARY_COLUMNS} FROM project p ${SUMMARY_JOINS}
               WHERE p.chain_id = $1 AND p.stage = s.stage AND p.status = ANY ($2::project_status[]) ${liveOnly}
               ORDER BY p.major DESC, p.updated_at DESC, p.id DESC
               LIMIT $3
             ) x`,
            [chain.id, statuses, limit],
          ) as Promise<SummaryRow[]>),
    ]);
    return {
      chain: { code: chain.code, nameZh: chain.name_zh },
      statuses,
      columns: totals.map((t) => {
        const projects = cards.filter((c) => c.stage === t.stage).map(toSummaryView);
        return { ...t, label: STAGE_LABELS[t.stage], projects, more: t.count > projects.length };
      }),
    };
  }

  /**
   * Year-to-date progress against the year's targets, read only from its published plan: until the
   * plan is published the answer carries `plan` (what to say) and no target or rate. The figures
   * are the headline figures (figures/headline-figures.ts) through the as-of month of the injected
   * clock for the running year, through December for another.
   */
  async progress(user: AuthUser, code: string, year?: number): Promise<ChainProgressView> {
    const chain = await this.readableChain(user, code);
    const window = headlineWindow(this.clock.now(), year);
    const manager = this.dataSource.manager;
    const [state, figures, targets, pipeline] = await Promise.all([
      readPlanState(manager, window.year),
      headlineFiguresByChain(manager, [chain.id], window),
      headlineTargets(manager, [chain.id], window.year),
      stageTotals(manager, chain.id, ['active', 'paused']),
    ]);
    const f = figures.get(chain.id) as HeadlineFigures;
    return {
      chain: { code: chain.code, nameZh: chain.name_zh },
      year: window.year,
      plan: state === 'published' ? null : planMissing(window.year, state),
      target: targets.get(chain.id) ?? null,
      signedAmount: { actual: f.signedAmount.yearToDate, target: f.signedAmount.target, rate: f.signedAmount.rate },
      bigProjects: {
        count: f.bigProjects.yearToDate,
        threshold: f.bigProjects.threshold,
        target: f.bigProjects.target,
        rate: f.bigProjects.rate,
      },
      fundsInPlace: { actual: f.fundsInPlace.yearToDate, target: f.fundsInPlace.target, rate: f.fundsInPlace.rate },
      fundsInPlaceVerified: {
        actual: f.fundsInPlaceVerified.yearToDate,
        target: f.fundsInPlace.target,
        rate: f.fundsInPlaceVerified.rate,
      },
      signedProjectCount: f.signedProjects.yearToDate,
      pipeline,
    };
  }

  /** The chain, if this user may read it; otherwise it does not exist for them. */
  private async readableChain(user: AuthUser, code: string): Promise<ChainRow> {
    const [chain]: ChainRow[] = await this.dataSource.query(`SELECT id, code, name_zh FROM chain WHERE code = $1`, [
      code,
    ]);
    if (!chain || !canReadChain(user, chain.id))
      throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
    return chain;
  }
}
