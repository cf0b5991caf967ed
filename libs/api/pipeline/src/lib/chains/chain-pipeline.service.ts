import { canReadChain, type AuthUser } from '@crm/api/core';
import {
  planMissingView,
  shanghaiToday,
  STAGE_LABELS,
  STAGES,
  type ChainBoardView,
  type ChainCode,
  type ChainProgressView,
  type PipelineStageTotal,
  type ProjectStatus,
  type Stage,
} from '@crm/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, toSummaryView, type SummaryRow } from '../projects/project.rows';

interface ChainRow {
  id: number;
  code: ChainCode;
  name_zh: string;
}

/**
 * A chain's board and its progress for a year. Per-stage counts and amounts come from
 * pipeline_stage_total (kept by trigger), never from counting projects; the cards are the first
 * few of each stage through the (chain, stage, status, major, updated) index.
 */
@Injectable()
export class ChainPipelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async board(user: AuthUser, code: string, statuses: ProjectStatus[], limit: number): Promise<ChainBoardView> {
    const chain = await this.readableChain(user, code);
    // Without dropped projects the cards come straight from the partial board index, in order.
    const liveOnly = statuses.includes('dropped') ? '' : `AND p.status <> 'dropped'`;
    const [totals, cards] = await Promise.all([
      this.stageTotals(chain.id, statuses),
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
   * plan is published the answer carries `plan` (what to say) and no target or rate.
   */
  async progress(user: AuthUser, code: string, year = Number(shanghaiToday().slice(0, 4))): Promise<ChainProgressView> {
    const chain = await this.readableChain(user, code);
    const [r] = await this.dataSource.query(
      `WITH target AS (
         SELECT t.* FROM chain_target t JOIN annual_plan a ON a.year = t.year AND a.status = 'published'
         WHERE t.chain_id = $1 AND t.year = $2
       ), signed AS (
         SELECT coalesce(sum(a.amount), 0) AS amount
         FROM project_agreement a JOIN project p ON p.id = a.project_id
         WHERE p.chain_id = $1 AND p.stage >= 'signed' AND a.signed_on >= $3::date AND a.signed_on < $4::date
       ), first_signed AS (
         SELECT p.id,
                (SELECT sum(a.amount) FROM project_agreement a WHERE a.project_id = p.id AND a.signed_on < $4::date) AS amount
         FROM project p
         WHERE p.chain_id = $1 AND p.stage >= 'signed' AND p.signed_on >= $3::date AND p.signed_on < $4::date
       ), big AS (
         SELECT count(*) AS n FROM first_signed, target WHERE first_signed.amount >= target.big_project_threshold
       ), funds AS (
         SELECT coalesce(sum(f.amount), 0) AS amount, coalesce(sum(f.amount) FILTER (WHERE f.verified), 0) AS verified
         FROM fund_arrival f JOIN project p ON p.id = f.project_id
         WHERE p.chain_id = $1 AND f.month >= $5 AND f.month <= $6
       )
       SELECT (SELECT amount FROM signed)::text AS signed_amount,
              (SELECT count(*) FROM first_signed)::integer AS signed_count,
              (SELECT n FROM big)::integer AS big_count,
              round((SELECT n FROM big) * 100.0 / nullif(t.big_project_min_count, 0), 2)::text AS big_rate,
              (SELECT amount FROM funds)::text AS funds, (SELECT verified FROM funds)::text AS funds_verified,
              t.year AS target_year, t.signed_amount::text AS target_signed, t.big_project_threshold::text AS threshold,
              t.big_project_min_count AS target_big, t.funds_in_place::text AS target_funds,
              round((SELECT amount FROM signed) * 100 / nullif(t.signed_amount, 0), 2)::text AS signed_rate,
              round((SELECT amount FROM funds) * 100 / nullif(t.funds_in_place, 0), 2)::text AS funds_rate,
              round((SELECT verified FROM funds) * 100 / nullif(t.funds_in_place, 0), 2)::text AS funds_verified_rate,
              t.signed_at_least, t.funds_at_least, t.big_project_at_least,
              (SELECT status FROM annual_plan WHERE year = $2) AS plan_status
       FROM (SELECT 1) one LEFT JOIN target t ON true`,
      [chain.id, year, `${year}-01-01`, `${year + 1}-01-01`, `${year}-01`, `${year}-12`],
    );
    return {
      chain: { code: chain.code, nameZh: chain.name_zh },
      year,
      plan: r.plan_status === 'published' ? null : planMissingView(year, r.plan_status ?? 'none'),
      target:
        r.target_year === null
          ? null
          : {
              year: r.target_year,
              signedAmount: r.target_signed,
              signedAtLeast: r.signed_at_least,
              bigProjectThreshold: r.threshold,
              bigProjectMinCount: r.target_big,
              bigProjectAtLeast: r.big_project_at_least,
              fundsInPlace: r.target_funds,
              fundsAtLeast: r.funds_at_least,
            },
      signedAmount: { actual: r.signed_amount, target: r.target_signed, rate: r.signed_rate },
      bigProjects: { count: r.big_count, threshold: r.threshold, target: r.target_big, rate: r.big_rate },
      fundsInPlace: { actual: r.funds, target: r.target_funds, rate: r.funds_rate },
      fundsInPlaceVerified: { actual: r.funds_verified, target: r.target_funds, rate: r.funds_verified_rate },
      signedProjectCount: r.signed_count,
      pipeline: await this.stageTotals(chain.id, ['active', 'paused']),
    };
  }

  /** Count and amounts per stage for the statuses asked, every stage present (zeros included). */
  private async stageTotals(chainId: number, statuses: ProjectStatus[]): Promise<PipelineStageTotal[]> {
    const rows: { stage: Stage; count: number; planned: string; signed: string }[] = await this.dataSource.query(
      `SELECT stage, sum(project_count)::integer AS count, sum(planned_investment)::text AS planned, sum(signed_amount)::text AS signed
       FROM pipeline_stage_total WHERE chain_id = $1 AND status = ANY ($2::project_status[])
       GROUP BY stage`,
      [chainId, statuses],
    );
    return STAGES.map((stage) => {
      const row = rows.find((r) => r.stage === stage);
      return {
        stage,
        count: row?.count ?? 0,
        plannedInvestment: row?.planned ?? '0',
        signedAmount: row?.signed ?? '0',
      };
    });
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
