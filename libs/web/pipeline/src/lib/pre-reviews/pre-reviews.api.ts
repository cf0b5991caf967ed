import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EvaluationView,
  PreReviewAnswerInput,
  PreReviewOverrideInput,
  PreReviewRequestInput,
  PreReviewRequestView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** 各部门预审 (libs/api/pipeline pre-reviews): asking units from an evaluation, and a unit's queue. */
@Injectable({ providedIn: 'root' })
export class PreReviewsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private evaluation(projectId: string, evaluationId: string): string {
    return `${this.baseUrl}/projects/${encodeURIComponent(projectId)}/evaluations/${encodeURIComponent(evaluationId)}`;
  }

  /** POST …/evaluations/:evaluationId/pre-reviews: ask a unit for its opinion. */
  ask(projectId: string, evaluationId: string, input: PreReviewRequestInput): Observable<PreReviewRequestView> {
    return this.http.post<PreReviewRequestView>(`${this.evaluation(projectId, evaluationId)}/pre-reviews`, input);
  }

  /** POST …/pre-reviews/:requestId/withdrawal */
  withdraw(projectId: string, evaluationId: string, requestId: string): Observable<PreReviewRequestView> {
    return this.http.post<PreReviewRequestView>(
      `${this.evaluation(projectId, evaluationId)}/pre-reviews/${encodeURIComponent(requestId)}/withdrawal`,
      {},
    );
  }

  /** POST …/pre-review-override (office): conclude without the missing opinions, for a reason. */
  override(projectId: string, evaluationId: string, input: PreReviewOverrideInput): Observable<EvaluationView> {
    return this.http.post<EvaluationView>(`${this.evaluation(projectId, evaluationId)}/pre-review-override`, input);
  }

  /** GET /api/pre-reviews: the requests addressed to the user's unit. */
  queue(filter: 'open' | 'all'): Observable<PreReviewRequestView[]> {
    return this.http.get<PreReviewRequestView[]>(`${this.baseUrl}/pre-reviews`, { params: { filter } });
  }

  /** POST /api/pre-reviews/:id/answer */
  answer(requestId: string, input: PreReviewAnswerInput): Observable<PreReviewRequestView> {
    return this.http.post<PreReviewRequestView>(
      `${this.baseUrl}/pre-reviews/${encodeURIComponent(requestId)}/answer`,
      input,
    );
  }
}
