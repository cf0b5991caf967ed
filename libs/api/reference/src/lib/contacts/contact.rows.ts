import { maskMobile, type ContactView, type UserRef } from '@crm/domain';

/**
 * The one rule of who sees a contact (个人信息保护法), as SQL over enterprise_contact `c`, with the
 * reader in three parameters: office and admin see all; anyone else the contacts of firms their
 * chains work with (a project of the firm whose chain or related chain they may read), those they
 * entered, and those they are named as knowing.
 */
export function contactVisibleSql(c: string, reader: ReaderParams): string {
  return `(${reader.all}::boolean
    OR ${c}.created_by = ${reader.user}::uuid
    OR EXISTS (SELECT 1 FROM enterprise_contact_staff ks WHERE ks.contact_id = ${c}.id AND ks.user_id = ${reader.user}::uuid)
    OR EXISTS (SELECT 1 FROM project vp WHERE vp.enterprise_id = ${c}.enterprise_id
               AND (vp.chain_id = ANY (${reader.chains}::smallint[]) OR vp.related_chain_ids && ${reader.chains}::smallint[])))`;
}

/** A project `p` the reader may read (its chain or a related chain). */
export function projectReadableSql(p: string, reader: ReaderParams): string {
  return `(${reader.all}::boolean OR ${p}.chain_id = ANY (${reader.chains}::smallint[]) OR ${p}.related_chain_ids && ${reader.chains}::smallint[])`;
}

/** Where the reader's parameters sit in a query. */
export interface ReaderParams {
  all: string;
  chains: string;
  user: string;
}

/** The reader as $1, $2, $3 (every contact query starts with them). */
export const READER: ReaderParams = { all: '$1', chains: '$2', user: '$3' };

export function readerParams(user: { allChains: boolean; chainIds: number[]; id: string }): unknown[] {
  return [user.allChains, user.chainIds, user.id];
}

export const CONTACT_SELECT = `
  SELECT c.id, c.enterprise_id, e.name AS enterprise_name, c.name, c.title, c.mobile, c.landline, c.wechat, c.email,
         c.notes, c.anonymised_at, c.version, c.created_at, c.updated_at,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name, u.id)
                   FROM enterprise_contact_staff s JOIN app_user u ON u.id = s.user_id WHERE s.contact_id = c.id), '[]') AS known_by,
         ARRAY(SELECT pc.project_id FROM project_contact pc JOIN project p ON p.id = pc.project_id
               WHERE pc.contact_id = c.id AND ${projectReadableSql('p', READER)} ORDER BY pc.project_id) AS project_ids
  FROM enterprise_contact c JOIN enterprise e ON e.id = c.enterprise_id`;

export interface ContactRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  name: string;
  title: string | null;
  mobile: string | null;
  landline: string | null;
  wechat: string | null;
  email: string | null;
  notes: string | null;
  anonymised_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  known_by: UserRef[];
  project_ids: string[];
}

/** The row as every list and form shows it: the mobile masked. */
export function toContactView(r: ContactRow): ContactView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    name: r.name,
    title: r.title,
    mobileMasked: maskMobile(r.mobile),
    landline: r.landline,
    wechat: r.wechat,
    email: r.email,
    notes: r.notes,
    knownBy: r.known_by,
    projectIds: r.project_ids,
    anonymised: r.anonymised_at !== null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const PERSONAL = ['name', 'title', 'mobile', 'landline', 'wechat', 'email', 'notes'] as const;

/**
 * What the audit keeps of a contact: the firm, the staff and projects by id, and which personal
 * fields were filled — never their values, so a person anonymised on request leaves no copy behind.
 */
export function contactAuditSnapshot(r: ContactRow): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {
    enterpriseId: r.enterprise_id,
    knownByUserIds: r.known_by.map((u) => u.id),
    projectIds: r.project_ids,
  };
  for (const field of PERSONAL) snapshot[field] = r[field] === null ? null : `#${fingerprint(r[field] as string)}`;
  return snapshot;
}

/** A short, non-reversible marker that tells "changed" from "unchanged" in the audit. */
function fingerprint(value: string): string {
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).slice(0, 4);
}
