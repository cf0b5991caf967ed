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
    landRoute: 'Land route',
    siteDocumentKind: 'Site title or lease',
    siteDocumentRef: 'Title or lease no.',
    siteDocumentOn: 'Title or lease date',
    plantAreaSqm: 'Plant area (m²)',
    constructionStartedOn: 'Construction started on',
    constructionPermitRef: 'Construction permit no.',
    completedOn: 'Completed on',
    location: 'Location',
    industry: 'Industry',
    major: 'Major project',
    contactName: 'Contact',
    contactPhone: 'Contact phone',
    event: 'Promotion event',
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
const ALIASES: Record<string, string> = {
  enterpriseId: 'investorName',
  responsibleUnitId: 'responsibleUnit',
  chainId: 'chain',
  ownerId: 'owner',
  eventId: 'event',
  // The row's 联系人, written to the firm's contacts.
  contact: 'contactName',
};

/** Project fields a row changes that are no column of their own: the 备注 keeps the row's 联系人 and 联系电话. */
const OTHER_FIELDS: Record<string, { zh: string; en: string }> = { notes: { zh: '备注（联系人）', en: 'Notes (contact)' } };

/** A ledger field's name in the interface language: plannedInvestment → 计划总投资 / Planned investment. */
export function fieldLabel(kind: ImportKind, field: string, lang: Lang): string {
  const other = kind === 'projects' ? OTHER_FIELDS[field] : undefined;
  if (other) return other[lang === 'en' ? 'en' : 'zh'];
  const name = ALIASES[field] ?? field;
  if (lang === 'en') return FIELD_EN[kind][name] ?? field;
  const columns = kind === 'projects' ? PROJECT_LEDGER_COLUMNS : ENTERPRISE_LEDGER_COLUMNS;
  return columns.find((c) => c.field === name)?.header ?? field;
}
