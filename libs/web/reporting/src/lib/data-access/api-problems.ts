import { HttpErrorResponse } from '@angular/common/http';
import { httpStatus } from '@crm/web/core';

/** 409 `{ current }`: someone else saved first; the record as it is now, if the API sent it. */
export function staleCurrent<T>(error: unknown): T | null {
  if (httpStatus(error) !== 409 || !(error instanceof HttpErrorResponse)) return null;
  const body = error.error as { current?: T } | null;
  return body?.current ?? null;
}

export function isStale(error: unknown): boolean {
  return httpStatus(error) === 409;
}
