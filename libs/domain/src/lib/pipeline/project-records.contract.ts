import type { ActivityContactRef } from '../investors/contact';
import type { Wan } from '../money';
import type { EvaluationConclusion, EvaluationDimension, EvaluationRating } from './evaluation';
import type { PreReviewOverrideView, PreReviewRequestView } from './pre-review';
import type { ActivityKind, AgreementKind } from './project';
import type { StageMoveView, StatusChangeView, UserRef } from './project.contract';

/*
 * The records kept about a project (issue 4): 跟进记录, 项目评估, the signing and funds ledger, and
 * the timeline that shows them together. Same conventions as project.contract.ts.
 */

/** 跟进记录. */
export interface ActivityView {
  id: string;
  projectId: string;
  kind: ActivityKind;
  occurredOn: string;
  ourParticipants: string[];
  theirParticipants: string[];
  summary: string;
  nextStep: string | null;
  nextFollowUpOn: string | null;
  createdBy: UserRef | null;
  createdAt: string;
  /** 联系人 who took part (an anonymised one shows as 已删除联系人). */
  contacts?: ActivityContactRef[];
}

/** POST /api/projects/:id/activities. occurredOn not in the future; nextFollowUpOn not before it. */
export interface ActivityInput {
  kind: ActivityKind;
  occurredOn: string;
  ourParticipants?: string[];
  theirParticipants?: string[];
  summary: string;
  nextStep?: string | null;
  nextFollowUpOn?: string | null;
  /** 重大事项: the office is notified at once. */
  major?: boolean;
  /** 联系人 of the project's firm (or its group) who took part. */
  contactIds?: string[];
}

export interface EvaluationDimensionView {
  dimension: EvaluationDimension;
  rating: EvaluationRating | null;
  note: string | null;
}

/** 项目评估: open until concluded; a concluded evaluation does not change (open a new one). */
export interface EvaluationView {
  id: string;
  projectId: string;
  /** Always the six dimensions, in the plan's order. */
  dimensions: EvaluationDimensionView[];
  thirdParty: boolean;
  institution: string | null;
  /** 第三方评估 (plan §(二十七)): 可行性, 产出效益, 平衡周期 (years, decimal string). */
  feasibility: string | null;
  outputBenefit: string | null;
  balancePeriodYears: string | null;
  /** 淘汰类 check: null until answered. */
  eliminatedCategory: boolean | null;
  /** 各部门预审: every unit asked, oldest first, with its answer. */
  preReviews: PreReviewRequestView[];
  /** The office's reason for concluding without every opinion; null when it has not overridden. */
  preReviewOverride: PreReviewOverrideView | null;
  conclusion: EvaluationConclusion | null;
  conditions: string | null;
  concludedBy: UserRef | null;
  concludedOn: string | null;
  openedBy: UserRef | null;
  openedAt: string;
  version: number;
}

/** POST /api/projects/:id/evaluations (open) and PATCH .../evaluations/:evaluationId (with version). */
export interface EvaluationInput {
  dimensions?: { dimension: EvaluationDimension; rating?: EvaluationRating | null; note?: string | null }[];
  thirdParty?: boolean;
  institution?: string | null;
  feasibility?: string | null;
  outputBenefit?: string | null;
  /** Years, a positive decimal string with at most one decimal (e.g. "6.5"). */
  balancePeriodYears?: string | null;
  eliminatedCategory?: boolean | null;
}

export interface EvaluationUpdateInput extends EvaluationInput {
  version: number;
}

/**
 * POST /api/projects/:id/evaluations/:evaluationId/conclusion. Refused with 422 and the missing
 * items (see evaluationConclusionProblems) until every dimension is rated with a note and the
 * 淘汰类 check answered, and (preReviewConclusionProblems) while an opinion asked of a unit is
 * missing and the office has not overridden.
 */
export interface EvaluationConclusionInput {
  conclusion: EvaluationConclusion;
  conditions?: string | null;
  /** The named user who concludes; defaults to the caller. */
  concludedById?: string;
  concludedOn: string;
  version: number;
}

/** One agreement of the signing ledger. */
export interface AgreementView {
  id: string;
  projectId: string;
  kind: AgreementKind;
  /** The initial amount, or a supplementary agreement's increment only. */
  amount: Wan;
  signedOn: string;
  agreementRef: string;
  note: string | null;
  createdBy: UserRef | null;
  createdAt: string;
}

/** POST /api/projects/:id/agreements: a 补充协议 of a signed project, with its increment only. */
export interface SupplementaryAgreementInput {
  amount: Wan;
  signedOn: string;
  agreementRef: string;
  note?: string | null;
}

/** 到位资金: one dated entry against a signed project. */
export interface FundArrivalView {
  id: string;
  projectId: string;
  month: string;
  amount: Wan;
  evidenceNote: string | null;
  verified: boolean;
  verifiedBy: UserRef | null;
  verifiedAt: string | null;
  createdBy: UserRef | null;
  createdAt: string;
}

/** POST /api/projects/:id/fund-arrivals. month not after this month. */
export interface FundArrivalInput {
  month: string;
  amount: Wan;
  evidenceNote?: string | null;
}

/** PATCH /api/projects/:id/fund-arrivals/:entryId/verification (office). */
export interface FundVerificationInput {
  verified: boolean;
}

/** A project's timeline, newest first: `date` is the business date, `at` when it was recorded. */
export type TimelineEntry =
  | { kind: 'activity'; date: string; at: string; activity: ActivityView }
  | { kind: 'stage-move'; date: string; at: string; move: StageMoveView }
  | { kind: 'status-change'; date: string; at: string; change: StatusChangeView }
  | { kind: 'evaluation'; date: string; at: string; evaluation: EvaluationView }
  | { kind: 'agreement'; date: string; at: string; agreement: AgreementView }
  | { kind: 'fund-arrival'; date: string; at: string; fundArrival: FundArrivalView };

export type TimelineEntryKind = TimelineEntry['kind'];
