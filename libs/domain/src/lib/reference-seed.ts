import type { ChainCode, ChainKind } from './chain';
import type { EnterpriseOwnership, EnterpriseTag } from './enterprise';
import type { UnitKind } from './unit';

/**
 * The shape of the reference data transcribed from the 2025 work plan's annex
 * (格尔木市"5+2"产业链招商专班工作任务). Names are written exactly as in the text; people and
 * units are referred to by their canonical name, so each is stored once.
 */
export interface ReferenceSeed {
  year: number;
  people: { name: string; position: string }[];
  units: { name: string; kind: UnitKind; aliases: string[] }[];
  enterprises: {
    name: string;
    creditCode?: string;
    ownership?: EnterpriseOwnership;
    tags?: EnterpriseTag[];
    region?: string;
  }[];
  chains: ChainSeed[];
}

export interface ChainSeed {
  code: ChainCode;
  nameZh: string;
  nameEn: string;
  kind: ChainKind;
  sortOrder: number;
  direction: string;
  liaisonLeader: string;
  responsibleLeaders: string[];
  /** 责任单位; for 特色农牧 the text names a 牵头单位 instead (isLead). */
  responsibleUnits: { unit: string; isLead?: boolean }[];
  cooperatingUnits: string[];
  anchorFirms: string[];
  keyTasks: { seq: number; text: string; units: string[] }[];
  target: {
    /** 万元, decimal strings */
    signedAmount: string;
    bigProjectThreshold: string;
    bigProjectMinCount: number;
    fundsInPlace: string;
  };
}
