import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { Injector, inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import { API_BASE_URL } from '../http/api-base';
import { apiErrorText } from '../http/api-error';
import { SIGN_IN_URL } from './auth-urls';
import { signInUrlTree } from './auth.guards';
import { AuthService } from './auth.service';

/** Calls whose 401 is an answer, not an expired session: the caller handles it. */
const OWN_401 = ['/auth/sign-in', '/auth/sign-out', '/auth/me'];

/**
 * 401 from the API: the session has ended; back to sign-in, keeping the page to return to.
 * 403: the role may not do this (or the page is stale); say so, and stay on the page.
 * The error still reaches the caller, which may show its own state.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const apiBase = inject(API_BASE_URL);
  if (req.url !== apiBase && !req.url.startsWith(`${apiBase}/`)) {
    return next(req);
  }
  const path = req.url.slice(apiBase.length).split('?')[0];
  const auth = inject(AuthService);
  const router = inject(Router);
  const i18n = inject(I18nService);
  const message = toast(inject(Injector));

  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse) {
        if (error.status === 401 && !OWN_401.includes(path)) {
          const wasSignedIn = auth.signedIn();
          auth.sessionEnded();
          const onSignIn = router.url.split('?')[0] === SIGN_IN_URL;
          if (wasSignedIn) {
            message('warning', i18n.t('auth.sessionExpired'));
          }
          if (!onSignIn) {
            void router.navigateByUrl(signInUrlTree(router, router.url));
          }
        } else if (error.status === 403) {
          message('error', apiErrorText(error, i18n));
        }
      }
      return throwError(() => error);
    }),
  );
};

/**
 * ng-zorro's message, fetched when first shown: the interceptor is in the initial download and
 * the message service would bring ng-zorro's overlay (~90 KB before compression) with it.
 */
function toast(injector: Injector) {
  return (kind: 'warning' | 'error', text: string): void => {
    void import('ng-zorro-antd/message').then(({ NzMessageService }) =>
      injector.get(NzMessageService)[kind](text),
    );
  };
}
