import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditFilterOptions, AuditLogEntryView, AuditProjectOption } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** GET /api/audit's query; every field optional, as the API takes it. */
export interface AuditQuery {
  projectId?: string;
  /** Who made the change. */
  userId?: string;
  /** Changes made by the users of this unit. */
  unitId?: number;
  entityType?: string;
  /** From this day (YYYY-MM-DD, Asia/Shanghai), inclusive. */
  fromDay?: string;
  /** Up to this day (YYYY-MM-DD, Asia/Shanghai), inclusive. */
  toDay?: string;
  /** Next page: entries older than this id. */
  beforeId?: string;
  limit?: number;
}

/** The audit trail, newest first, in words (office and admin). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  find(query: AuditQuery): Observable<AuditLogEntryView[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<AuditLogEntryView[]>(`${this.baseUrl}/audit`, { params });
  }

  /** The people (with their units), units and record types the filters offer. */
  filters(): Observable<AuditFilterOptions> {
    return this.http.get<AuditFilterOptions>(`${this.baseUrl}/audit/filters`);
  }

  /** Projects whose name holds the words (at most 20). */
  projects(q: string): Observable<AuditProjectOption[]> {
    return this.http.get<AuditProjectOption[]>(`${this.baseUrl}/audit/projects`, {
      params: new HttpParams().set('q', q),
    });
  }
}
