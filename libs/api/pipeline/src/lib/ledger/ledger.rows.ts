import type { AgreementKind, AgreementView, FundArrivalView } from '@crm/domain';

export const AGREEMENT_SELECT = `
  SELECT a.id, a.project_id, a.kind, a.amount::text AS amount, a.signed_on::text AS signed_on, a.agreement_ref, a.note,
         a.created_by, u.display_name AS created_by_name, a.created_at
  FROM project_agreement a LEFT JOIN app_user u ON u.id = a.created_by`;

export interface AgreementRow {
  id: string;
  project_id: string;
  kind: AgreementKind;
  amount: string;
  signed_on: string;
  agreement_ref: string;
  note: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export function toAgreementView(r: AgreementRow): AgreementView {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    amount: r.amount,
    signedOn: r.signed_on,
    agreementRef: r.agreement_ref,
    note: r.note,
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  };
}

export const FUND_ARRIVAL_SELECT = `
  SELECT f.id, f.project_id, f.month, f.amount::text AS amount, f.evidence_note, f.verified, f.verified_by,
         v.display_name AS verified_by_name, f.verified_at, f.created_by, u.display_name AS created_by_name, f.created_at
  FROM fund_arrival f LEFT JOIN app_user v ON v.id = f.verified_by LEFT JOIN app_user u ON u.id = f.created_by`;

export interface FundArrivalRow {
  id: string;
  project_id: string;
  month: string;
  amount: string;
  evidence_note: string | null;
  verified: boolean;
  verified_by: string | null;
  verified_by_name: string | null;
  verified_at: Date | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export function toFundArrivalView(r: FundArrivalRow): FundArrivalView {
  return {
    id: r.id,
    projectId: r.project_id,
    month: r.month,
    amount: r.amount,
    evidenceNote: r.evidence_note,
    verified: r.verified,
    verifiedBy: r.verified_by ? { id: r.verified_by, displayName: r.verified_by_name ?? '' } : null,
    verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  };
}
