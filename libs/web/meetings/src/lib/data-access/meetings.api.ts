import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionItemInput,
  ActionItemListQuery,
  ActionItemStatusInput,
  ActionItemView,
  ChainCode,
  ChainView,
  MeetingInput,
  MeetingPatch,
  MeetingView,
  ProjectPage,
  UnitView,
  UserView,
} from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable, map, shareReplay } from 'rxjs';

/**
 * 调度会议 and 交办事项 (libs/api/meetings), and the reference data their forms pick from.
 * Chains and units change rarely: asked once per visit.
 */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private readonly chains$ = this.http
    .get<ChainView[]>(`${this.baseUrl}/chains`)
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));
  private readonly units$ = this.http
    .get<UnitView[]>(`${this.baseUrl}/units`)
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));

  private meetingUrl(id: string): string {
    return `${this.baseUrl}/meetings/${encodeURIComponent(id)}`;
  }

  private itemUrl(id: string): string {
    return `${this.baseUrl}/action-items/${encodeURIComponent(id)}`;
  }

  /** GET /api/meetings?chain=: latest first, of the chains the user may read. */
  listMeetings(chain?: ChainCode | null): Observable<MeetingView[]> {
    const params = chain ? new HttpParams().set('chain', chain) : undefined;
    return this.http.get<MeetingView[]>(`${this.baseUrl}/meetings`, { params });
  }

  getMeeting(id: string): Observable<MeetingView> {
    return this.http.get<MeetingView>(this.meetingUrl(id));
  }

  /** Staff of the chain's units or the office. */
  createMeeting(input: MeetingInput): Observable<MeetingView> {
    return this.http.post<MeetingView>(`${this.baseUrl}/meetings`, input);
  }

  updateMeeting(id: string, patch: MeetingPatch): Observable<MeetingView> {
    return this.http.patch<MeetingView>(this.meetingUrl(id), patch);
  }

  /** GET /api/action-items: open ones by default (due date first), only the overdue, or all. */
  listActionItems(query: ActionItemListQuery = {}): Observable<ActionItemView[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<ActionItemView[]>(`${this.baseUrl}/action-items`, { params });
  }

  getActionItem(id: string): Observable<ActionItemView> {
    return this.http.get<ActionItemView>(this.itemUrl(id));
  }

  createActionItem(meetingId: string, input: ActionItemInput): Observable<ActionItemView> {
    return this.http.post<ActionItemView>(`${this.meetingUrl(meetingId)}/action-items`, input);
  }

  /** open → in-progress → done; done needs a note of what was done (422 otherwise). */
  moveActionItem(id: string, input: ActionItemStatusInput): Observable<ActionItemView> {
    return this.http.post<ActionItemView>(`${this.itemUrl(id)}/status`, input);
  }

  /** A progress note (进展情况). */
  addActionItemNote(id: string, text: string): Observable<ActionItemView> {
    return this.http.post<ActionItemView>(`${this.itemUrl(id)}/notes`, { text });
  }

  /** The seven chains with their leaders (a meeting's chair) and units. */
  listChains(): Observable<ChainView[]> {
    return this.chains$;
  }

  listUnits(): Observable<UnitView[]> {
    return this.units$;
  }

  /** Up to 200 projects of a chain, for an action item's project. */
  listProjects(chain: ChainCode): Observable<ProjectPage['items']> {
    return this.http
      .get<ProjectPage>(`${this.baseUrl}/projects`, { params: { chain, limit: 200 } })
      .pipe(map((page) => page.items));
  }

  /** Every user (office and admin only): an action item's owner. */
  listUsers(): Observable<UserView[]> {
    return this.http.get<UserView[]>(`${this.baseUrl}/users`);
  }
}
