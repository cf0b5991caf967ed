import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  GuaranteeAnswerInput,
  GuaranteeDueDateInput,
  GuaranteeQueueView,
  GuaranteeRequestInput,
  GuaranteeRequestView,
  ProjectGuaranteesView,
  UnitView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import type { Observable } from 'rxjs';

/** /api/projects/:id/guarantee-requests and /api/guarantee-requests (要素保障). */
@Injectable({ providedIn: 'root' })
export class GuaranteesApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  ofProject(projectId: string): Observable<ProjectGuaranteesView> {
    return this.http.get<ProjectGuaranteesView>(`${this.base}/projects/${projectId}/guarantee-requests`);
  }

  send(projectId: string, input: GuaranteeRequestInput): Observable<GuaranteeRequestView> {
    return this.http.post<GuaranteeRequestView>(`${this.base}/projects/${projectId}/guarantee-requests`, input);
  }

  changeDueDate(projectId: string, id: string, input: GuaranteeDueDateInput): Observable<GuaranteeRequestView> {
    return this.http.patch<GuaranteeRequestView>(`${this.base}/projects/${projectId}/guarantee-requests/${id}`, input);
  }

  queue(filter: 'open' | 'all'): Observable<GuaranteeQueueView> {
    return this.http.get<GuaranteeQueueView>(`${this.base}/guarantee-requests/queue`, { params: { filter } });
  }

  answer(id: string, input: GuaranteeAnswerInput): Observable<GuaranteeRequestView> {
    return this.http.post<GuaranteeRequestView>(`${this.base}/guarantee-requests/${id}/answers`, input);
  }

  /** The units of the reference data: the bureaus a need is sent to. */
  units(): Observable<UnitView[]> {
    return this.http.get<UnitView[]>(`${this.base}/units`);
  }
}
