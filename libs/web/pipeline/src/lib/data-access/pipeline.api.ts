import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActivityInput,
  ActivityView,
  AgreementView,
  ChainBoardView,
  ChainCode,
  ChainProgressView,
  EvaluationConclusionInput,
  EvaluationInput,
  EvaluationUpdateInput,
  EvaluationView,
  FundArrivalInput,
  FundArrivalView,
  ProjectDetailView,
  ProjectInput,
  ProjectListQuery,
  ProjectPage,
  ProjectStatusInput,
  ProjectUpdateInput,
  ProjectView,
  StageMoveInput,
  SupplementaryAgreementInput,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';
import { toHttpParams } from '../list/project-filters';

/** The pipeline API (libs/api/pipeline): projects, their records, and each chain's board. */
@Injectable({ providedIn: 'root' })
export class PipelineApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private project(id: string): string {
    return `${this.baseUrl}/projects/${encodeURIComponent(id)}`;
  }

  /** GET /api/projects */
  list(query: ProjectListQuery): Observable<ProjectPage> {
    return this.http.get<ProjectPage>(`${this.baseUrl}/projects`, {
      params: toHttpParams(query),
    });
  }

  /** GET /api/projects/:id — 404 also for a chain the user may not read. */
  detail(id: string): Observable<ProjectDetailView> {
    return this.http.get<ProjectDetailView>(this.project(id));
  }

  create(input: ProjectInput): Observable<ProjectView> {
    return this.http.post<ProjectView>(`${this.baseUrl}/projects`, input);
  }

  /** PATCH with the loaded version; 409 StaleVersionBody when someone saved first. */
  update(id: string, input: ProjectUpdateInput): Observable<ProjectView> {
    return this.http.patch<ProjectView>(this.project(id), input);
  }

  changeStatus(id: string, input: ProjectStatusInput): Observable<ProjectView> {
    return this.http.post<ProjectView>(`${this.project(id)}/status`, input);
  }

  /** Through the stage gate; 422 RuleRefusalBody names what is missing. */
  move(id: string, input: StageMoveInput): Observable<ProjectView> {
    return this.http.post<ProjectView>(`${this.project(id)}/stage-moves`, input);
  }

  logActivity(id: string, input: ActivityInput): Observable<ActivityView> {
    return this.http.post<ActivityView>(`${this.project(id)}/activities`, input);
  }

  openEvaluation(id: string, input: EvaluationInput = {}): Observable<EvaluationView> {
    return this.http.post<EvaluationView>(`${this.project(id)}/evaluations`, input);
  }

  updateEvaluation(
    id: string,
    evaluationId: string,
    input: EvaluationUpdateInput,
  ): Observable<EvaluationView> {
    return this.http.patch<EvaluationView>(
      `${this.project(id)}/evaluations/${encodeURIComponent(evaluationId)}`,
      input,
    );
  }

  concludeEvaluation(
    id: string,
    evaluationId: string,
    input: EvaluationConclusionInput,
  ): Observable<EvaluationView> {
    return this.http.post<EvaluationView>(
      `${this.project(id)}/evaluations/${encodeURIComponent(evaluationId)}/conclusion`,
      input,
    );
  }

  addAgreement(id: string, input: SupplementaryAgreementInput): Observable<AgreementView> {
    return this.http.post<AgreementView>(`${this.project(id)}/agreements`, input);
  }

  addFundArrival(id: string, input: FundArrivalInput): Observable<FundArrivalView> {
    return this.http.post<FundArrivalView>(`${this.project(id)}/fund-arrivals`, input);
  }

  deleteFundArrival(id: string, entryId: string): Observable<void> {
    return this.http.delete<void>(
      `${this.project(id)}/fund-arrivals/${encodeURIComponent(entryId)}`,
    );
  }

  verifyFundArrival(id: string, entryId: string, verified: boolean): Observable<FundArrivalView> {
    return this.http.patch<FundArrivalView>(
      `${this.project(id)}/fund-arrivals/${encodeURIComponent(entryId)}/verification`,
      { verified },
    );
  }

  /** GET /api/chains/:code/board (active and paused projects), `cards` per column. */
  board(code: ChainCode, cards: number): Observable<ChainBoardView> {
    return this.http.get<ChainBoardView>(
      `${this.baseUrl}/chains/${encodeURIComponent(code)}/board`,
      { params: { limit: cards } },
    );
  }

  /** GET /api/chains/:code/progress?year= — always with a year: targets exist per plan year. */
  progress(code: ChainCode, year: number): Observable<ChainProgressView> {
    return this.http.get<ChainProgressView>(
      `${this.baseUrl}/chains/${encodeURIComponent(code)}/progress`,
      { params: { year } },
    );
  }
}
