import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ExtendDeadlineInput,
  MonthlyReportDraftInput,
  MonthlyReportView,
  RemindUnitInput,
  RemindUnitResult,
  ReportingPeriodView,
  SubmissionBoardView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** The reporting API (libs/api/reporting): 报告期, 月报, the office's submission board. */
@Injectable({ providedIn: 'root' })
export class ReportingApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private mineUrl(period: string): string {
    return `${this.baseUrl}/monthly-reports/mine/${encodeURIComponent(period)}`;
  }

  private reportUrl(id: string): string {
    return `${this.baseUrl}/monthly-reports/${encodeURIComponent(id)}`;
  }

  private periodUrl(period: string): string {
    return `${this.baseUrl}/reporting-periods/${encodeURIComponent(period)}`;
  }

  /** GET /api/reporting-periods: the periods that exist, newest first. */
  periods(): Observable<ReportingPeriodView[]> {
    return this.http.get<ReportingPeriodView[]>(`${this.baseUrl}/reporting-periods`);
  }

  /** POST …/:period/extensions (office): one unit's later due date, with the reason. */
  extend(period: string, input: ExtendDeadlineInput): Observable<ReportingPeriodView> {
    return this.http.post<ReportingPeriodView>(`${this.periodUrl(period)}/extensions`, input);
  }

  /** POST …/:period/lock (office). */
  lock(period: string, version?: number | null): Observable<ReportingPeriodView> {
    // With the version read: someone else's extension or lock meanwhile answers 409.
    return this.http.post<ReportingPeriodView>(`${this.periodUrl(period)}/lock`, version != null ? { version } : {});
  }

  /** PUT …/:period/cutoff (office): the window's last day within the month; null restores the 25th. */
  setCutoff(period: string, cutoff: string | null, version?: number | null): Observable<ReportingPeriodView> {
    return this.http.put<ReportingPeriodView>(
      `${this.periodUrl(period)}/cutoff`,
      version != null ? { cutoff, version } : { cutoff },
    );
  }

  /** The own unit's report (staff); 422 while the period is not open, 403 without a unit. */
  mine(period: string): Observable<MonthlyReportView> {
    return this.http.get<MonthlyReportView>(this.mineUrl(period));
  }

  /** PUT with the version read; 409 `{ current }` when someone saved first. */
  saveDraft(period: string, input: MonthlyReportDraftInput): Observable<MonthlyReportView> {
    return this.http.put<MonthlyReportView>(this.mineUrl(period), input);
  }

  submit(period: string, version: number): Observable<MonthlyReportView> {
    return this.http.post<MonthlyReportView>(`${this.mineUrl(period)}/submit`, { version });
  }

  /** One unit's report (office, admin). */
  report(id: string): Observable<MonthlyReportView> {
    return this.http.get<MonthlyReportView>(this.reportUrl(id));
  }

  /** 退回修改 with a comment (office). */
  returnReport(id: string, version: number, comment: string): Observable<MonthlyReportView> {
    return this.http.post<MonthlyReportView>(`${this.reportUrl(id)}/return`, { version, comment });
  }

  /** 审核通过 (office). */
  accept(id: string, version: number): Observable<MonthlyReportView> {
    return this.http.post<MonthlyReportView>(`${this.reportUrl(id)}/accept`, { version });
  }

  /** GET /api/monthly-reports/board?from=&to= (office, admin): units × months. */
  board(from: string, to: string): Observable<SubmissionBoardView> {
    return this.http.get<SubmissionBoardView>(`${this.baseUrl}/monthly-reports/board`, {
      params: { from, to },
    });
  }

  /** 一键催报: reminds one unit's staff at once (office). */
  remind(input: RemindUnitInput): Observable<RemindUnitResult> {
    return this.http.post<RemindUnitResult>(`${this.baseUrl}/monthly-reports/reminders`, input);
  }
}
