import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE_URL } from '@crm/web/core';
import type { ChainView } from '@crm/domain';
import { Observable } from 'rxjs';

/** The chains of the "5+2" plan with their leaders, units, anchor firms, tasks and targets. */
@Injectable({ providedIn: 'root' })
export class ChainsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/chains */
  list(): Observable<ChainView[]> {
    return this.http.get<ChainView[]>(`${this.baseUrl}/chains`);
  }
}
