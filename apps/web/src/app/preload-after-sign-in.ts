import { Injectable, inject } from '@angular/core';
import {
  PreloadingStrategy,
  Route,
  Router,
  UrlTree,
} from '@angular/router';
import { SIGN_IN_URL } from '@crm/web/core';
import { Observable, of, switchMap } from 'rxjs';

/**
 * While the sign-in page is open (the visitor typing), fetch what comes after it: the shell and
 * the page to return to (the `returnUrl`), or, without one, the two homes (the cockpit for
 * leaders, the chain overview for everyone else). A visitor matches no signed-in route, so
 * nothing else is downloaded before signing in; signed-in navigation preloads nothing. The fetching
 * waits until the browser is idle after the page has shown (a second at most), so that on a slow
 * phone it does not compete with the sign-in page for the line and the CPU.
 */
@Injectable({ providedIn: 'root' })
export class PreloadAfterSignIn implements PreloadingStrategy {
  private readonly router = inject(Router);

  preload(route: Route, load: () => Observable<unknown>): Observable<unknown> {
    const url = this.router.parseUrl(this.router.url);
    const targets = nextPages(url);
    if (!targets) return of(null);
    // The shell (the layout route) and its child for the page to come.
    const wanted = (route.path === '' && !!route.loadComponent) || (!!route.path && targets.includes(route.path));
    return wanted ? whenIdle().pipe(switchMap(() => load())) : of(null);
  }
}

/** The first path segments to preload from the sign-in page's URL; null anywhere else. */
export function nextPages(url: UrlTree): string[] | null {
  const segments = url.root.children['primary']?.segments ?? [];
  if (`/${segments.map((s) => s.path).join('/')}` !== SIGN_IN_URL) {
    return null;
  }
  const returnUrl = url.queryParamMap.get('returnUrl');
  const first = returnUrl?.replace(/^\//, '').split(/[/?#]/)[0];
  return first ? [first] : ['cockpit', 'chains'];
}

/** Emits once the browser is idle (or after `timeoutMs` at most; at once where idle callbacks are unknown). */
export function whenIdle(timeoutMs = 1000): Observable<void> {
  return new Observable<void>((subscriber) => {
    const done = () => {
      subscriber.next();
      subscriber.complete();
    };
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(done, 0);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(done, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  });
}
