import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** One figure kept by trigger that differs from its recomputation from the records. */
export interface TotalsDiscrepancy {
  table: 'pipeline_stage_total' | 'project';
  key: string;
  kept: string;
  recomputed: string;
}

/**
 * Checks the figures the triggers keep (per-stage totals, each project's signed amount, funds in
 * place and contacts) against a full recomputation from the records. An empty answer means the
 * boards and progress can be trusted; a benchmark or an admin check can run it at any time.
 */
@Injectable()
export class PipelineTotalsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async discrepancies(manager: EntityManager = this.dataSource.manager): Promise<TotalsDiscrepancy[]> {
    const stage: { key: string; kept: string; recomputed: string }[] = await manager.query(`
      WITH kept AS (
        SELECT chain_id, stage, status, project_count, planned_investment, signed_amount
        FROM pipeline_stage_total WHERE project_count <> 0 OR planned_investment <> 0 OR signed_amount <> 0
      ), recomputed AS (
        SELECT chain_id, stage, status, count(*)::integer AS project_count,
               coalesce(sum(planned_investment), 0) AS planned_investment,
               coalesce(sum(signed_amount) FILTER (WHERE stage >= 'signed'), 0) AS signed_amount
        FROM project GROUP BY chain_id, stage, status
      )
      SELECT concat_ws('/', coalesce(k.chain_id, r.chain_id), coalesce(k.stage, r.stage), coalesce(k.status, r.status)) AS key,
             concat_ws(' ', k.project_count, k.planned_investment, k.signed_amount) AS kept,
             concat_ws(' ', r.project_count, r.planned_investment, r.signed_amount) AS recomputed
      FROM kept k FULL JOIN recomputed r USING (chain_id, stage, status)
      WHERE (k.project_count, k.planned_investment, k.signed_amount) IS DISTINCT FROM (r.project_count, r.planned_investment, r.signed_amount)`);
    const project: { key: string; kept: string; recomputed: string }[] = await manager.query(`
      SELECT p.id::text AS key,
             concat_ws(' ', p.signed_amount, p.funds_in_place, p.funds_in_place_verified, p.contact_count, p.last_activity_on) AS kept,
             concat_ws(' ', x.signed, x.funds, x.verified, x.contacts, x.last_on) AS recomputed
      FROM project p CROSS JOIN LATERAL (
        SELECT coalesce((SELECT sum(amount) FROM project_agreement a WHERE a.project_id = p.id), 0) AS signed,
               coalesce((SELECT sum(amount) FROM fund_arrival f WHERE f.project_id = p.id), 0) AS funds,
               coalesce((SELECT sum(amount) FROM fund_arrival f WHERE f.project_id = p.id AND f.verified), 0) AS verified,
               (SELECT count(*) FROM project_activity a WHERE a.project_id = p.id
                  AND a.kind IN ('visit', 'negotiation', 'call', 'meeting', 'site-inspection'))::integer AS contacts,
               (SELECT max(occurred_on) FROM project_activity a WHERE a.project_id = p.id) AS last_on
      ) x
      WHERE (p.signed_amount, p.funds_in_place, p.funds_in_place_verified, p.contact_count, p.last_activity_on)
            IS DISTINCT FROM (x.signed, x.funds, x.verified, x.contacts, x.last_on)`);
    return [
      ...stage.map((d) => ({ table: 'pipeline_stage_total' as const, ...d })),
      ...project.map((d) => ({ table: 'project' as const, ...d })),
    ];
  }
}
