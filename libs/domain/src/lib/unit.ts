/** 单位 kinds: 委办局 (bureau), 管委会/工行委 (committee), 园区 (park), 企业 (company). */
export const UNIT_KINDS = ['bureau', 'committee', 'park', 'company'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
