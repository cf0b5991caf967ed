import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { RememberedDeviceView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import type { Observable } from 'rxjs';

/** 记住的设备: the signed-in user's remembered sessions. */
@Injectable({ providedIn: 'root' })
export class RememberedDevicesApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<RememberedDeviceView[]> {
    return this.http.get<RememberedDeviceView[]>(`${this.baseUrl}/auth/remembered-devices`);
  }

  /** 移除: that device signs in again next time. */
  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/auth/remembered-devices/${encodeURIComponent(id)}`);
  }
}
