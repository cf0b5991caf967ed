import type { ChainCode } from '../chain';
import type { Stage } from '../stage';

/** 上游 / 中游 / 下游: where a link sits from upstream to downstream. */
export const CHAIN_LINK_TIERS = ['upstream', 'midstream', 'downstream'] as const;
export type ChainLinkTier = (typeof CHAIN_LINK_TIERS)[number];
export const CHAIN_LINK_TIER_LABELS: Record<ChainLinkTier, string> = { upstream: '上游', midstream: '中游', downstream: '下游' };

/** A link's state in the city: 强 (firms in place), 弱 (thin), 缺 (none). */
export const CHAIN_LINK_STATUSES = ['strong', 'weak', 'missing'] as const;
export type ChainLinkStatus = (typeof CHAIN_LINK_STATUSES)[number];
export const CHAIN_LINK_STATUS_LABELS: Record<ChainLinkStatus, string> = { strong: '强', weak: '弱', missing: '缺失' };

/** What attracting firms to a link does: 强链 (strengthen), 补链 (fill a gap), 延链 (extend the chain). */
export const CHAIN_LINK_KINDS = ['strengthen', 'fill', 'extend'] as const;
export type ChainLinkKind = (typeof CHAIN_LINK_KINDS)[number];
export const CHAIN_LINK_KIND_LABELS: Record<ChainLinkKind, string> = { strengthen: '强链', fill: '补链', extend: '延链' };

/** The fixed tags of a target firm: 央企, 500强, 上市, 民营500强. */
export const TARGET_FIRM_TAGS = ['central-soe', 'fortune-500', 'listed', 'private-500'] as const;
export type TargetFirmTag = (typeof TARGET_FIRM_TAGS)[number];
export const TARGET_FIRM_TAG_LABELS: Record<TargetFirmTag, string> = {
  'central-soe': '央企',
  'fortune-500': '500强',
  listed: '上市',
  'private-500': '民营500强',
};

/** A gap: a weak or missing link. */
export function isGap(status: ChainLinkStatus): boolean {
  return status !== 'strong';
}

export interface ChainMapFirmView {
  enterpriseId: string;
  name: string;
  /** 链主: the chain's anchor firm. */
  anchor: boolean;
}

export interface ChainMapTargetView {
  name: string;
  tags: TargetFirmTag[];
  note: string | null;
}

/** A link's pipeline: projects tagged with it (any year of its lineage), by stage. */
export interface ChainLinkStageFigure {
  stage: Stage;
  count: number;
  /** 签约金额, 万元, summed by PostgreSQL. */
  signedAmount: string;
}

export interface ChainLinkProjectView {
  id: string;
  name: string;
  stage: Stage;
  status: 'active' | 'paused' | 'dropped';
  kind: ChainLinkKind | null;
  signedAmount: string;
}

export interface ChainMapLinkView {
  id: number;
  parentId: number | null;
  tier: ChainLinkTier;
  sortOrder: number;
  name: string;
  status: ChainLinkStatus;
  statusReason: string | null;
  kind: ChainLinkKind | null;
  draft: boolean;
  sourceQuote: string | null;
  firms: ChainMapFirmView[];
  targets: ChainMapTargetView[];
  pipeline: ChainLinkStageFigure[];
  projects: ChainLinkProjectView[];
  /** Active projects tagged with the link. */
  activeLeads: number;
  /** A weak or missing link with no active lead: flagged on the map, the leader page and the meeting pack. */
  unledGap: boolean;
}

export interface ChainMapView {
  chain: { code: ChainCode; nameZh: string };
  year: number;
  /** null: the chain has no map for the year yet. */
  map: {
    version: number;
    draftedFrom: number | null;
    links: ChainMapLinkView[];
  } | null;
  /** The latest earlier year with a map, to draft from; null when none. */
  previousYear: number | null;
  /** May the signed-in user edit this map (the office, the chain's staff)? */
  editable: boolean;
}

/** One chain's line in the list of maps. */
export interface ChainMapSummary {
  code: ChainCode;
  nameZh: string;
  year: number;
  hasMap: boolean;
  links: number;
  gaps: number;
  unledGaps: number;
  /** The links of unled gaps, in map order. */
  unledGapNames: string[];
  drafts: number;
}

export interface ChainMapTargetInput {
  name: string;
  tags: TargetFirmTag[];
  note?: string | null;
}

export interface ChainMapLinkInput {
  /** An existing link's id (kept, so projects tagged with it stay tagged); absent for a new link. */
  id?: number;
  /** A sub-link names its parent by the parent's name in this document. */
  parent?: string | null;
  tier: ChainLinkTier;
  name: string;
  status: ChainLinkStatus;
  statusReason?: string | null;
  kind?: ChainLinkKind | null;
  draft?: boolean;
  sourceQuote?: string | null;
  firmIds: string[];
  targets: ChainMapTargetInput[];
}

/** PUT /api/chain-maps/:code/:year — the whole map, links in order from upstream to downstream. */
export interface ChainMapInput {
  /** The version read; 0 when creating the year's map. */
  version: number;
  links: ChainMapLinkInput[];
}
