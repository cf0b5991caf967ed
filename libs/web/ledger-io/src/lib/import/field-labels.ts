import { ENTERPRISE_LEDGER_COLUMNS, PROJECT_LEDGER_COLUMNS } from '@crm/domain';
import type { Lang } from '@crm/web/core';
import type { ImportKind } from '../data-access/ledger.types';

/**
 * English names of the ledger fields. The Chinese names are the template's own headers
 * (PROJECT_LEDGER_COLUMNS / ENTERPRISE_LEDGER_COLUMNS); both stay in this lazy chunk rather than
 * in the app's eager string tables, which count against the initial bundle.
 */
const FIELD_EN: Record<ImportKind, Record<string, string>> = {
  projects: {
    name: 'Project name',
    chain: 'Chain',
    investorName: 'Investor',
    investorCreditCode: 'Credit code',
    stage: 'Stage',
    status: 'Status',
    sourceChannel: 'Source channel',
    responsibleUnit: 'Responsible unit',
    owner: 'Project owner',
    plannedInvestment: 'Planned investment',
    signedAmount: 'Signed amount',
    signedOn: 'Signed on',
    agreementRef: 'Agreement no.',
    landParcel: 'Land parcel',
    landAreaMu: 'Land area (mu)',
    landApprovalRef: 'Land approval no.',
    landApprovedOn: 'Land approved on',
    constructionStartedOn: 'Construction started on',
    constructionPermitRef: 'Construction permit no.',
    completedOn: 'Completed on',
    location: 'Location',
    industry: 'Industry',
    major: 'Major project',
  },
  enterprises: {
    name: 'Enterprise name',
    creditCode: 'Credit code',
    ownership: 'Ownership',
    tags: 'Tags',
    region: 'Region',
  },
};

/** Fields the API names by what it resolved them to. */
const ALIASES: Record<string, string> = { enterpriseId: 'investorName', responsibleUnitId: 'responsibleUnit', chainId: 'chain', ownerId: 'owner' };

/** A ledger field's name in the interface language: plannedInvestment → 计划总投资 / Planned investment. */
export function fieldLabel(kind: ImportKind, field: string, lang: Lang): string {
  const name = ALIASES[field] ?? field;
  if (lang === 'en') return FIELD_EN[kind][name] ?? field;
  const columns = kind === 'projects' ? PROJECT_LEDGER_COLUMNS : ENTERPRISE_LEDGER_COLUMNS;
  return columns.find((c) => c.field === name)?.header ?? field;
}
