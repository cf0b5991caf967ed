import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { CurrentUserView } from '@crm/domain';
import { currentUser } from '../testing/users';
import {
  guestGuard,
  homeGuard,
  roleGuard,
  signedInGuard,
  signedInMatch,
} from './auth.guards';

@Component({ template: '' })
class Blank {}

describe('route guards', () => {
  let router: Router;
  let backend: HttpTestingController;
  /** The feature routes the router downloaded (a lazy feature's loadChildren ran). */
  let loaded: string[];

  beforeEach(() => {
    loaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', canActivate: [guestGuard], component: Blank },
          {
            path: '',
            canMatch: [signedInMatch],
            canActivate: [signedInGuard],
            canActivateChild: [signedInGuard],
            children: [
              {
                path: 'reports',
                loadChildren: async () => {
                  loaded.push('reports');
                  return [{ path: '', component: Blank }];
                },
              },
              { path: '', pathMatch: 'full', canActivate: [homeGuard], children: [] },
              { path: 'chains', component: Blank },
              { path: 'cockpit', component: Blank },
              { path: 'account/password', component: Blank },
              {
                path: 'users',
                canMatch: [roleGuard('admin')],
                component: Blank,
              },
              {
                path: 'audit',
                canMatch: [roleGuard('office', 'admin')],
                component: Blank,
              },
              { path: 'forbidden', component: Blank },
            ],
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  /** Navigates, answering GET /api/auth/me with `me` (a user, or null for 401). */
  async function go(url: string, me: CurrentUserView | null): Promise<string> {
    const navigation = router.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.match('/api/auth/me');
    for (const r of request) {
      if (me) {
        r.flush(me);
      } else {
        r.flush(
          { message: '请先登录 / Please sign in' },
          { status: 401, statusText: 'Unauthorized' },
        );
      }
    }
    await navigation;
    return router.url;
  }

  it('sends a visitor to sign-in with the page to return to', async () => {
    expect(await go('/audit?userId=abc', null)).toBe(
      '/login?returnUrl=%2Faudit%3FuserId%3Dabc',
    );
  });

  it('downloads no feature for a visitor: straight to sign-in, with the page to return to', async () => {
    expect(await go('/reports?month=6', null)).toBe(
      '/login?returnUrl=%2Freports%3Fmonth%3D6',
    );
    expect(loaded).toEqual([]);
  });

  it('downloads the feature for a signed-in user', async () => {
    expect(await go('/reports', currentUser())).toBe('/reports');
    expect(loaded).toEqual(['reports']);
  });

  it('takes the app root to each role’s home: leaders the cockpit, others the overview', async () => {
    expect(await go('/', currentUser({ roles: ['leader'] }))).toBe('/cockpit');
  });

  it('takes staff from the app root to the chain overview', async () => {
    expect(await go('/', currentUser({ roles: ['staff'] }))).toBe('/chains');
  });

  it('lets a signed-in user in', async () => {
    expect(await go('/chains', currentUser())).toBe('/chains');
  });

  it('holds a user who must change their password on the password page', async () => {
    const user = currentUser({ mustChangePassword: true });
    expect(await go('/chains', user)).toBe('/account/password');
    expect(await go('/audit', user)).toBe('/account/password');
    expect(await go('/account/password', user)).toBe('/account/password');
  });

  it('shows 无权访问 when the role may not open a page, without a loop', async () => {
    const office = currentUser({ roles: ['office'] });
    expect(await go('/users', office)).toBe('/forbidden');
    expect(await go('/audit', office)).toBe('/audit');
  });

  it('lets an admin into the admin pages', async () => {
    const admin = currentUser({ roles: ['admin'] });
    expect(await go('/users', admin)).toBe('/users');
    expect(await go('/audit', admin)).toBe('/audit');
  });

  it('sends a signed-in user away from the sign-in page, to a safe return URL', async () => {
    const user = currentUser();
    expect(await go('/login?returnUrl=%2Faudit', user)).toBe('/audit');
    expect(await go('/login?returnUrl=%2F%2Fevil.example', user)).toBe(
      '/chains',
    );
  });

  it('lets a visitor see the sign-in page', async () => {
    expect(await go('/login', null)).toBe('/login');
  });
});
