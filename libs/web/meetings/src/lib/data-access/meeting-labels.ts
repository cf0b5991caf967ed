import type { ActionItemFilter, ActionItemStatus, ChainView, CockpitChainRef, MeetingKind } from '@crm/domain';
import type { Lang, MessageKey } from '@crm/web/core';

/* The i18n key of each meetings word: `{{ kindKey(meeting.kind) | t }}`. */
export const kindKey = (kind: MeetingKind): MessageKey => `meetings.kind.${kind}`;
export const statusKey = (status: ActionItemStatus): MessageKey => `meetings.status.${status}`;
export const filterKey = (filter: ActionItemFilter): MessageKey => `meetings.filter.${filter}`;

/** ng-zorro tag colours of an item's status; 逾期 is a red tag of its own. */
export const STATUS_COLORS: Record<ActionItemStatus, string> = {
  open: 'blue',
  'in-progress': 'gold',
  done: 'green',
};

/** Instants are shown in the plan's time zone (Asia/Shanghai), whatever the browser's. */
export const SHANGHAI = '+0800';

/** A chain's name in the interface language; the English one once the chains are loaded. */
export function chainName(chain: CockpitChainRef, lang: Lang, chains: readonly ChainView[]): string {
  if (lang !== 'en') return chain.nameZh;
  return chains.find((c) => c.code === chain.code)?.nameEn ?? chain.nameZh;
}

export function chainNames(list: readonly CockpitChainRef[], lang: Lang, chains: readonly ChainView[]): string {
  return list.map((c) => chainName(c, lang, chains)).join(lang === 'en' ? ', ' : '、');
}

/**
 * The calendar day a date picker's Date stands for, YYYY-MM-DD: the day the user clicked, as
 * shown (the picker works in the browser's zone; the plan's dates are Shanghai calendar dates).
 */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The Date a date picker shows for a calendar day YYYY-MM-DD. */
export function dateOf(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
