import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationListView, NotificationView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable, map } from 'rxjs';

/** 站内通知 (libs/api/reporting): every signed-in user reads their own. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The latest 50, newest first, with the unread count. */
  list(): Observable<NotificationListView> {
    return this.http.get<NotificationListView>(`${this.baseUrl}/notifications`);
  }

  unreadCount(): Observable<number> {
    return this.http
      .get<{ unread: number }>(`${this.baseUrl}/notifications/unread-count`)
      .pipe(map((answer) => answer.unread));
  }

  markRead(id: string): Observable<NotificationView> {
    return this.http.post<NotificationView>(
      `${this.baseUrl}/notifications/${encodeURIComponent(id)}/read`,
      null,
    );
  }

  markAllRead(): Observable<number> {
    return this.http
      .post<{ marked: number }>(`${this.baseUrl}/notifications/read-all`, null)
      .pipe(map((answer) => answer.marked));
  }
}
