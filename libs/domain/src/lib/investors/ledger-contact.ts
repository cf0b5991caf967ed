import { maskMobile, MOBILE_PATTERN } from './contact';

/*
 * A ledger row's 联系人 and 联系电话 (issue 20 §6) become a contact of the project's firm, written by
 * the contacts' own writer. The rule of "the same person" lives here once: the import's preview
 * plans with it and the writer applies it again on commit, so a re-import makes no duplicate.
 */

/** A contact of one firm as the rule compares it (`id` null: one the same file creates first). */
export interface LedgerContactCandidate {
  id: string | null;
  name: string;
  mobile: string | null;
  landline: string | null;
  /** The projects the contact is linked to. */
  projectIds: string[];
}

/** What a row says of its contact: the phone split into mobile or landline. */
export interface LedgerContactInput {
  name: string;
  mobile: string | null;
  landline: string | null;
}

/** What a row does to its firm's contact. `notes`: the investor is not in the library, so the line stays on the 备注. */
export type LedgerContactAction = 'create' | 'update' | 'link' | 'unchanged' | 'notes';

/** A row's contact as the preview shows it (ImportRowView.data.contact): the mobile masked. */
export interface ImportContactPlan {
  action: LedgerContactAction;
  name: string;
  /** The contact matched (null: created on commit). */
  contactId: string | null;
  mobileMasked: string | null;
  landline: string | null;
}

/** 联系电话 as written → mobile (11 digits, 1 then 3–9) or landline. */
export function ledgerContactInput(name: string, phone: string | undefined | null): LedgerContactInput {
  const p = phone ? phone.normalize('NFKC').replace(/\s+/g, '') : '';
  if (!p) return { name: name.trim(), mobile: null, landline: null };
  return MOBILE_PATTERN.test(p) ? { name: name.trim(), mobile: p, landline: null } : { name: name.trim(), mobile: null, landline: p };
}

const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/**
 * The firm's contact a row names: the same name, else the same mobile (a mobile is one person's; a
 * landline may be a switchboard, so it identifies no one). Anonymised contacts are not candidates.
 */
export function matchLedgerContact<C extends LedgerContactCandidate>(candidates: readonly C[], input: LedgerContactInput): C | null {
  return (
    candidates.find((c) => sameName(c.name, input.name)) ??
    (input.mobile ? candidates.find((c) => c.mobile === input.mobile) : undefined) ??
    null
  );
}

/** The phone fields a row changes on its matched contact (an empty cell changes nothing). */
export function ledgerContactChanges(contact: LedgerContactCandidate, input: LedgerContactInput): { mobile?: string; landline?: string } {
  const changes: { mobile?: string; landline?: string } = {};
  if (input.mobile && input.mobile !== contact.mobile) changes.mobile = input.mobile;
  if (input.landline && input.landline !== contact.landline) changes.landline = input.landline;
  return changes;
}

/** What the row does: create, update the phone, link the project, or nothing. */
export function ledgerContactAction(
  contact: LedgerContactCandidate | null,
  input: LedgerContactInput,
  projectId: string | null,
): Exclude<LedgerContactAction, 'notes'> {
  if (!contact) return 'create';
  if (Object.keys(ledgerContactChanges(contact, input)).length) return 'update';
  return projectId && contact.projectIds.includes(projectId) ? 'unchanged' : 'link';
}

export function importContactPlan(action: LedgerContactAction, input: LedgerContactInput, contactId: string | null): ImportContactPlan {
  return { action, name: input.name, contactId, mobileMasked: maskMobile(input.mobile), landline: input.landline };
}
