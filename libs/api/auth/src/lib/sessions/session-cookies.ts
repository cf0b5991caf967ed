import type { Response } from 'express';

/** The session token: httpOnly, never readable by scripts. */
export const SESSION_COOKIE = 'crm_session';
/** The CSRF token (double submit): readable by the web app, echoed in X-XSRF-TOKEN. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

/**
 * Browser-session cookies, unless `expires` is given (a remembered session, 记住此设备): then they
 * outlive the browser until the session's own end, which the server checks on every request anyway.
 */
export function setSessionCookies(
  res: Response,
  token: string,
  csrfToken: string,
  secure: boolean,
  expires: Date | null = null,
): void {
  const common = { sameSite: 'strict' as const, secure, path: '/', ...(expires ? { expires } : {}) };
  res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(CSRF_COOKIE, { path: '/' });
}
