import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnnualPlanInput,
  AnnualPlanSummary,
  AnnualPlanView,
  ChainCode,
  ChainRoleEndInput,
  ChainRoleInput,
  ChainRoleView,
  ChainView,
  FundsBaselineInput,
  FundsBaselineView,
  PersonPostInput,
  PersonPostView,
  PersonView,
  PlanChainTargetInput,
  PlanDifference,
  PlanImportPreview,
  PlanKeyTaskInput,
  SectorGrowthInput,
  UnitMergeInput,
  UnitRenameInput,
  UnitView,
} from '@crm/domain';
import { API_BASE_URL, fileNameOf, withJsonBody, type DownloadedFile } from '@crm/web/core';
import { Observable, catchError, map, shareReplay } from 'rxjs';

/** A unit after a rename: its name now and the names it had before. */
export interface RenamedUnit {
  id: number;
  name: string;
  formerNames: { name: string; validTo: string }[];
}

/** A unit after a merge: what passed to the unit it merged into, and from when. */
export interface MergedUnit {
  id: number;
  name: string;
  mergedInto: { id: number; name: string };
  on: string;
  rolesPassed: number;
  usersMoved: number;
}

/**
 * 年度工作方案 (libs/api/plan): the years' plans, their targets and key tasks, 往年实绩, and the
 * chains' dated roles. The office changes them; every other role reads.
 */
@Injectable({ providedIn: 'root' })
export class PlanApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private readonly chains$ = this.http
    .get<ChainView[]>(`${this.baseUrl}/chains`)
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));

  private planUrl(year: number): string {
    return `${this.baseUrl}/plans/${year}`;
  }

  /** Every year with a plan, newest first. */
  listPlans(): Observable<AnnualPlanSummary[]> {
    return this.http.get<AnnualPlanSummary[]>(`${this.baseUrl}/plans`);
  }

  /** 404 when the year has no plan. */
  getPlan(year: number): Observable<AnnualPlanView> {
    return this.http.get<AnnualPlanView>(this.planUrl(year));
  }

  /** Drafts the year from fromYear's plan, or a blank one without it; 409 when it exists. */
  draft(year: number, fromYear: number | null): Observable<AnnualPlanView> {
    return this.http.post<AnnualPlanView>(`${this.planUrl(year)}/draft`, fromYear === null ? {} : { fromYear });
  }

  /** The city totals; 409 when someone changed the plan since it was read. */
  updateHead(year: number, input: AnnualPlanInput): Observable<AnnualPlanView> {
    return this.http.put<AnnualPlanView>(this.planUrl(year), input);
  }

  putTarget(year: number, chain: ChainCode, input: PlanChainTargetInput): Observable<AnnualPlanView> {
    return this.http.put<AnnualPlanView>(`${this.planUrl(year)}/targets/${encodeURIComponent(chain)}`, input);
  }

  putSectorGrowth(year: number, input: SectorGrowthInput): Observable<AnnualPlanView> {
    return this.http.put<AnnualPlanView>(`${this.planUrl(year)}/sector-growth`, input);
  }

  createKeyTask(year: number, input: PlanKeyTaskInput): Observable<AnnualPlanView> {
    return this.http.post<AnnualPlanView>(`${this.planUrl(year)}/key-tasks`, input);
  }

  updateKeyTask(year: number, id: number, input: PlanKeyTaskInput): Observable<AnnualPlanView> {
    return this.http.put<AnnualPlanView>(`${this.planUrl(year)}/key-tasks/${id}`, input);
  }

  /** A published plan needs the reason. */
  deleteKeyTask(year: number, id: number, reason: string | null): Observable<AnnualPlanView> {
    const params = reason ? new HttpParams().set('reason', reason) : undefined;
    return this.http.delete<AnnualPlanView>(`${this.planUrl(year)}/key-tasks/${id}`, { params });
  }

  /** What changed against another year's plan (the year before when `against` is null). */
  diff(year: number, against: number | null): Observable<PlanDifference[]> {
    const params = against === null ? undefined : new HttpParams().set('against', against);
    return this.http.get<PlanDifference[]>(`${this.planUrl(year)}/diff`, { params });
  }

  /** 422 with the list of what is still missing when the plan is not complete. */
  publish(year: number, version: number): Observable<AnnualPlanView> {
    return this.http.post<AnnualPlanView>(`${this.planUrl(year)}/publish`, { version });
  }

  /** The year's plan as an .xlsx workbook (the name from Content-Disposition). */
  workbook(year: number): Observable<DownloadedFile> {
    return this.http.get(`${this.planUrl(year)}/workbook`, { observe: 'response', responseType: 'blob' }).pipe(
      map((res: HttpResponse<Blob>) => ({ blob: res.body ?? new Blob(), fileName: fileNameOf(res.headers, `plan-${year}.xlsx`) })),
      catchError(withJsonBody),
    );
  }

  /** Uploads a workbook for the year: the stored preview (differences, or the sheets' problems). */
  uploadWorkbook(year: number, file: File): Observable<PlanImportPreview> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<PlanImportPreview>(`${this.planUrl(year)}/imports`, form);
  }

  /**
   * Applies a preview: 422 naming `reason` when the plan is published and none is given, 422 when
   * the workbook had problems, 409 when already committed or the plan changed since the preview.
   */
  commitImport(id: string, reason: string | null): Observable<AnnualPlanView> {
    return this.http.post<AnnualPlanView>(
      `${this.baseUrl}/plans/imports/${encodeURIComponent(id)}/commit`,
      reason ? { reason } : {},
    );
  }

  baselines(year: number): Observable<FundsBaselineView[]> {
    return this.http.get<FundsBaselineView[]>(`${this.baseUrl}/plans/baselines`, {
      params: new HttpParams().set('year', year),
    });
  }

  putBaseline(input: FundsBaselineInput): Observable<FundsBaselineView> {
    return this.http.put<FundsBaselineView>(`${this.baseUrl}/plans/baselines`, input);
  }

  /** All dated roles of a chain, or those held on a day (YYYY-MM-DD). */
  roles(chain: ChainCode, on: string | null): Observable<ChainRoleView[]> {
    let params = new HttpParams().set('chain', chain);
    if (on) params = params.set('on', on);
    return this.http.get<ChainRoleView[]>(`${this.baseUrl}/plans/roles`, { params });
  }

  /** 422 when the post is held by someone else over overlapping dates. */
  addRole(input: ChainRoleInput): Observable<ChainRoleView> {
    return this.http.post<ChainRoleView>(`${this.baseUrl}/plans/roles`, input);
  }

  /** Leaders' and units' roles are numbered apart: the kind names which. */
  endRole(role: Pick<ChainRoleView, 'kind' | 'id'>, input: ChainRoleEndInput): Observable<ChainRoleView> {
    return this.http.patch<ChainRoleView>(`${this.baseUrl}/plans/roles/${role.kind}/${role.id}`, input);
  }

  renameUnit(id: number, input: UnitRenameInput): Observable<RenamedUnit> {
    return this.http.post<RenamedUnit>(`${this.baseUrl}/plans/units/${id}/rename`, input);
  }

  /** Every post the person held, the current one last (its validTo null). */
  personPosts(personId: number): Observable<PersonPostView[]> {
    return this.http.get<PersonPostView[]>(`${this.baseUrl}/plans/people/${personId}/posts`);
  }

  /** The person's new post from a day: the history after it; 422 naming position or from. */
  changePost(personId: number, input: PersonPostInput): Observable<PersonPostView[]> {
    return this.http.post<PersonPostView[]>(`${this.baseUrl}/plans/people/${personId}/posts`, input);
  }

  /** 422 naming intoUnitId or on when the merge cannot be made. */
  mergeUnit(id: number, input: UnitMergeInput): Observable<MergedUnit> {
    return this.http.post<MergedUnit>(`${this.baseUrl}/plans/units/${id}/merge`, input);
  }

  /** The seven chains in the plan's order (asked once per visit). */
  chains(): Observable<ChainView[]> {
    return this.chains$;
  }

  /** Units by their current names (asked each time: a rename changes them). */
  units(): Observable<UnitView[]> {
    return this.http.get<UnitView[]>(`${this.baseUrl}/units`);
  }

  people(): Observable<PersonView[]> {
    return this.http.get<PersonView[]>(`${this.baseUrl}/people`);
  }
}
