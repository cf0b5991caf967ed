import { HttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { NzMessageService } from 'ng-zorro-antd/message';
import { provideApiHttp } from '../http/provide-api-http';
import { currentUser } from '../testing/users';
import { AuthService } from './auth.service';

@Component({ template: '' })
class Blank {}

describe('authInterceptor (through provideApiHttp)', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;
  let messages: { warning: jest.Mock; error: jest.Mock };

  beforeEach(async () => {
    localStorage.clear();
    messages = { warning: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideApiHttp(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: Blank },
          { path: 'users', component: Blank },
        ]),
        { provide: NzMessageService, useValue: messages },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/users?q=wang');
  });

  afterEach(() => {
    backend.verify();
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  async function signIn(): Promise<AuthService> {
    const auth = TestBed.inject(AuthService);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser());
    await loaded;
    return auth;
  }

  const unauthorized = {
    status: 401,
    statusText: 'Unauthorized',
  };

  it('sends an expired session to sign-in, keeping the page to come back to', async () => {
    const auth = await signIn();
    let failed = false;
    http.get('/api/users').subscribe({ error: () => (failed = true) });
    backend
      .expectOne('/api/users')
      .flush({ statusCode: 401, message: '请先登录 / Please sign in' }, unauthorized);
    await new Promise((resolve) => setTimeout(resolve));

    expect(failed).toBe(true);
    expect(auth.user()).toBeNull();
    expect(router.url).toBe('/login?returnUrl=%2Fusers%3Fq%3Dwang');
    expect(messages.warning).toHaveBeenCalledWith('登录已过期，请重新登录');
  });

  it('leaves a wrong password to the sign-in page', async () => {
    http
      .post('/api/auth/sign-in', { username: 'a', password: 'b' })
      .subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/sign-in').flush(
      { message: '用户名或密码不正确 / Wrong username or password' },
      unauthorized,
    );
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/users?q=wang');
    expect(messages.warning).not.toHaveBeenCalled();
  });

  it('says a refused action is not allowed, and stays on the page', async () => {
    await signIn();
    let status = 0;
    http
      .post('/api/users', {})
      .subscribe({ error: (e: { status: number }) => (status = e.status) });
    backend.expectOne('/api/users').flush(
      {
        statusCode: 403,
        message: '您没有权限执行此操作 / Your role does not allow this',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await new Promise((resolve) => setTimeout(resolve));

    expect(status).toBe(403);
    expect(messages.error).toHaveBeenCalledWith('您没有权限执行此操作');
    expect(router.url).toBe('/users?q=wang');
  });

  it('leaves calls outside the API alone', async () => {
    http.get('/assets/logo.json').subscribe({ error: () => undefined });
    backend.expectOne('/assets/logo.json').flush(null, unauthorized);
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/users?q=wang');
  });

  it('echoes the XSRF-TOKEN cookie in X-XSRF-TOKEN on changes, not on reads', () => {
    document.cookie = 'XSRF-TOKEN=c5f1e2d3';
    http.post('/api/auth/sign-out', null).subscribe();
    const post = backend.expectOne('/api/auth/sign-out');
    expect(post.request.headers.get('X-XSRF-TOKEN')).toBe('c5f1e2d3');
    post.flush(null);

    http.get('/api/chains').subscribe();
    const get = backend.expectOne('/api/chains');
    expect(get.request.headers.has('X-XSRF-TOKEN')).toBe(false);
    expect(get.request.headers.get('Accept-Language')).toBe('zh-CN');
    get.flush([]);
  });
});
