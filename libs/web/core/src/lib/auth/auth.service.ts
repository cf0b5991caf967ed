import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  ChangePasswordInput,
  CurrentUserView,
  Role,
  SignInInput,
} from '@crm/domain';
import { Observable, finalize, firstValueFrom, map, tap } from 'rxjs';
import { AppClock } from '../clock/app-clock';
import { API_BASE_URL } from '../http/api-base';
import { SESSION_HINT } from './session-hint';

/**
 * Who is signed in. The session itself is an httpOnly cookie the app cannot read, so the API is
 * asked (GET /api/auth/me) once per visit, before the first guarded page opens — unless the
 * browser plainly holds no session (SESSION_HINT).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly clock = inject(AppClock);
  private readonly mayHoldSession = inject(SESSION_HINT);
  private readonly current = signal<CurrentUserView | null>(null);
  private loaded: Promise<void> | null = null;

  /** The signed-in user, or null. */
  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== null);
  readonly roles = computed<readonly Role[]>(() => this.current()?.roles ?? []);

  /**
   * Resolves once the API has said who is signed in (at most one call per visit). A 401 means
   * nobody; a failure of another kind is tried again at the next navigation. A browser without a
   * session's CSRF cookie (SESSION_HINT) holds no session: nobody, without asking.
   */
  ensureLoaded(): Promise<void> {
    if (!this.loaded && !this.current() && !this.mayHoldSession()) {
      return Promise.resolve();
    }
    this.loaded ??= firstValueFrom(
      this.http.get<CurrentUserView>(`${this.baseUrl}/auth/me`),
    ).then(
      (user) => {
        this.clock.sync(user.serverTime);
        this.current.set(user);
      },
      (error: unknown) => {
        this.current.set(null);
        if (!(error instanceof HttpErrorResponse && error.status === 401)) {
          this.loaded = null;
        }
      },
    );
    return this.loaded;
  }

  /** True when the user holds any of `roles`; reads a signal, so templates and computeds follow it. */
  hasRole(...roles: Role[]): boolean {
    return this.roles().some((role) => roles.includes(role));
  }

  /** POST /api/auth/sign-in; the API sets the session and XSRF cookies. */
  signIn(input: SignInInput): Observable<CurrentUserView> {
    return this.http
      .post<CurrentUserView>(`${this.baseUrl}/auth/sign-in`, input)
      .pipe(tap((user) => this.remember(user)));
  }

  /** POST /api/auth/sign-out. The user is forgotten here even if the session had already ended. */
  signOut(): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/auth/sign-out`, null).pipe(
      map(() => undefined),
      finalize(() => this.sessionEnded()),
    );
  }

  /** POST /api/auth/password; the user's other sessions end, this one stays. */
  changePassword(input: ChangePasswordInput): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/auth/password`, input).pipe(
      map(() => undefined),
      tap(() =>
        this.current.update((user) =>
          user ? { ...user, mustChangePassword: false } : user,
        ),
      ),
    );
  }

  /** The API answered 401: the session expired or was ended elsewhere. */
  sessionEnded(): void {
    this.current.set(null);
    this.loaded = Promise.resolve();
  }

  private remember(user: CurrentUserView): void {
    this.clock.sync(user.serverTime);
    this.current.set(user);
    this.loaded = Promise.resolve();
  }
}
