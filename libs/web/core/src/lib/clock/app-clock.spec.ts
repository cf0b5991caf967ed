import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth.service';
import { currentUser } from '../testing/users';
import { AppClock } from './app-clock';

describe('AppClock', () => {
  afterEach(() => jest.restoreAllMocks());

  it('follows the API’s clock: a staging instance set to 26 September shows 26 September', () => {
    const clock = new AppClock();
    const browserNow = Date.parse('2026-12-02T12:00:00Z');
    jest.spyOn(Date, 'now').mockReturnValue(browserNow);
    expect(clock.today()).toBe('2026-12-02');
    clock.sync('2025-09-25T17:30:00.000Z', browserNow);
    // 17:30 UTC is 01:30 the next day in Shanghai.
    expect(clock.today()).toBe('2025-09-26');
    expect(clock.month()).toBe('2025-09');
    expect(clock.year()).toBe(2025);
    // An hour later in the browser is an hour later on the API's clock.
    jest.spyOn(Date, 'now').mockReturnValue(browserNow + 3_600_000);
    expect(clock.now().toISOString()).toBe('2025-09-25T18:30:00.000Z');
    // An answer without the time changes nothing.
    clock.sync(undefined);
    expect(clock.now().toISOString()).toBe('2025-09-25T18:30:00.000Z');
  });

  it('is set from GET /api/auth/me', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const auth = TestBed.inject(AuthService);
    const clock = TestBed.inject(AppClock);
    const loaded = auth.ensureLoaded();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/me')
      .flush(currentUser({ serverTime: '2031-05-20T02:00:00.000Z' }));
    await loaded;
    expect(clock.today()).toBe('2031-05-20');
  });
});
