import { HttpClient, HttpEventType, HttpParams, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionItemSummaryView,
  ChainCode,
  MeetingPackView,
  MeetingScheduleInput,
  MeetingScheduleRow,
  MeetingScheduleView,
  WeeklyDigestView,
} from '@crm/domain';
import { API_BASE_URL, fileNameOf, withJsonBody } from '@crm/web/core';
import { Observable, catchError, filter, map } from 'rxjs';

/** What a page knows about data it asked the API for. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** A download under way (percent null while the size is unknown), or the file it brought. */
export type DownloadProgress =
  | { done: false; percent: number | null }
  | { done: true; blob: Blob; fileName: string };

/**
 * 会议材料, 月调度会日程, 督办 and 周跟踪 (libs/api/meetings). The meetings and their action items
 * themselves are in meetings.api.ts.
 */
@Injectable({ providedIn: 'root' })
export class MeetingPackApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/meetings/:id/pack — 403 for a meeting of chains the user may not read, 404 unknown. */
  pack(meetingId: string): Observable<MeetingPackView> {
    return this.http.get<MeetingPackView>(
      `${this.baseUrl}/meetings/${encodeURIComponent(meetingId)}/pack`,
    );
  }

  /**
   * GET /api/meetings/:id/pack.docx as a file, through HttpClient so the session goes along;
   * the name is the server's (Content-Disposition). Emits progress, then the file.
   */
  packDocx(meetingId: string): Observable<DownloadProgress> {
    const fallback = `会议材料-${meetingId}.docx`;
    return this.http
      .get(`${this.baseUrl}/meetings/${encodeURIComponent(meetingId)}/pack.docx`, {
        observe: 'events',
        reportProgress: true,
        responseType: 'blob',
      })
      .pipe(
        filter(
          (event: HttpEvent<Blob>) =>
            event.type === HttpEventType.DownloadProgress || event.type === HttpEventType.Response,
        ),
        map((event): DownloadProgress => {
          if (event.type === HttpEventType.Response) {
            return {
              done: true,
              blob: event.body ?? new Blob(),
              fileName: fileNameOf(event.headers, fallback),
            };
          }
          const progress = event as { loaded: number; total?: number };
          return {
            done: false,
            percent: progress.total ? Math.round((progress.loaded / progress.total) * 100) : null,
          };
        }),
        catchError(withJsonBody),
      );
  }

  /** GET /api/meeting-schedule?year=&month= (both null: this month, Shanghai). */
  schedule(year: number | null, month: number | null): Observable<MeetingScheduleView> {
    let params = new HttpParams();
    if (year !== null && month !== null) params = params.set('year', year).set('month', month);
    return this.http.get<MeetingScheduleView>(`${this.baseUrl}/meeting-schedule`, { params });
  }

  /** PUT /api/meeting-schedule/:chain (office); dayOfMonth null clears the chain's schedule. */
  saveSchedule(chain: ChainCode, input: MeetingScheduleInput): Observable<MeetingScheduleRow | null> {
    return this.http.put<MeetingScheduleRow | null>(
      `${this.baseUrl}/meeting-schedule/${encodeURIComponent(chain)}`,
      input,
    );
  }

  /** GET /api/action-items/summary?by=chain|unit&asOf=YYYY-MM-DD (asOf null: today, Shanghai). */
  summary(by: 'chain' | 'unit', asOf: string | null): Observable<ActionItemSummaryView> {
    let params = new HttpParams().set('by', by);
    if (asOf) params = params.set('asOf', asOf);
    return this.http.get<ActionItemSummaryView>(`${this.baseUrl}/action-items/summary`, { params });
  }

  /** GET /api/digests/weekly?week=YYYY-MM-DD (a Monday; null: the latest). */
  digest(week: string | null): Observable<WeeklyDigestView> {
    const params = week ? new HttpParams().set('week', week) : undefined;
    return this.http.get<WeeklyDigestView>(`${this.baseUrl}/digests/weekly`, { params });
  }
}
