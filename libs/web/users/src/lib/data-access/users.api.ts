import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PersonView, UnitView, UserInput, UserView } from '@crm/domain';
import { API_BASE_URL } from '@crm/web/core';
import { Observable } from 'rxjs';

/** What POST /api/users answers: the generated password only when none was given. */
export interface CreatedUser {
  user: UserView;
  initialPassword?: string;
}

/** PATCH /api/users/:id: anything but the username. */
export type UserPatch = Partial<Omit<UserInput, 'username'>> & {
  version?: number;
};

/** User administration (admins only) and the reference lists its form chooses from. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<UserView[]> {
    return this.http.get<UserView[]>(`${this.baseUrl}/users`);
  }

  create(input: UserInput): Observable<CreatedUser> {
    return this.http.post<CreatedUser>(`${this.baseUrl}/users`, input);
  }

  update(id: string, patch: UserPatch): Observable<UserView> {
    return this.http.patch<UserView>(`${this.baseUrl}/users/${id}`, patch);
  }

  unlock(id: string): Observable<UserView> {
    return this.http.post<UserView>(`${this.baseUrl}/users/${id}/unlock`, null);
  }

  /** 结束登录: every session of the user ends, remembered devices included. */
  endSessions(id: string): Observable<{ ended: number }> {
    return this.http.post<{ ended: number }>(`${this.baseUrl}/users/${id}/sessions/end`, null);
  }

  units(): Observable<UnitView[]> {
    return this.http.get<UnitView[]>(`${this.baseUrl}/units`);
  }

  people(): Observable<PersonView[]> {
    return this.http.get<PersonView[]>(`${this.baseUrl}/people`);
  }
}
