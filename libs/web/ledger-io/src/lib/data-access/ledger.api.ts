import { HttpClient, HttpErrorResponse, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE_URL, fileNameOf, type DownloadedFile } from '@crm/web/core';
import { Observable, catchError, from, map, switchMap, throwError } from 'rxjs';
import type { DefaultOwners } from './ownerless';
import type { ColumnOverrides, ImportBatchView, ImportKind, ImportPreview } from './ledger.types';

/** The ready exports of GET /api/ledger/exports/… (the 三张清单 and the enterprise library). */
export type LedgerExport = 'key-projects' | 'target-directions' | 'responsibilities' | 'enterprises' | 'projects';

/**
 * An error answered to a blob request carries its JSON body as a Blob: read it back, so the
 * message can be shown like any other.
 */
function withJsonBody(error: unknown): Observable<never> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return throwError(() => error);
  return from(error.error.text()).pipe(
    switchMap((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return throwError(
        () => new HttpErrorResponse({ error: body, status: error.status, statusText: error.statusText, url: error.url ?? undefined }),
      );
    }),
  );
}

/** The ledger import and export API (libs/api/ledger-io). */
@Injectable({ providedIn: 'root' })
export class LedgerApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** POST /api/ledger/imports/:kind — 201 with the preview, 202 when the worker reads the file. */
  upload(kind: ImportKind, file: File, columns?: ColumnOverrides): Observable<ImportPreview> {
    const form = new FormData();
    form.append('file', file, file.name);
    if (columns && Object.keys(columns).length) form.append('columns', JSON.stringify(columns));
    return this.http.post<ImportPreview>(`${this.baseUrl}/ledger/imports/${kind}`, form);
  }

  /** GET /api/ledger/imports/:id; `limit: 0` for the batch alone (polling). */
  find(id: string, options: { errors?: boolean; offset?: number; limit?: number } = {}): Observable<ImportPreview> {
    let params = new HttpParams();
    if (options.errors) params = params.set('errors', 'true');
    if (options.offset) params = params.set('offset', options.offset);
    if (options.limit !== undefined) params = params.set('limit', options.limit);
    return this.http.get<ImportPreview>(`${this.baseUrl}/ledger/imports/${encodeURIComponent(id)}`, { params });
  }

  /**
   * POST …/commit — the committed batch, or (large batches) `committing` with the worker's progress.
   * `defaultOwners` (chain code → user id) owns the new projects whose row names no 项目负责人; a 422
   * with `ownerless` names the chains still without one (see ownerlessOf).
   */
  commit(id: string, defaultOwners?: DefaultOwners): Observable<ImportBatchView> {
    const body = defaultOwners && Object.keys(defaultOwners).length ? { defaultOwners } : {};
    return this.http.post<ImportBatchView>(`${this.baseUrl}/ledger/imports/${encodeURIComponent(id)}/commit`, body);
  }

  templateUrl(kind: ImportKind): string {
    return `${this.baseUrl}/ledger/templates/${kind}`;
  }

  exportUrl(which: LedgerExport): string {
    return `${this.baseUrl}/ledger/exports/${which}`;
  }

  /** Downloads a GET route as a file (the session cookie goes along; the name from Content-Disposition). */
  download(url: string, params: HttpParams = new HttpParams(), fallback = 'export.xlsx'): Observable<DownloadedFile> {
    return this.http.get(url, { params, observe: 'response', responseType: 'blob' }).pipe(
      map((res: HttpResponse<Blob>) => ({ blob: res.body ?? new Blob(), fileName: fileNameOf(res.headers, fallback) })),
      catchError(withJsonBody),
    );
  }
}
