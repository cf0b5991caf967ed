import type { UserRef } from './project.contract';
import type { RuleProblem } from './rule-problem';

/**
 * 各部门预审 (plan §(二十七) 各部门要强化签约项目预审): from a project's evaluation, the task force
 * asks named units (自然资源局 on land, 生态环境局 on environment, 发改委 on policy …) for an
 * opinion by a due date; the unit's staff answer. The evaluation's conclusion waits for every
 * opinion asked, unless the office records why it need not.
 */
export const PRE_REVIEW_ANSWERS = ['agree', 'conditional', 'disagree'] as const;
export type PreReviewAnswer = (typeof PRE_REVIEW_ANSWERS)[number];

export const PRE_REVIEW_ANSWER_LABELS: Record<PreReviewAnswer, string> = {
  agree: '同意',
  conditional: '附条件同意',
  disagree: '不同意',
};

/** pending: asked, not answered; answered; withdrawn by the task force before an answer. */
export const PRE_REVIEW_STATUSES = ['pending', 'answered', 'withdrawn'] as const;
export type PreReviewStatus = (typeof PRE_REVIEW_STATUSES)[number];

export const PRE_REVIEW_TEXT_LIMITS = {
  topic: 200,
  answerText: 2000,
  overrideReason: 500,
} as const;

/** 预审征求意见: one unit asked for its opinion on one topic of an evaluation. */
export interface PreReviewRequestView {
  id: string;
  evaluationId: string;
  projectId: string;
  /** The project as the asked unit sees it (it may not read the project's chain). */
  projectName: string;
  chain: { code: string; nameZh: string };
  investorName: string | null;
  unit: { id: number; name: string };
  topic: string;
  /** Business date (Asia/Shanghai), YYYY-MM-DD. */
  dueOn: string;
  status: PreReviewStatus;
  requestedBy: UserRef | null;
  requestedAt: string;
  answer: PreReviewAnswer | null;
  answerText: string | null;
  answeredBy: UserRef | null;
  answeredAt: string | null;
  withdrawnBy: UserRef | null;
  withdrawnAt: string | null;
  /** True when the evaluation has its conclusion: nothing more is answered. */
  evaluationConcluded: boolean;
  version: number;
}

/** The office's decision that the conclusion need not wait for the missing opinions. */
export interface PreReviewOverrideView {
  reason: string;
  by: UserRef | null;
  at: string;
  /** The units whose opinions were missing when the office decided. */
  missingUnits: { id: number; name: string }[];
}

/** POST /api/projects/:id/evaluations/:evaluationId/pre-reviews */
export interface PreReviewRequestInput {
  unitId: number;
  topic: string;
  /** Not before today (Asia/Shanghai). */
  dueOn: string;
}

/** POST /api/pre-reviews/:id/answer: text is required unless the answer is 同意. */
export interface PreReviewAnswerInput {
  answer: PreReviewAnswer;
  text?: string | null;
}

/** POST /api/projects/:id/evaluations/:evaluationId/pre-review-override (office). */
export interface PreReviewOverrideInput {
  reason: string;
  /** The evaluation's version. */
  version: number;
}

/** What a unit's answer needs: a text for 附条件同意 (the conditions) and 不同意 (the reasons). */
export function preReviewAnswerProblems(answer: PreReviewAnswer, text: string | null | undefined): RuleProblem[] {
  if (answer !== 'agree' && !text?.trim()) {
    return [
      answer === 'conditional'
        ? {
            field: 'text',
            zh: '附条件同意时，请写明条件',
            en: 'State the conditions of a conditional agreement',
          }
        : {
            field: 'text',
            zh: '不同意时，请写明理由',
            en: 'State the reasons for disagreeing',
          },
    ];
  }
  return [];
}

/** The requests still awaiting an answer (withdrawn ones count for nothing). */
export function missingPreReviews<T extends Pick<PreReviewRequestView, 'status'>>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.status === 'pending');
}

/**
 * Why the conclusion must wait for the departments (empty when it need not): every opinion asked
 * has arrived, or the office has overridden with a reason.
 */
export function preReviewConclusionProblems(
  requests: readonly Pick<PreReviewRequestView, 'status' | 'unit' | 'topic'>[],
  overridden: boolean,
): RuleProblem[] {
  if (overridden) return [];
  const missing = missingPreReviews(requests);
  if (!missing.length) return [];
  const names = [...new Set(missing.map((r) => r.unit.name))];
  return [
    {
      field: 'preReviews',
      zh: `尚未收到以下单位的预审意见：${names.join('、')}（或由领导小组办公室说明理由后不再等待）`,
      en: `Pre-review opinions still missing from: ${names.join(', ')} (or the office records why the conclusion need not wait)`,
    },
  ];
}

/** Is a due date overdue on a given business day, for a request still pending? */
export function isPreReviewOverdue(request: Pick<PreReviewRequestView, 'status' | 'dueOn'>, today: string): boolean {
  return request.status === 'pending' && request.dueOn < today;
}
