import { DOCUMENT, InjectionToken, Provider, inject } from '@angular/core';

/**
 * Whether this browser may hold a session, read without asking the API. The session cookie is
 * httpOnly, but the API sets its CSRF cookie (XSRF-TOKEN, readable) with it, for the same lifetime,
 * and clears both at sign-out: no CSRF cookie, no session. A visitor who never signed in is then
 * sent to sign in without waiting for GET /api/auth/me (on a 150 ms phone line, a round trip and
 * the API's answer before the sign-in page can show; issue 19 §2). With the cookie the API is asked
 * as before, since only it knows whether the session is still valid.
 */
export const SESSION_HINT = new InjectionToken<() => boolean>('SESSION_HINT', {
  providedIn: 'root',
  // Unless the app provides the cookie check (provideSessionHint), the API is always asked.
  factory: () => () => true,
});

/** The name of the CSRF cookie the API sets beside the session's (libs/api/auth session-cookies.ts). */
export const CSRF_COOKIE_NAME = 'XSRF-TOKEN';

/** True when `cookies` (document.cookie) holds the CSRF cookie with a value. */
export function hasCsrfCookie(cookies: string): boolean {
  return cookies.split(';').some((c) => {
    const [name, value] = c.trim().split('=');
    return name === CSRF_COOKIE_NAME && !!value;
  });
}

/** The app's hint: the CSRF cookie is there. */
export function provideSessionHint(): Provider {
  return {
    provide: SESSION_HINT,
    useFactory: () => {
      const document = inject(DOCUMENT);
      return () => hasCsrfCookie(document.cookie ?? '');
    },
  };
}
