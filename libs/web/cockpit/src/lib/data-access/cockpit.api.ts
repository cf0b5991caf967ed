import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AlertListView,
  AlertSettingsInput,
  AlertSettingsView,
  ChainCockpitView,
  ChainCode,
  CockpitView,
  InstructionView,
  ProjectPage,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import type { Observable } from 'rxjs';

/** The month a cockpit page shows; null lets the API choose the current month in Shanghai. */
export interface CockpitMonth {
  year: number | null;
  month: number | null;
}

function monthParams(at: CockpitMonth): HttpParams {
  let params = new HttpParams();
  if (at.year !== null) params = params.set('year', at.year);
  if (at.month !== null) params = params.set('month', at.month);
  return params;
}

/** The cockpit API (libs/api/cockpit): city view, chain leader page, alerts and their Ns, 批示. */
@Injectable({ providedIn: 'root' })
export class CockpitApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/cockpit?year=&month= — a leader gets only their chains. */
  city(at: CockpitMonth): Observable<CockpitView> {
    return this.http.get<CockpitView>(`${this.baseUrl}/cockpit`, {
      params: monthParams(at),
    });
  }

  /** GET /api/cockpit/chains/:code?year=&month= — 403 for a chain the user does not lead. */
  chain(code: string, at: CockpitMonth): Observable<ChainCockpitView> {
    return this.http.get<ChainCockpitView>(
      `${this.baseUrl}/cockpit/chains/${encodeURIComponent(code)}`,
      { params: monthParams(at) },
    );
  }

  /** GET /api/cockpit/alerts?chain= */
  alerts(chain: ChainCode | null = null): Observable<AlertListView> {
    const params = chain ? new HttpParams().set('chain', chain) : undefined;
    return this.http.get<AlertListView>(`${this.baseUrl}/cockpit/alerts`, {
      params,
    });
  }

  /** GET /api/settings/alerts */
  alertSettings(): Observable<AlertSettingsView> {
    return this.http.get<AlertSettingsView>(`${this.baseUrl}/settings/alerts`);
  }

  /** PUT /api/settings/alerts (office) */
  saveAlertSettings(input: AlertSettingsInput): Observable<AlertSettingsView> {
    return this.http.put<AlertSettingsView>(
      `${this.baseUrl}/settings/alerts`,
      input,
    );
  }

  /** POST /api/projects/:id/instructions — notifies the project's owner. */
  instruct(projectId: string, text: string): Observable<InstructionView> {
    return this.http.post<InstructionView>(
      `${this.baseUrl}/projects/${encodeURIComponent(projectId)}/instructions`,
      { text },
    );
  }

  /** GET /api/projects?chain=&q= — projects of the chain to write a 批示 on. */
  searchProjects(chain: ChainCode, q: string): Observable<ProjectPage> {
    let params = new HttpParams()
      .set('chain', chain)
      .set('status', 'active,paused')
      .set('limit', 20);
    if (q.trim()) params = params.set('q', q.trim());
    return this.http.get<ProjectPage>(`${this.baseUrl}/projects`, { params });
  }
}
