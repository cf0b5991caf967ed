import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorText, type I18nService } from '@crm/web/core';
import { LEDGER_MAX_UPLOAD_MB } from './ledger.types';

/** Why an upload was not previewed, as the page shows it. */
export type UploadProblem =
  /** The headers need a mapping: the sheet's header row as the API read it. */
  | { kind: 'mapping'; message: string; headers: string[] }
  /** A bad file (not an xlsx, encrypted, corrupt, empty, too large, merged cells, formulas …). */
  | { kind: 'file'; message: string; code: string | null };

const MAPPING_CODES = ['columns', 'no-header'];

/**
 * The API's answer to an upload, sorted: a header problem (code columns / no-header, with the
 * sheet's headers) opens the mapping step; anything else is the file's problem, in its words.
 */
export function uploadProblem(error: unknown, i18n: I18nService): UploadProblem {
  const message = apiErrorText(error, i18n);
  const body = error instanceof HttpErrorResponse && typeof error.error === 'object' && error.error !== null
    ? (error.error as { code?: unknown; headers?: unknown })
    : {};
  const code = typeof body.code === 'string' ? body.code : null;
  if (code && MAPPING_CODES.includes(code) && Array.isArray(body.headers)) {
    const headers = (body.headers as unknown[]).map((h) => String(h ?? '').trim()).filter(Boolean);
    if (headers.length) return { kind: 'mapping', message, headers };
  }
  return { kind: 'file', message, code };
}

/** Checks made before sending: a file over the limit is not uploaded at all. */
export function localFileProblem(file: File, i18n: I18nService): string | null {
  if (file.size > LEDGER_MAX_UPLOAD_MB * 1024 * 1024) return i18n.t('ledger.upload.tooLarge', { mb: LEDGER_MAX_UPLOAD_MB });
  if (file.size === 0) return i18n.t('ledger.upload.emptyFile');
  return null;
}
