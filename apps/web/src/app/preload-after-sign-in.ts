import { Injectable, inject } from '@angular/core';
import {
  PreloadingStrategy,
  Route,
  Router,
  UrlTree,
} from '@angular/router';
import { SIGN_IN_URL } from '@crm/web/core';
import { Observable, of } from 'rxjs';

/**
 * While the sign-in page is open (the visitor typing), fetch what comes after it: the shell and
 * the page to return to (the `returnUrl`), or, without one, the two homes (the cockpit for
 * leaders, the chain overview for everyone else). A visitor matches no signed-in route, so
 * nothing else is downloaded before signing in; signed-in navigation preloads nothing.
 */
@Injectable({ providedIn: 'root' })
export class PreloadAfterSignIn implements PreloadingStrategy {
  private readonly router = inject(Router);

  preload(route: Route, load: () => Observable<unknown>): Observable<unknown> {
    const url = this.router.parseUrl(this.router.url);
    const targets = nextPages(url);
    if (!targets) return of(null);
    // The shell (the layout route) and its child for the page to come.
    if (route.path === '' && route.loadComponent) return load();
    return route.path && targets.includes(route.path) ? load() : of(null);
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
