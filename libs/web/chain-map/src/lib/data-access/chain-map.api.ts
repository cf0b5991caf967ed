import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChainMapInput, ChainMapSummary, ChainMapView, EnterpriseView } from '@crm/domain';
import { API_BASE_URL, fileNameOf, withJsonBody, type DownloadedFile } from '@crm/web/core';
import { Observable, catchError, map } from 'rxjs';

/** GET/PUT /api/chain-maps: the chains' maps, drafting, the target list export. */
@Injectable({ providedIn: 'root' })
export class ChainMapApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(year: number): Observable<ChainMapSummary[]> {
    return this.http.get<ChainMapSummary[]>(`${this.base}/chain-maps`, { params: { year } });
  }

  map(code: string, year: number): Observable<ChainMapView> {
    return this.http.get<ChainMapView>(`${this.base}/chain-maps/${code}/${year}`);
  }

  save(code: string, year: number, input: ChainMapInput): Observable<ChainMapView> {
    return this.http.put<ChainMapView>(`${this.base}/chain-maps/${code}/${year}`, input);
  }

  draft(code: string, year: number): Observable<ChainMapView> {
    return this.http.post<ChainMapView>(`${this.base}/chain-maps/${code}/${year}/draft`, {});
  }

  /** Firms of the library, for a link's local firms. */
  searchFirms(q: string): Observable<EnterpriseView[]> {
    return this.http
      .get<{ items: EnterpriseView[] }>(`${this.base}/enterprises`, { params: { q, limit: 20 } })
      .pipe(map((page) => page.items));
  }

  /** 目标方向清单 (.xlsx) of the year's maps. */
  exportTargets(year: number): Observable<DownloadedFile> {
    return this.http
      .get(`${this.base}/chain-maps/exports/targets`, { params: { year }, responseType: 'blob', observe: 'response' })
      .pipe(
        map((res: HttpResponse<Blob>) => ({ blob: res.body as Blob, fileName: fileNameOf(res.headers, `${year}-chain-map-targets.xlsx`) })),
        catchError(withJsonBody),
      );
  }
}
