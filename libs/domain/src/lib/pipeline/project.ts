import type { RuleProblem } from './rule-problem';

/**
 * 招商项目 vocabulary: how a lead came in, where a project stands besides its stage, the kinds of
 * follow-up, the agreements of the ledger, and the length limits the API enforces and the forms
 * show.
 */

/** 招商渠道 (plan §(九)-(十四)). */
export const SOURCE_CHANNELS = [
  'through-firms',
  'resident',
  'platform-expo',
  'scenario',
  'enclave-aid',
  'third-party',
  'other',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const SOURCE_CHANNEL_LABELS: Record<SourceChannel, string> = {
  'through-firms': '以商招商',
  resident: '驻点招商',
  'platform-expo': '平台/展会',
  scenario: '场景招商',
  'enclave-aid': '飞地/对口援扶',
  'third-party': '第三方机构',
  other: '其他',
};

/** Besides its stage a project is 推进中 (active), 暂缓 (paused) or 终止 (dropped, with a reason). */
export const PROJECT_STATUSES = ['active', 'paused', 'dropped'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  active: '推进中',
  paused: '暂缓',
  dropped: '终止',
};

/**
 * May a project's status change as asked? Dropping (终止) needs a reason; so does a pause (暂缓),
 * so that whoever looks at a stalled project later knows why.
 */
export function statusChangeProblems(
  from: ProjectStatus,
  to: ProjectStatus,
  reason: string | null | undefined,
): RuleProblem[] {
  if (from === to) {
    return [{ field: 'status', zh: `项目已是“${PROJECT_STATUS_LABELS[to]}”状态`, en: `The project is already ${to}` }];
  }
  if (to !== 'active' && !reason?.trim()) {
    return [
      {
        field: 'reason',
        zh: `项目${PROJECT_STATUS_LABELS[to]}须说明原因`,
        en: `Give the reason why the project is ${to}`,
      },
    ];
  }
  return [];
}

/** 跟进记录 kinds. */
export const ACTIVITY_KINDS = [
  'visit',
  'negotiation',
  'call',
  'meeting',
  'site-inspection',
  'promotion-event',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  visit: '走访',
  negotiation: '洽谈',
  call: '电话沟通',
  meeting: '会议',
  'site-inspection': '实地考察',
  'promotion-event': '推介活动',
};

/**
 * Kinds that count as a contact with the investor for the 对接洽谈 gate. A promotion event
 * (推介会) addresses many firms at once, so it alone does not show that this investor was reached.
 */
export const CONTACT_ACTIVITY_KINDS: readonly ActivityKind[] = [
  'visit',
  'negotiation',
  'call',
  'meeting',
  'site-inspection',
];

/** 签约协议 (the first signing) or 补充协议 (adds only its increment). */
export const AGREEMENT_KINDS = ['initial', 'supplementary'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = {
  initial: '签约协议',
  supplementary: '补充协议',
};

/** Longest accepted text per field (characters); the API refuses longer, the forms count down. */
export const PROJECT_TEXT_LIMITS = {
  name: 200,
  investorName: 200,
  location: 200,
  industry: 100,
  reason: 500,
  agreementRef: 100,
  landParcel: 200,
  landApprovalRef: 100,
  siteDocumentRef: 100,
  constructionPermitRef: 100,
  activitySummary: 2000,
  nextStep: 500,
  participant: 60,
  participants: 30,
  dimensionNote: 1000,
  institution: 200,
  conditions: 1000,
  evidenceNote: 500,
  agreementNote: 500,
  search: 100,
} as const;

/** Page sizes of lists and board columns. */
export const PROJECT_PAGE_LIMIT = { default: 50, max: 200 } as const;
export const BOARD_COLUMN_LIMIT = { default: 20, max: 200 } as const;
