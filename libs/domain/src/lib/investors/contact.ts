import type { ActivityKind, ProjectStatus } from '../pipeline/project';
import type { EnterpriseView } from '../reference.contract';
import type { Stage } from '../stage';
import type { UserRef } from '../pipeline/project.contract';

/*
 * 联系人 (issue 20 §1): people at firms. Personal data under the 个人信息保护法: a contact is seen
 * only by those whose chains work with the firm (office and admin: all), the mobile is masked in
 * every list and shown on request (audited), and a person removed on request is anonymised.
 */

/** A mainland mobile number: 11 digits, 1 then 3–9. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * A mainland landline: an optional +86, an optional area code from 0 (0979, (010)), a local number
 * of 7–8 digits from 2–9 and an optional extension (-123 or 转123): 0979-8412345, 010 62345678-8.
 */
export const LANDLINE_PATTERN = /^(\+86[- ]?)?(\(?0\d{2,3}\)?[- ]?)?[2-9]\d{6,7}([-转]\d{1,6})?$/;

/** A plain e-mail address (one @, a dot in the domain, no spaces). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The name an anonymised contact keeps, so the activities that named them still read. */
export const ANONYMISED_CONTACT_NAME = '已删除联系人';

export const CONTACT_TEXT_LIMITS = {
  name: 100,
  title: 100,
  landline: 40,
  wechat: 100,
  email: 200,
  notes: 1000,
} as const;

/** 138****1234: the first three and the last four digits; null stays null. */
export function maskMobile(mobile: string | null): string | null {
  if (mobile === null) return null;
  if (mobile.length < 8) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

/** GET /api/contacts, /api/enterprises/:id/contacts: the mobile masked. */
export interface ContactView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  name: string;
  title: string | null;
  /** Masked (138****1234); POST /api/contacts/:id/reveal answers the full number. */
  mobileMasked: string | null;
  landline: string | null;
  wechat: string | null;
  email: string | null;
  notes: string | null;
  /** Staff who know this person. */
  knownBy: UserRef[];
  /** Projects this person is linked to (only those the reader may see). */
  projectIds: string[];
  anonymised: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/contacts; PATCH /api/contacts/:id takes any of these with `version`. */
export interface ContactInput {
  enterpriseId: string;
  name: string;
  title?: string | null;
  mobile?: string | null;
  landline?: string | null;
  wechat?: string | null;
  email?: string | null;
  notes?: string | null;
  knownByUserIds?: string[];
  projectIds?: string[];
}

/** POST /api/contacts/:id/reveal */
export interface ContactRevealView {
  id: string;
  mobile: string | null;
}

/** A contact as an activity names them. */
export interface ActivityContactRef {
  id: string;
  name: string;
  title: string | null;
}

// ------------------------------------------------------------------ the firm page (企业全景)

/** GET /api/enterprises/:id/overview: the firm and its group, within what the reader may see. */
export interface EnterpriseOverview {
  enterprise: EnterpriseView;
  parent: EnterpriseGroupMember | null;
  subsidiaries: EnterpriseGroupMember[];
  projects: OverviewProject[];
  activities: OverviewActivity[];
  contacts: ContactView[];
  agreements: OverviewAgreement[];
  fundArrivals: OverviewFundArrival[];
  /** Everything above in one list, newest first, for the timeline. */
  timeline: OverviewEvent[];
  /** Projects of the group the reader may not see (counted, not shown). */
  hiddenProjects: number;
  merges: EnterpriseMergeView[];
}

export interface EnterpriseGroupMember {
  id: string;
  name: string;
  creditCode: string | null;
}

export interface OverviewProject {
  id: string;
  name: string;
  enterpriseId: string;
  enterpriseName: string;
  chainCode: string;
  chainName: string;
  unitName: string;
  ownerName: string;
  stage: Stage;
  status: ProjectStatus;
  plannedInvestment: string | null;
  signedAmount: string;
  fundsInPlace: string;
  createdAt: string;
}

export interface OverviewActivity {
  id: string;
  projectId: string;
  projectName: string;
  kind: ActivityKind;
  occurredOn: string;
  summary: string;
  contacts: ActivityContactRef[];
}

export interface OverviewAgreement {
  id: string;
  projectId: string;
  projectName: string;
  kind: 'initial' | 'supplementary';
  amount: string;
  signedOn: string;
  agreementRef: string;
}

export interface OverviewFundArrival {
  id: string;
  projectId: string;
  projectName: string;
  month: string;
  amount: string;
}

export type OverviewEventKind = 'project' | 'activity' | 'agreement' | 'fund-arrival';

export interface OverviewEvent {
  kind: OverviewEventKind;
  /** YYYY-MM-DD (a fund arrival: the month's first day). */
  on: string;
  projectId: string;
  projectName: string;
  text: string;
  amount: string | null;
}

/** 重复企业合并: what moved, so the admin can undo it. */
export interface EnterpriseMergeView {
  id: string;
  sourceId: string;
  sourceName: string;
  targetId: string;
  targetName: string;
  movedProjects: number;
  movedContacts: number;
  movedSubsidiaries: number;
  movedCreditCode: string | null;
  mergedAt: string;
  undoneAt: string | null;
}

/** POST /api/enterprises/:id/merge */
export interface EnterpriseMergeInput {
  into: string;
}

// ------------------------------------------------------------------ courting alert (撞车提醒)

export interface CourtingProjectRef {
  id: string;
  name: string;
  chainName: string;
  unitName: string;
  ownerName: string;
  enterpriseId: string;
  enterpriseName: string;
  /** When the project was opened (YYYY-MM-DD, Shanghai). */
  since: string;
}

/** GET /api/courting-conflicts, and the cockpit's open ones. */
export interface CourtingConflictView {
  id: string;
  projects: [CourtingProjectRef, CourtingProjectRef];
  openedAt: string;
  leadProjectId: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  version: number;
}

/** POST /api/courting-conflicts/:id/decision */
export interface CourtingDecisionInput {
  leadProjectId: string;
  note?: string | null;
  version?: number;
}
