import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { currentUser } from '../testing/users';
import { AuthService } from './auth.service';
import { hasCsrfCookie, provideSessionHint } from './session-hint';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('asks the API who is signed in, once', async () => {
    const first = auth.ensureLoaded();
    const second = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser());
    await Promise.all([first, second]);

    expect(auth.user()?.displayName).toBe('王芳');
    expect(auth.signedIn()).toBe(true);
    await auth.ensureLoaded();
    backend.expectNone('/api/auth/me');
  });

  it('knows nobody is signed in from a 401, and does not ask again', async () => {
    const loaded = auth.ensureLoaded();
    backend
      .expectOne('/api/auth/me')
      .flush(
        { statusCode: 401, message: '请先登录 / Please sign in' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await loaded;

    expect(auth.user()).toBeNull();
    await auth.ensureLoaded();
    backend.expectNone('/api/auth/me');
  });

  it('asks again at the next navigation when the API could not be reached', async () => {
    const loaded = auth.ensureLoaded();
    backend
      .expectOne('/api/auth/me')
      .error(new ProgressEvent('error'), { status: 0 });
    await loaded;
    expect(auth.user()).toBeNull();

    const retried = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser());
    await retried;
    expect(auth.signedIn()).toBe(true);
  });

  it('signs in and remembers the user without asking /me', async () => {
    let answered = '';
    auth
      .signIn({ username: 'wangfang', password: 'correct horse' })
      .subscribe((user) => (answered = user.username));
    const request = backend.expectOne('/api/auth/sign-in');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      username: 'wangfang',
      password: 'correct horse',
    });
    request.flush(currentUser());

    expect(answered).toBe('wangfang');
    expect(auth.user()?.username).toBe('wangfang');
    await auth.ensureLoaded();
    backend.expectNone('/api/auth/me');
  });

  it('leaves nobody signed in when the password is wrong', () => {
    let failed = false;
    auth
      .signIn({ username: 'wangfang', password: 'wrong' })
      .subscribe({ error: () => (failed = true) });
    backend.expectOne('/api/auth/sign-in').flush(
      { statusCode: 401, message: '用户名或密码不正确 / Wrong username or password' },
      { status: 401, statusText: 'Unauthorized' },
    );
    expect(failed).toBe(true);
    expect(auth.user()).toBeNull();
  });

  it('tells roles apart', async () => {
    const loaded = auth.ensureLoaded();
    backend
      .expectOne('/api/auth/me')
      .flush(currentUser({ roles: ['staff', 'leader'] }));
    await loaded;

    expect(auth.hasRole('staff')).toBe(true);
    expect(auth.hasRole('office', 'leader')).toBe(true);
    expect(auth.hasRole('admin')).toBe(false);
    expect(auth.hasRole('office', 'admin')).toBe(false);
  });

  it('forgets the user on sign-out, even when the session had already ended', async () => {
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser());
    await loaded;

    auth.signOut().subscribe({ error: () => undefined });
    backend
      .expectOne('/api/auth/sign-out')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(auth.user()).toBeNull();
  });

  it('clears the required password change once the password is changed', async () => {
    const loaded = auth.ensureLoaded();
    backend
      .expectOne('/api/auth/me')
      .flush(currentUser({ mustChangePassword: true }));
    await loaded;

    auth
      .changePassword({
        currentPassword: 'generated-1',
        newPassword: 'a new secret!',
      })
      .subscribe();
    const request = backend.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      currentPassword: 'generated-1',
      newPassword: 'a new secret!',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.user()?.mustChangePassword).toBe(false);
  });
});

describe('AuthService with the session hint of the app (provideSessionHint)', () => {
  let backend: HttpTestingController;

  function setUp(): AuthService {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideSessionHint()],
    });
    backend = TestBed.inject(HttpTestingController);
    return TestBed.inject(AuthService);
  }

  afterEach(() => {
    backend.verify();
    // Expire what a test set.
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('knows nobody is signed in without asking the API when the browser holds no session cookie', async () => {
    const auth = setUp();
    await auth.ensureLoaded();

    backend.expectNone('/api/auth/me');
    expect(auth.signedIn()).toBe(false);
  });

  it('asks the API when the CSRF cookie set with a session is there (the session may still have ended)', async () => {
    document.cookie = 'XSRF-TOKEN=abc; path=/';
    const auth = setUp();
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser());
    await loaded;

    expect(auth.user()?.displayName).toBe('王芳');
  });

  it('reads the cookie by its exact name and wants a value', () => {
    expect(hasCsrfCookie('a=1; XSRF-TOKEN=t0k; b=2')).toBe(true);
    expect(hasCsrfCookie('XSRF-TOKEN=')).toBe(false);
    expect(hasCsrfCookie('MY-XSRF-TOKEN=x')).toBe(false);
    expect(hasCsrfCookie('')).toBe(false);
  });
});
