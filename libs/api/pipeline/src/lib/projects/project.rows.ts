import type {
  ChainCode,
  ChainLinkKind,
  EvaluationConclusion,
  LandRoute,
  ProjectFacts,
  ProjectStatus,
  ProjectSummaryView,
  ProjectView,
  Sector,
  SiteDocumentKind,
  SourceChannel,
  Stage,
} from '@crm/domain';

/*
 * How projects are read. Dates leave PostgreSQL as text (YYYY-MM-DD) so no time zone shifts them;
 * money leaves as numeric text, never a JS number.
 */

/** Columns of a list row or a board card. */
export const SUMMARY_COLUMNS = `
  p.id, p.name, c.code AS chain_code, p.enterprise_id, p.investor_name, p.stage, p.status, p.major,
  p.planned_investment::text AS planned_investment, p.signed_amount::text AS signed_amount, p.amount::text AS amount,
  p.responsible_unit_id, u.name AS unit_name, p.owner_id, o.display_name AS owner_name,
  p.stage_entered_at, p.stage_since::text AS stage_since, p.last_activity_on::text AS last_activity_on, p.next_follow_up_on::text AS next_follow_up_on,
  p.updated_at, p.version, p.land_route`;

export const SUMMARY_JOINS = `
  JOIN chain c ON c.id = p.chain_id
  JOIN unit u ON u.id = p.responsible_unit_id
  JOIN app_user o ON o.id = p.owner_id`;

/** Columns of the full record. */
export const PROJECT_COLUMNS = `${SUMMARY_COLUMNS},
  p.chain_id, p.related_chain_ids,
  ARRAY(SELECT rc.code FROM chain rc WHERE rc.id = ANY (p.related_chain_ids) ORDER BY rc.sort_order) AS related_chain_codes,
  p.source_channel, p.location, p.industry, p.sector, p.key_task_id, kt.seq AS key_task_seq, kt.text AS key_task_text,
  p.chain_link_id, cl.name AS chain_link_name, clm.year AS chain_link_year, p.chain_link_kind,
  p.event_id, pe.name AS event_name, p.notes,
  p.status_reason, p.eliminated_category, p.signed_on::text AS signed_on, p.agreement_ref,
  p.land_parcel, p.land_area_mu::text AS land_area_mu, p.land_approval_ref, p.land_approved_on::text AS land_approved_on,
  p.site_document_kind, p.site_document_ref, p.site_document_on::text AS site_document_on,
  p.plant_area_sqm::text AS plant_area_sqm,
  p.construction_started_on::text AS construction_started_on, p.construction_permit_ref,
  p.completed_on::text AS completed_on, p.funds_in_place::text AS funds_in_place,
  p.funds_in_place_verified::text AS funds_in_place_verified, p.contact_count,
  p.created_by, cb.display_name AS created_by_name, p.created_at`;

export const PROJECT_JOINS = `${SUMMARY_JOINS}
  LEFT JOIN key_task kt ON kt.id = p.key_task_id
  LEFT JOIN chain_map_link cl ON cl.id = p.chain_link_id
  LEFT JOIN chain_map clm ON clm.id = cl.map_id
  LEFT JOIN promotion_event pe ON pe.id = p.event_id
  LEFT JOIN app_user cb ON cb.id = p.created_by`;

export interface SummaryRow {
  id: string;
  name: string;
  chain_code: ChainCode;
  enterprise_id: string | null;
  investor_name: string;
  stage: Stage;
  status: ProjectStatus;
  major: boolean;
  planned_investment: string | null;
  signed_amount: string;
  amount: string | null;
  responsible_unit_id: number;
  unit_name: string;
  owner_id: string;
  owner_name: string;
  stage_entered_at: Date;
  stage_since: string;
  last_activity_on: string | null;
  next_follow_up_on: string | null;
  updated_at: Date;
  version: number;
  land_route: LandRoute | null;
}

export interface ProjectRow extends SummaryRow {
  chain_id: number;
  related_chain_ids: number[];
  related_chain_codes: ChainCode[];
  source_channel: SourceChannel;
  location: string | null;
  industry: string | null;
  sector: Sector;
  key_task_id: number | null;
  key_task_seq: number | null;
  key_task_text: string | null;
  chain_link_id: number | null;
  chain_link_name: string | null;
  chain_link_year: number | null;
  chain_link_kind: ChainLinkKind | null;
  event_id: string | null;
  event_name: string | null;
  notes: string | null;
  status_reason: string | null;
  eliminated_category: boolean;
  signed_on: string | null;
  agreement_ref: string | null;
  land_parcel: string | null;
  land_area_mu: string | null;
  land_approval_ref: string | null;
  land_approved_on: string | null;
  site_document_kind: SiteDocumentKind | null;
  site_document_ref: string | null;
  site_document_on: string | null;
  plant_area_sqm: string | null;
  construction_started_on: string | null;
  construction_permit_ref: string | null;
  completed_on: string | null;
  funds_in_place: string;
  funds_in_place_verified: string;
  contact_count: number;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export function toSummaryView(r: SummaryRow): ProjectSummaryView {
  return {
    id: r.id,
    name: r.name,
    chain: r.chain_code,
    investor: { enterpriseId: r.enterprise_id, name: r.investor_name },
    stage: r.stage,
    status: r.status,
    major: r.major,
    plannedInvestment: r.planned_investment,
    signedAmount: r.signed_amount,
    amount: r.amount,
    responsibleUnit: { id: r.responsible_unit_id, name: r.unit_name },
    owner: { id: r.owner_id, displayName: r.owner_name },
    stageEnteredAt: r.stage_entered_at.toISOString(),
    stageSince: r.stage_since,
    lastActivityOn: r.last_activity_on,
    nextFollowUpOn: r.next_follow_up_on,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    landRoute: r.land_route,
  };
}

export function toProjectView(r: ProjectRow): ProjectView {
  return {
    ...toSummaryView(r),
    relatedChains: r.related_chain_codes,
    sourceChannel: r.source_channel,
    location: r.location,
    industry: r.industry,
    sector: r.sector,
    keyTask:
      r.key_task_id === null ? null : { id: r.key_task_id, seq: r.key_task_seq ?? 0, text: r.key_task_text ?? '' },
    chainLink:
      r.chain_link_id === null ? null : { id: r.chain_link_id, name: r.chain_link_name ?? '', year: r.chain_link_year ?? 0 },
    chainLinkKind: r.chain_link_kind,
    event: r.event_id === null ? null : { id: r.event_id, name: r.event_name ?? '' },
    notes: r.notes,
    statusReason: r.status_reason,
    eliminatedCategory: r.eliminated_category,
    signedOn: r.signed_on,
    agreementRef: r.agreement_ref,
    landParcel: r.land_parcel,
    landAreaMu: r.land_area_mu,
    landApprovalRef: r.land_approval_ref,
    landApprovedOn: r.land_approved_on,
    landRoute: r.land_route,
    siteDocumentKind: r.site_document_kind,
    siteDocumentRef: r.site_document_ref,
    siteDocumentOn: r.site_document_on,
    plantAreaSqm: r.plant_area_sqm,
    constructionStartedOn: r.construction_started_on,
    constructionPermitRef: r.construction_permit_ref,
    completedOn: r.completed_on,
    fundsInPlace: r.funds_in_place,
    fundsInPlaceVerified: r.funds_in_place_verified,
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  };
}

/** What the stage gates look at, from the record and its evaluations. */
export function toProjectFacts(
  r: ProjectRow,
  evaluations: { opened: boolean; latestConclusion: EvaluationConclusion | null },
): ProjectFacts {
  return {
    name: r.name,
    chain: r.chain_code,
    hasInvestor: !!r.investor_name,
    sourceChannel: r.source_channel,
    responsibleUnitId: r.responsible_unit_id,
    ownerId: r.owner_id,
    plannedInvestment: r.planned_investment,
    contactCount: r.contact_count,
    evaluationOpened: evaluations.opened,
    latestConclusion: evaluations.latestConclusion,
    eliminatedCategory: r.eliminated_category,
    status: r.status,
    signedAmount: r.signed_on ? r.signed_amount : null,
    signedOn: r.signed_on,
    agreementRef: r.agreement_ref,
    landParcel: r.land_parcel,
    landAreaMu: r.land_area_mu,
    landApprovalRef: r.land_approval_ref,
    landApprovedOn: r.land_approved_on,
    landRoute: r.land_route,
    siteDocumentKind: r.site_document_kind,
    siteDocumentRef: r.site_document_ref,
    siteDocumentOn: r.site_document_on,
    plantAreaSqm: r.plant_area_sqm,
    constructionStartedOn: r.construction_started_on,
    constructionPermitRef: r.construction_permit_ref,
    completedOn: r.completed_on,
  };
}

/** The fields an audit entry records for a project (what a person can change). */
export function auditSnapshot(r: ProjectRow): Record<string, unknown> {
  return {
    name: r.name,
    chain: r.chain_code,
    relatedChains: r.related_chain_codes,
    enterpriseId: r.enterprise_id,
    investorName: r.investor_name,
    sourceChannel: r.source_channel,
    responsibleUnitId: r.responsible_unit_id,
    ownerId: r.owner_id,
    plannedInvestment: r.planned_investment,
    location: r.location,
    industry: r.industry,
    sector: r.sector,
    keyTaskId: r.key_task_id,
    chainLinkId: r.chain_link_id,
    chainLinkKind: r.chain_link_kind,
    eventId: r.event_id,
    notes: r.notes,
    major: r.major,
    status: r.status,
    statusReason: r.status_reason,
    stage: r.stage,
    landParcel: r.land_parcel,
    landAreaMu: r.land_area_mu,
    landApprovalRef: r.land_approval_ref,
    landApprovedOn: r.land_approved_on,
    landRoute: r.land_route,
    siteDocumentKind: r.site_document_kind,
    siteDocumentRef: r.site_document_ref,
    siteDocumentOn: r.site_document_on,
    plantAreaSqm: r.plant_area_sqm,
    constructionStartedOn: r.construction_started_on,
    constructionPermitRef: r.construction_permit_ref,
    completedOn: r.completed_on,
    version: r.version,
  };
}
