/** 所有制: 央企, 地方国企, 民营, 外资, 混合所有制, 其他. */
export const ENTERPRISE_OWNERSHIPS = ['central-soe', 'local-soe', 'private', 'foreign', 'mixed', 'other'] as const;
export type EnterpriseOwnership = (typeof ENTERPRISE_OWNERSHIPS)[number];

/**
 * Target-firm tags of plan §(九): 央企, 国企, 世界500强, 中国500强, 民营500强.
 * 央企 and 国企 are also implied by ownership; they are kept as tags because the plan lists them
 * together and a firm may be tagged before its ownership is known.
 */
export const ENTERPRISE_TAGS = ['central-soe', 'soe', 'global-500', 'china-500', 'private-500'] as const;
export type EnterpriseTag = (typeof ENTERPRISE_TAGS)[number];

export const ENTERPRISE_TAG_LABELS: Record<EnterpriseTag, string> = {
  'central-soe': '央企',
  soe: '国企',
  'global-500': '世界500强',
  'china-500': '中国500强',
  'private-500': '民营500强',
};

/**
 * The same firm is often written with different spacing, full-width brackets or Latin case.
 * Two names that normalise alike are treated as one firm.
 */
export function normaliseEnterpriseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}
