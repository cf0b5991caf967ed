import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ContactInput,
  ContactRevealView,
  ContactView,
  CourtingConflictView,
  CourtingDecisionInput,
  EnterpriseMergeView,
  EnterpriseOverview,
  EnterpriseView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import type { Observable } from 'rxjs';

/** 联系人, 企业全景, merges and 撞车提醒 (issue 20 §1–3). */
@Injectable({ providedIn: 'root' })
export class InvestorsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  overview(id: string): Observable<EnterpriseOverview> {
    return this.http.get<EnterpriseOverview>(`${this.base}/enterprises/${id}/overview`);
  }

  searchEnterprises(q: string, limit = 50, offset = 0): Observable<{ items: EnterpriseView[]; total: number }> {
    return this.http.get<{ items: EnterpriseView[]; total: number }>(`${this.base}/enterprises`, {
      params: { q, limit, offset },
    });
  }

  setParent(id: string, parentEnterpriseId: string | null, version: number): Observable<EnterpriseView> {
    return this.http.patch<EnterpriseView>(`${this.base}/enterprises/${id}`, { parentEnterpriseId, version });
  }

  merge(id: string, into: string): Observable<EnterpriseMergeView> {
    return this.http.post<EnterpriseMergeView>(`${this.base}/enterprises/${id}/merge`, { into });
  }

  undoMerge(id: string, mergeId: string): Observable<EnterpriseMergeView> {
    return this.http.post<EnterpriseMergeView>(`${this.base}/enterprises/${id}/merges/${mergeId}/undo`, {});
  }

  contacts(query: { enterpriseId?: string; projectId?: string }): Observable<{ items: ContactView[]; total: number }> {
    return this.http.get<{ items: ContactView[]; total: number }>(`${this.base}/contacts`, {
      params: { ...query, limit: 200 },
    });
  }

  createContact(input: ContactInput): Observable<ContactView> {
    return this.http.post<ContactView>(`${this.base}/contacts`, input);
  }

  updateContact(id: string, input: Partial<ContactInput> & { version: number }): Observable<ContactView> {
    return this.http.patch<ContactView>(`${this.base}/contacts/${id}`, input);
  }

  /** The full number; the API audits every showing. */
  revealMobile(id: string): Observable<ContactRevealView> {
    return this.http.post<ContactRevealView>(`${this.base}/contacts/${id}/reveal`, {});
  }

  anonymise(id: string, reason: string, version: number): Observable<ContactView> {
    return this.http.post<ContactView>(`${this.base}/contacts/${id}/anonymise`, { reason, version });
  }

  /** The .xlsx link (the browser downloads it with the session cookie; the API audits it). */
  contactsExportUrl(enterpriseId: string): string {
    return `${this.base}/contacts/export?enterpriseId=${encodeURIComponent(enterpriseId)}`;
  }

  courtingConflicts(open = true): Observable<{ items: CourtingConflictView[]; total: number }> {
    return this.http.get<{ items: CourtingConflictView[]; total: number }>(`${this.base}/courting-conflicts`, {
      params: { open },
    });
  }

  decideCourting(id: string, input: CourtingDecisionInput): Observable<CourtingConflictView> {
    return this.http.post<CourtingConflictView>(`${this.base}/courting-conflicts/${id}/decision`, input);
  }
}
