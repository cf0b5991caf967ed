import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEntryView, UserView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** GET /api/audit's query; every field optional, as the API takes it. */
export interface AuditQuery {
  userId?: string;
  entityType?: string;
  projectId?: string;
  /** From this instant (ISO 8601), inclusive. */
  from?: string;
  /** Before this instant (ISO 8601), exclusive. */
  to?: string;
  /** Next page: entries older than this id. */
  beforeId?: string;
  limit?: number;
}

/** The audit trail, newest first (office and admin). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  find(query: AuditQuery): Observable<AuditEntryView[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<AuditEntryView[]>(`${this.baseUrl}/audit`, {
      params,
    });
  }

  /** Every user, to filter by (admins only: the API refuses the office). */
  users(): Observable<UserView[]> {
    return this.http.get<UserView[]>(`${this.baseUrl}/users`);
  }
}
