import { HttpErrorResponse } from '@angular/common/http';
import type { OwnerlessChain } from '@crm/domain';

export type { OwnerCandidate, OwnerlessChain } from '@crm/domain';

/** Chain code → user id: the default owner of that chain's new projects, sent with the commit. */
export type DefaultOwners = Record<string, string>;

function isOwnerlessChain(value: unknown): value is OwnerlessChain {
  if (!value || typeof value !== 'object') return false;
  const c = value as Partial<OwnerlessChain>;
  return (
    typeof c.chain === 'string' &&
    typeof c.name === 'string' &&
    Array.isArray(c.rows) &&
    Array.isArray(c.candidates) &&
    c.candidates.every((p) => p && typeof p.id === 'string' && typeof p.displayName === 'string')
  );
}

/** The chains a refused commit (422) names as having new projects without an owner; null otherwise. */
export function ownerlessOf(error: unknown): OwnerlessChain[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 422) return null;
  const list = (error.error as { ownerless?: unknown } | null)?.ownerless;
  if (!Array.isArray(list) || !list.length || !list.every(isOwnerlessChain)) return null;
  return list;
}

/** The Excel rows as a short list: 2、3、5 (at most `max`, then the count). */
export function rowList(rows: number[], separator: string, max = 10): { text: string; more: number } {
  return { text: rows.slice(0, max).join(separator), more: Math.max(0, rows.length - max) };
}
