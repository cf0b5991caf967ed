import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChainMapView, ChainView, EnterpriseView, PromotionEventSummary, UnitView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable, shareReplay } from 'rxjs';

/**
 * The reference data the pipeline pages pick from: chains (names, key tasks, targets), units,
 * enterprises. Chains and units change rarely: asked once per visit.
 */
@Injectable({ providedIn: 'root' })
export class ReferenceApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private readonly chains$ = this.http
    .get<ChainView[]>(`${this.baseUrl}/chains`)
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));
  private readonly units$ = this.http
    .get<UnitView[]>(`${this.baseUrl}/units`)
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));

  chains(): Observable<ChainView[]> {
    return this.chains$;
  }

  units(): Observable<UnitView[]> {
    return this.units$;
  }

  /** GET /api/enterprises?q= — part of the name or the start of the credit code. */
  searchEnterprises(q: string): Observable<{ items: EnterpriseView[]; total: number }> {
    return this.http.get<{ items: EnterpriseView[]; total: number }>(
      `${this.baseUrl}/enterprises`,
      { params: { q, limit: 20 } },
    );
  }

  /** GET /api/chain-maps/:code/:year — a chain's 招商图谱, whose links a project may serve. */
  chainMap(code: string, year: number): Observable<ChainMapView> {
    return this.http.get<ChainMapView>(`${this.baseUrl}/chain-maps/${code}/${year}`);
  }

  /** GET /api/events — the 招商活动 the user may see, latest first, that a project may come from. */
  events(): Observable<PromotionEventSummary[]> {
    return this.http.get<PromotionEventSummary[]>(`${this.baseUrl}/events`);
  }
}
