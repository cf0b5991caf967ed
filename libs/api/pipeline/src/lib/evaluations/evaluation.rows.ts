import {
  EVALUATION_DIMENSIONS,
  type EvaluationConclusion,
  type EvaluationDimension,
  type EvaluationRating,
  type EvaluationView,
} from '@crm/domain';
import { preparedQuery } from '@crm/api/core';
import type { EntityManager } from 'typeorm';
import { preReviewsOfEvaluations } from '../pre-reviews/pre-review.rows';

interface EvaluationRow {
  id: string;
  project_id: string;
  third_party: boolean;
  institution: string | null;
  feasibility: string | null;
  output_benefit: string | null;
  balance_period_years: string | null;
  eliminated_category: boolean | null;
  override_reason: string | null;
  override_by: string | null;
  override_by_name: string | null;
  override_at: Date | null;
  override_missing: { id: number; name: string }[];
  conclusion: EvaluationConclusion | null;
  conditions: string | null;
  concluded_by: string | null;
  concluded_by_name: string | null;
  concluded_on: string | null;
  opened_by: string | null;
  opened_by_name: string | null;
  opened_at: Date;
  version: number;
  dimensions: { dimension: EvaluationDimension; rating: EvaluationRating | null; note: string | null }[];
}

/**
 * Evaluations with their six dimensions, in one query (dimensions aggregated as JSON), oldest first.
 * `where` filters on e (project_evaluation).
 */
export async function loadEvaluations(
  manager: EntityManager,
  where: 'e.project_id = $1' | 'e.id = $1',
  param: string,
  lock = false,
): Promise<EvaluationView[]> {
  if (lock) await manager.query(`SELECT 1 FROM project_evaluation e WHERE ${where} FOR UPDATE`, [param]);
  const rows = await preparedQuery<EvaluationRow>(
    manager,
    `SELECT e.id, e.project_id, e.third_party, e.institution, e.feasibility, e.output_benefit,
            e.balance_period_years::text AS balance_period_years, e.eliminated_category, e.conclusion, e.conditions,
            e.pre_review_override_reason AS override_reason, e.pre_review_override_by AS override_by,
            vb.display_name AS override_by_name, e.pre_review_override_at AS override_at,
            coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                      FROM unit u WHERE u.id = ANY (e.pre_review_override_missing)), '[]') AS override_missing,
            e.concluded_by, cb.display_name AS concluded_by_name, e.concluded_on::text AS concluded_on,
            e.opened_by, ob.display_name AS opened_by_name, e.opened_at, e.version,
            coalesce((SELECT json_agg(json_build_object('dimension', d.dimension, 'rating', d.rating, 'note', d.note))
                      FROM project_evaluation_dimension d WHERE d.evaluation_id = e.id), '[]') AS dimensions
     FROM project_evaluation e
     LEFT JOIN app_user cb ON cb.id = e.concluded_by
     LEFT JOIN app_user ob ON ob.id = e.opened_by
     LEFT JOIN app_user vb ON vb.id = e.pre_review_override_by
     WHERE ${where}
     ORDER BY e.opened_at, e.id`,
    [param],
  );
  const preReviews = await preReviewsOfEvaluations(
    manager,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toEvaluationView(r, preReviews.filter((q) => q.evaluationId === r.id)));
}

function toEvaluationView(r: EvaluationRow, preReviews: EvaluationView['preReviews']): EvaluationView {
  return {
    id: r.id,
    projectId: r.project_id,
    dimensions: EVALUATION_DIMENSIONS.map((dimension) => {
      const d = r.dimensions.find((x) => x.dimension === dimension);
      return { dimension, rating: d?.rating ?? null, note: d?.note ?? null };
    }),
    thirdParty: r.third_party,
    institution: r.institution,
    feasibility: r.feasibility,
    outputBenefit: r.output_benefit,
    balancePeriodYears: r.balance_period_years,
    eliminatedCategory: r.eliminated_category,
    preReviews,
    preReviewOverride:
      r.override_reason && r.override_at
        ? {
            reason: r.override_reason,
            by: r.override_by ? { id: r.override_by, displayName: r.override_by_name ?? '' } : null,
            at: r.override_at.toISOString(),
            missingUnits: r.override_missing,
          }
        : null,
    conclusion: r.conclusion,
    conditions: r.conditions,
    concludedBy: r.concluded_by ? { id: r.concluded_by, displayName: r.concluded_by_name ?? '' } : null,
    concludedOn: r.concluded_on,
    openedBy: r.opened_by ? { id: r.opened_by, displayName: r.opened_by_name ?? '' } : null,
    openedAt: r.opened_at.toISOString(),
    version: r.version,
  };
}
