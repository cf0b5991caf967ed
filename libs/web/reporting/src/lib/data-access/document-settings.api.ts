import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DocumentSettingKey, DocumentSettingView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** 公文设置 (libs/api/reporting documents): what the Word files print as letterhead, number and signature. */
@Injectable({ providedIn: 'root' })
export class DocumentSettingsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<DocumentSettingView[]> {
    return this.http.get<DocumentSettingView[]>(`${this.baseUrl}/document-settings`);
  }

  /** PUT with the version read; 409 (with the setting as it is now) when someone saved first. */
  save(key: DocumentSettingKey, value: string, version: number): Observable<DocumentSettingView> {
    return this.http.put<DocumentSettingView>(`${this.baseUrl}/document-settings/${encodeURIComponent(key)}`, { value, version });
  }
}
