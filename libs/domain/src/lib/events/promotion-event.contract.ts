import type { ChainCode } from '../chain';
import type { Wan } from '../money';
import type { RuleProblem } from '../pipeline/rule-problem';
import type { Stage } from '../stage';

/** 招商活动的形式: 展会 (e.g. 青洽会), 外出招商, 论坛, 以商招商 visit, 网上招商. */
export const PROMOTION_EVENT_KINDS = ['fair', 'trip', 'forum', 'business-visit', 'online'] as const;
export type PromotionEventKind = (typeof PROMOTION_EVENT_KINDS)[number];

export const PROMOTION_EVENT_KIND_LABELS: Record<PromotionEventKind, string> = {
  fair: '展会',
  trip: '外出招商',
  forum: '论坛',
  'business-visit': '以商招商',
  online: '网上招商',
};

export const PROMOTION_EVENT_TEXT_LIMITS = { name: 200, place: 200, notes: 2000 } as const;

/** An event's results, as the gazette reports them: 签约 N个 X亿元, 到位 Y亿元 (amounts in 万元). */
export interface PromotionEventTotals {
  /** Projects linked to the event (leads included). */
  projects: number;
  /** Linked projects with at least one agreement. */
  signedProjects: number;
  /** Sum of the linked projects' agreements (initial and supplementary), 万元. */
  signedAmount: Wan;
  /** Sum of the linked projects' fund arrivals, 万元. */
  fundsInPlace: Wan;
}

export interface PromotionEventSummary {
  id: string;
  name: string;
  kind: PromotionEventKind;
  startsOn: string;
  endsOn: string;
  place: string | null;
  leadPerson: { id: number; name: string } | null;
  chains: ChainCode[];
  totals: PromotionEventTotals;
}

export interface PromotionEventProject {
  id: string;
  name: string;
  investorName: string;
  chain: ChainCode;
  stage: Stage;
  signedAmount: Wan;
  fundsInPlace: Wan;
}

export interface PromotionEventView extends PromotionEventSummary {
  notes: string | null;
  units: { id: number; name: string }[];
  enterprises: { id: string; name: string }[];
  contacts: { id: string; name: string; enterpriseName: string }[];
  /** The linked projects this user may read (the totals count every linked project). */
  projects: PromotionEventProject[];
  /** Linked projects of chains this user may not read: counted in the totals, not listed. */
  hiddenProjects: number;
  version: number;
  editable: boolean;
}

/** POST /api/events and PUT /api/events/:id (with the version read). */
export interface PromotionEventInput {
  name: string;
  kind: PromotionEventKind;
  startsOn: string;
  endsOn: string;
  place?: string | null;
  leadPersonId?: number | null;
  chains?: ChainCode[];
  unitIds?: number[];
  enterpriseIds?: string[];
  contactIds?: string[];
  notes?: string | null;
  version?: number;
}

/** A period's or a year's events with their totals (the roll-up's and the cockpit's small table). */
export interface PromotionEventLine {
  id: string;
  name: string;
  kind: PromotionEventKind;
  startsOn: string;
  endsOn: string;
  totals: PromotionEventTotals;
}

/**
 * 招商活动 of a window summed (the roll-up's statistical window, the cockpit's year to the chosen
 * month): the events held in it (in part), the firms and contacts they met, and the results of the
 * projects linked to them up to the window's end, the same sums as each event's totals.
 */
export interface PromotionEventPeriodTotals {
  /** The window, both days inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  events: number;
  /** Distinct firms named as met at these events. */
  firmsMet: number;
  /** Distinct contacts named as met at these events. */
  contactsMet: number;
  /** Projects linked to these events (leads included). */
  projects: number;
  signedProjects: number;
  signedAmount: Wan;
  fundsInPlace: Wan;
}

/** What an event's dates break: it cannot end before it starts. */
export function promotionEventProblems(input: Pick<PromotionEventInput, 'startsOn' | 'endsOn'>): RuleProblem[] {
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    return [
      {
        field: 'endsOn',
        zh: '结束日期不能早于开始日期',
        en: 'The event cannot end before it starts',
      },
    ];
  }
  return [];
}

/** GET /api/search?q=: what the user may see, grouped. */
export interface GlobalSearchResult {
  q: string;
  projects: { id: string; name: string; investorName: string; chain: ChainCode; stage: Stage }[];
  enterprises: { id: string; name: string }[];
  contacts: { id: string; name: string; title: string | null; enterpriseId: string; enterpriseName: string }[];
  events: { id: string; name: string; kind: PromotionEventKind; startsOn: string }[];
}
