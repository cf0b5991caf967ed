import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { InstructionView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import type { Observable } from 'rxjs';

/** 领导批示 on a project (libs/api/cockpit): the thread, read, 已阅 and replies. */
@Injectable({ providedIn: 'root' })
export class InstructionsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private url(projectId: string, rest = ''): string {
    return `${this.baseUrl}/projects/${encodeURIComponent(projectId)}/instructions${rest}`;
  }

  /** GET: the instructions with their threads, latest first. */
  list(projectId: string): Observable<InstructionView[]> {
    return this.http.get<InstructionView[]>(this.url(projectId));
  }

  /** POST …/opened: the page was opened; for the project's owner this marks them read. Answers the list. */
  opened(projectId: string): Observable<InstructionView[]> {
    return this.http.post<InstructionView[]>(this.url(projectId, '/opened'), {});
  }

  /** POST: a leader of the chain writes one. */
  write(projectId: string, text: string): Observable<InstructionView> {
    return this.http.post<InstructionView>(this.url(projectId), { text });
  }

  /** 已阅, with the version read. */
  acknowledge(projectId: string, instruction: Pick<InstructionView, 'id' | 'version'>): Observable<InstructionView> {
    return this.http.post<InstructionView>(
      this.url(projectId, `/${encodeURIComponent(instruction.id)}/acknowledgement`),
      { version: instruction.version },
    );
  }

  /** A reply in the thread, with the version read. */
  reply(projectId: string, instruction: Pick<InstructionView, 'id' | 'version'>, text: string): Observable<InstructionView> {
    return this.http.post<InstructionView>(this.url(projectId, `/${encodeURIComponent(instruction.id)}/replies`), {
      text,
      version: instruction.version,
    });
  }
}
