import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  RollUpBuildInput,
  RollUpExportFormat,
  RollUpExportView,
  RollUpPublicationSummary,
  RollUpPublicationView,
  RollUpView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** 月度汇总报告 (libs/api/reporting): the roll-up, its narrative and its exports. */
@Injectable({ providedIn: 'root' })
export class RollUpApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private url(period: string): string {
    return `${this.baseUrl}/roll-ups/${encodeURIComponent(period)}`;
  }

  /** GET /api/roll-ups/:period — 404 until it is first built. */
  get(period: string): Observable<RollUpView> {
    return this.http.get<RollUpView>(this.url(period));
  }

  /** Builds or rebuilds it now (office); an edited narrative is kept unless asked otherwise. */
  build(period: string, input: RollUpBuildInput = {}): Observable<RollUpView> {
    return this.http.post<RollUpView>(`${this.url(period)}/build`, input);
  }

  /** PUT with the version read; 409 when someone saved first. */
  saveNarrative(period: string, narrative: string, version: number): Observable<RollUpView> {
    return this.http.put<RollUpView>(`${this.url(period)}/narrative`, { narrative, version });
  }

  /** Asks the worker for a Word or Excel file (202, queued). */
  requestExport(period: string, format: RollUpExportFormat): Observable<RollUpExportView> {
    return this.http.post<RollUpExportView>(`${this.url(period)}/exports`, { format });
  }

  /** 发布 (office): publishes the roll-up as read (its version) as the month's bulletin. */
  publish(period: string, version: number): Observable<RollUpPublicationView> {
    return this.http.post<RollUpPublicationView>(`${this.baseUrl}/roll-up-publications`, { period, version });
  }

  /** 月通报: the published bulletins, newest first (everyone signed in). */
  publications(): Observable<RollUpPublicationSummary[]> {
    return this.http.get<RollUpPublicationSummary[]>(`${this.baseUrl}/roll-up-publications`);
  }

  /** One published bulletin, as published. */
  publication(id: string): Observable<RollUpPublicationView> {
    return this.http.get<RollUpPublicationView>(
      `${this.baseUrl}/roll-up-publications/${encodeURIComponent(id)}`,
    );
  }

  /** The export job as it stands. */
  exportJob(id: string): Observable<RollUpExportView> {
    return this.http.get<RollUpExportView>(
      `${this.baseUrl}/roll-ups/exports/${encodeURIComponent(id)}`,
    );
  }
}
