import { HttpErrorResponse } from '@angular/common/http';

/** 409 `{ current }`: someone else saved first; the record as it is now, when the API sent it. */
export function staleCurrent<T>(error: unknown): T | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const body = error.error as { current?: T } | null;
  return body?.current ?? null;
}
