import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router, UrlTree } from '@angular/router';
import type { Role } from '@crm/domain';
import {
  CHANGE_PASSWORD_URL,
  FORBIDDEN_URL,
  HOME_URL,
  SIGN_IN_URL,
  homeFor,
  safeReturnUrl,
} from './auth-urls';
import { AuthService } from './auth.service';

/** `/login?returnUrl=…`, leaving out a return to the start page, where the user lands anyway. */
export function signInUrlTree(router: Router, returnUrl: string): UrlTree {
  const keep = !['', '/', HOME_URL].includes(returnUrl);
  return router.createUrlTree([SIGN_IN_URL], {
    queryParams: keep ? { returnUrl } : {},
  });
}

/**
 * For the layout and every page in it (canActivate and canActivateChild): signed in, and not
 * owing a password change, or off to the page that settles it.
 */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.ensureLoaded();
  const user = auth.user();
  if (!user) {
    return signInUrlTree(router, state.url);
  }
  if (
    user.mustChangePassword &&
    state.url.split(/[?#]/)[0] !== CHANGE_PASSWORD_URL
  ) {
    return router.parseUrl(CHANGE_PASSWORD_URL);
  }
  return true;
};

/**
 * For the layout route (canMatch): nobody signed in matches it, so a guest's first visit to any
 * page downloads neither the shell nor the page's feature code (the router would otherwise load a
 * feature's routes to match the address before `signedInGuard` runs) and goes straight to sign
 * in, with the address as the return URL.
 */
export const signedInMatch: CanMatchFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.ensureLoaded();
  if (auth.user()) {
    return true;
  }
  const navigation = router.currentNavigation();
  const url = navigation
    ? router.serializeUrl(navigation.extractedUrl)
    : router.url;
  return signInUrlTree(router, url);
};

/** For the sign-in page: a user already signed in goes where they were headed. */
export const guestGuard: CanActivateFn = async (route) => {
  // Everything injected before the first await: the injection context ends there.
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.ensureLoaded();
  return auth.user()
    ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')))
    : true;
};

/**
 * A page for some roles only (canMatch, so the page's code is not even downloaded): other
 * signed-in users see the 无权访问 page. Nobody signed in passes here and is sent to sign in by
 * `signedInGuard` on the layout, with the right return URL.
 */
export function roleGuard(...roles: Role[]): CanMatchFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    await auth.ensureLoaded();
    if (!auth.user() || auth.hasRole(...roles)) {
      return true;
    }
    return router.parseUrl(FORBIDDEN_URL);
  };
}

/**
 * The app's root ('/'): each role's home once the user is known (leaders the cockpit, everyone
 * else the chain overview). A guard, not a redirect, so it waits for the session to load.
 */
export const homeGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.ensureLoaded();
  return router.parseUrl(homeFor(auth.roles()));
};
