import { formatWan, type ChainCode, type ChainRoleView, type ChainView, type PlanStatus, type Stage } from '@crm/domain';
import type { Lang, MessageKey } from '@crm/web/core';
import { formatWanEn } from '@crm/web/ui';

export const statusKey = (status: PlanStatus): MessageKey => `plan.status.${status}`;
export const STATUS_COLORS: Record<PlanStatus, string> = { draft: 'orange', published: 'green' };
export { sectorKey } from '@crm/web/core';
export const stageKey = (stage: Stage): MessageKey => `pipeline.stage.${stage}`;

/** 包联领导 / 责任领导 / 牵头单位 / 责任单位 / 配合单位. */
export function postKey(role: Pick<ChainRoleView, 'kind' | 'role' | 'isLead'>): MessageKey {
  if (role.kind === 'leader') return role.role === 'liaison' ? 'plan.post.liaison' : 'plan.post.responsibleLeader';
  if (role.role === 'cooperating') return 'plan.post.cooperating';
  return role.isLead ? 'plan.post.leadUnit' : 'plan.post.responsibleUnit';
}

/** The order posts are listed in. */
export function postOrder(role: Pick<ChainRoleView, 'kind' | 'role' | 'isLead'>): number {
  const keys: MessageKey[] = [
    'plan.post.liaison',
    'plan.post.responsibleLeader',
    'plan.post.leadUnit',
    'plan.post.responsibleUnit',
    'plan.post.cooperating',
  ];
  return keys.indexOf(postKey(role));
}

/** A chain's name in the interface language (the code until the chains are loaded). */
export function chainName(code: string, lang: Lang, chains: readonly ChainView[], fallback?: string): string {
  const chain = chains.find((c) => c.code === code);
  if (!chain) return fallback ?? code;
  return lang === 'en' ? chain.nameEn : chain.nameZh;
}

export function isChain(code: string, chains: readonly ChainView[]): code is ChainCode {
  return chains.some((c) => c.code === code);
}

/** The day of an instant in the plan's time zone (Asia/Shanghai), YYYY-MM-DD. */
export function shanghaiDay(instant: string | null): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant.slice(0, 10);
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An amount in 万元 for reading: 140亿元 / CNY 14 billion. */
export function wanText(wan: string, lang: Lang): string {
  const trimmed = wan.trim();
  return lang === 'en' ? formatWanEn(trimmed) : formatWan(trimmed);
}
