import type { PreReviewAnswer, PreReviewRequestView, PreReviewStatus } from '@crm/domain';
import { preparedQuery } from '@crm/api/core';
import type { EntityManager } from 'typeorm';

interface PreReviewRow {
  id: string;
  evaluation_id: string;
  project_id: string;
  project_name: string;
  chain_code: string;
  chain_name: string;
  investor_name: string | null;
  unit_id: number;
  unit_name: string;
  topic: string;
  due_on: string;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date;
  answer: PreReviewAnswer | null;
  answer_text: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_by_name: string | null;
  withdrawn_at: Date | null;
  evaluation_concluded: boolean;
  version: number;
}

const SELECT = `
  SELECT r.id, r.evaluation_id, r.project_id, p.name AS project_name, c.code AS chain_code, c.name_zh AS chain_name,
         p.investor_name, r.unit_id, u.name AS unit_name, r.topic, r.due_on::text AS due_on,
         r.requested_by, rb.display_name AS requested_by_name, r.requested_at,
         r.answer, r.answer_text, r.answered_by, ab.display_name AS answered_by_name, r.answered_at,
         r.withdrawn_by, wb.display_name AS withdrawn_by_name, r.withdrawn_at,
         e.conclusion IS NOT NULL AS evaluation_concluded, r.version
  FROM pre_review_request r
  JOIN project_evaluation e ON e.id = r.evaluation_id
  JOIN project p ON p.id = r.project_id
  JOIN chain c ON c.id = p.chain_id
  JOIN unit u ON u.id = r.unit_id
  LEFT JOIN app_user rb ON rb.id = r.requested_by
  LEFT JOIN app_user ab ON ab.id = r.answered_by
  LEFT JOIN app_user wb ON wb.id = r.withdrawn_by`;

/** The requests of some evaluations, oldest first per evaluation. */
export async function preReviewsOfEvaluations(
  manager: EntityManager,
  evaluationIds: string[],
): Promise<PreReviewRequestView[]> {
  if (!evaluationIds.length) return [];
  const rows = await preparedQuery<PreReviewRow>(
    manager,
    `${SELECT} WHERE r.evaluation_id = ANY ($1::uuid[]) ORDER BY r.requested_at, r.id`,
    [evaluationIds],
  );
  return rows.map(toPreReviewView);
}

/** One request, optionally locked for a change. */
export async function preReviewById(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<PreReviewRequestView | null> {
  if (lock) await manager.query(`SELECT 1 FROM pre_review_request WHERE id = $1 FOR UPDATE`, [id]);
  const rows: PreReviewRow[] = await manager.query(`${SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ? toPreReviewView(rows[0]) : null;
}

/**
 * A unit's queue: requests addressed to it. `open`: not answered, not withdrawn, of an evaluation
 * still open (due date first); `all`: every request, latest first.
 */
export async function preReviewsOfUnit(
  manager: EntityManager,
  unitId: number,
  filter: 'open' | 'all',
): Promise<PreReviewRequestView[]> {
  const rows: PreReviewRow[] =
    filter === 'open'
      ? await manager.query(
          `${SELECT} WHERE r.unit_id = $1 AND r.answer IS NULL AND r.withdrawn_at IS NULL AND e.conclusion IS NULL
           ORDER BY r.due_on, r.requested_at, r.id`,
          [unitId],
        )
      : await manager.query(`${SELECT} WHERE r.unit_id = $1 ORDER BY r.requested_at DESC, r.id LIMIT 500`, [unitId]);
  return rows.map(toPreReviewView);
}

function statusOf(r: PreReviewRow): PreReviewStatus {
  if (r.answer) return 'answered';
  if (r.withdrawn_at) return 'withdrawn';
  return 'pending';
}

const ref = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

function toPreReviewView(r: PreReviewRow): PreReviewRequestView {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    projectId: r.project_id,
    projectName: r.project_name,
    chain: { code: r.chain_code, nameZh: r.chain_name },
    investorName: r.investor_name,
    unit: { id: r.unit_id, name: r.unit_name },
    topic: r.topic,
    dueOn: r.due_on,
    status: statusOf(r),
    requestedBy: ref(r.requested_by, r.requested_by_name),
    requestedAt: r.requested_at.toISOString(),
    answer: r.answer,
    answerText: r.answer_text,
    answeredBy: ref(r.answered_by, r.answered_by_name),
    answeredAt: r.answered_at?.toISOString() ?? null,
    withdrawnBy: ref(r.withdrawn_by, r.withdrawn_by_name),
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    evaluationConcluded: r.evaluation_concluded,
    version: r.version,
  };
}
