/** 产业链 codes, in the plan's order (5 主导 + 2 特色). */
export const CHAIN_CODES = [
  'clean-energy',
  'salt-lake-chemical',
  'metallurgy',
  'oil-gas-chemical',
  'land-port-logistics',
  'culture-tourism',
  'agri-pastoral',
] as const;
export type ChainCode = (typeof CHAIN_CODES)[number];

/** 主导产业 (leading) or 特色产业 (special). */
export const CHAIN_KINDS = ['leading', 'special'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** How a person serves a chain: 包联领导 or 责任领导. */
export const CHAIN_LEADER_ROLES = ['liaison', 'responsible'] as const;
export type ChainLeaderRole = (typeof CHAIN_LEADER_ROLES)[number];

/** How a unit serves a chain: 责任单位 (牵头单位 when isLead) or 配合单位. */
export const CHAIN_UNIT_ROLES = ['responsible', 'cooperating'] as const;
export type ChainUnitRole = (typeof CHAIN_UNIT_ROLES)[number];

export function isChainCode(value: string): value is ChainCode {
  return (CHAIN_CODES as readonly string[]).includes(value);
}
