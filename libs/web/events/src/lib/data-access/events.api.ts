import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EnterpriseView,
  GlobalSearchResult,
  PromotionEventInput,
  PromotionEventKind,
  PromotionEventSummary,
  PromotionEventView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable, map } from 'rxjs';

/** GET/POST/PUT /api/events (招商活动) and GET /api/search (the shell's search box). */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  list(year: number, kind: PromotionEventKind | null = null): Observable<PromotionEventSummary[]> {
    return this.http.get<PromotionEventSummary[]>(`${this.base}/events`, { params: kind ? { year, kind } : { year } });
  }

  event(id: string): Observable<PromotionEventView> {
    return this.http.get<PromotionEventView>(`${this.base}/events/${id}`);
  }

  create(input: PromotionEventInput): Observable<PromotionEventView> {
    return this.http.post<PromotionEventView>(`${this.base}/events`, input);
  }

  update(id: string, input: PromotionEventInput): Observable<PromotionEventView> {
    return this.http.put<PromotionEventView>(`${this.base}/events/${id}`, input);
  }

  search(q: string): Observable<GlobalSearchResult> {
    return this.http.get<GlobalSearchResult>(`${this.base}/search`, { params: { q } });
  }

  /** Firms of the library, for the firms met. */
  searchFirms(q: string): Observable<EnterpriseView[]> {
    return this.http
      .get<{ items: EnterpriseView[] }>(`${this.base}/enterprises`, { params: { q, limit: 20 } })
      .pipe(map((page) => page.items));
  }

  units(): Observable<{ id: number; name: string }[]> {
    return this.http.get<{ id: number; name: string }[]>(`${this.base}/units`);
  }

  people(): Observable<{ id: number; name: string; position?: string }[]> {
    return this.http.get<{ id: number; name: string; position?: string }[]>(`${this.base}/people`);
  }
}
