import { HttpErrorResponse, type HttpHeaders } from '@angular/common/http';
import { Observable, from, switchMap, throwError } from 'rxjs';

/** A downloaded file: its bytes and the name the API gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * The file name a Content-Disposition header gives: the UTF-8 `filename*` (RFC 5987) the API
 * sends for Chinese names, else the plain `filename`, else `fallback`.
 */
export function fileNameOf(headers: HttpHeaders, fallback: string): string {
  const disposition = headers.get('Content-Disposition');
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** An error answered to a blob request carries its JSON body as a Blob: read it back. */
export function withJsonBody(error: unknown): Observable<never> {
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

/** Hands a downloaded blob to the browser as a file. */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
