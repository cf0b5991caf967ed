import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  ApartmentOutline,
  EyeInvisibleOutline,
  EyeOutline,
  LockOutline,
  UserOutline,
} from '@ant-design/icons-angular/icons';
import type { CurrentUserView } from '@crm/domain';
import { AuthService, I18nService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { SignInPage } from './sign-in-page';

@Component({ template: '<p class="landed">landed</p>' })
class Landed {}

const ME: CurrentUserView = {
  id: '2b0f3c44-1f5e-4a59-9d1e-6a0b7c3e5f21',
  username: 'zhaolei',
  displayName: '赵磊',
  roles: ['staff'],
  unit: { id: 5, name: '市能源局' },
  person: null,
  chainCodes: ['clean-energy'],
  editableChainCodes: ['clean-energy'],
  mustChangePassword: false,
};

describe('SignInPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: SignInPage },
          { path: 'chains', component: Landed },
          { path: 'cockpit', component: Landed },
          { path: 'audit', component: Landed },
          { path: 'account/password', component: Landed },
        ]),
        provideNzIcons([
          ApartmentOutline,
          EyeInvisibleOutline,
          EyeOutline,
          LockOutline,
          UserOutline,
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  async function open(url = '/login'): Promise<void> {
    await harness.navigateByUrl(url, SignInPage);
    page = harness.routeNativeElement as HTMLElement;
  }

  function type(selector: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(selector);
    if (!input) {
      throw new Error(`no ${selector}`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    page.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await harness.fixture.whenStable();
  }

  const text = (selector: string) =>
    page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ??
    '';

  it('shows the product, the two fields and 登录, in Chinese', async () => {
    await open();
    expect(text('h1')).toBe('产业链招商管理平台');
    expect(text('label[for="username"]')).toBe('用户名');
    expect(text('label[for="password"]')).toBe('密码');
    expect(text('button[type="submit"]')).toBe('登录');
    expect(
      page.querySelector('#password')?.getAttribute('autocomplete'),
    ).toBe('current-password');
  });

  it('asks for what is missing without calling the API', async () => {
    await open();
    await submit();
    const tips = [...page.querySelectorAll('.ant-form-item-explain-error')].map(
      (e) => e.textContent?.trim(),
    );
    expect(tips).toEqual(['请输入用户名', '请输入密码']);
    backend.expectNone('/api/auth/sign-in');
  });

  it('signs in, showing that it is busy, and goes to the return URL', async () => {
    await open('/login?returnUrl=%2Faudit');
    type('#username', ' zhaolei ');
    type('#password', 'correct horse battery');
    await submit();

    const request = backend.expectOne('/api/auth/sign-in');
    expect(request.request.body).toEqual({
      username: 'zhaolei',
      password: 'correct horse battery',
    });
    expect(
      page.querySelector('button[type="submit"]')?.classList,
    ).toContain('ant-btn-loading');

    request.flush(ME);
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/audit');
    expect(TestBed.inject(AuthService).user()?.displayName).toBe('赵磊');
  });

  it('goes to the overview when no return URL is given, or one from elsewhere', async () => {
    await open('/login?returnUrl=https%3A%2F%2Fevil.example');
    type('#username', 'zhaolei');
    type('#password', 'correct horse battery');
    await submit();
    backend.expectOne('/api/auth/sign-in').flush(ME);
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/chains');
  });

  it('sends 记住此设备 when ticked, with a label and the hint that says who it is for', async () => {
    await open('/login');
    expect(text('label[for="remember"]')).toBe('记住此设备');
    expect(text('#remember-hint')).toContain('仅限领导账号');
    type('#username', 'xujin');
    type('#password', 'correct horse battery');
    const box = page.querySelector<HTMLInputElement>('#remember');
    expect(box?.checked).toBe(false);
    box?.click();
    await submit();
    const request = backend.expectOne('/api/auth/sign-in');
    expect(request.request.body).toEqual({ username: 'xujin', password: 'correct horse battery', remember: true });
    request.flush({ ...ME, username: 'xujin', roles: ['leader'], unit: null });
    await harness.fixture.whenStable();
  });

  it('takes a leader to the cockpit when no return URL is given', async () => {
    await open('/login');
    type('#username', 'xujin');
    type('#password', 'correct horse battery');
    await submit();
    backend.expectOne('/api/auth/sign-in').flush({ ...ME, username: 'xujin', roles: ['leader'], unit: null });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/cockpit');
  });

  it('sends a user with a generated password to change it first', async () => {
    await open('/login?returnUrl=%2Faudit');
    type('#username', 'zhaolei');
    type('#password', 'Gx7-generated');
    await submit();
    backend
      .expectOne('/api/auth/sign-in')
      .flush({ ...ME, mustChangePassword: true });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/account/password');
  });

  it('shows the API’s answer to a wrong password, in the interface language', async () => {
    await open();
    type('#username', 'zhaolei');
    type('#password', 'wrong password');
    await submit();
    backend.expectOne('/api/auth/sign-in').flush(
      {
        statusCode: 401,
        message:
          '用户名或密码不正确；多次输错后账号将暂时锁定，如需帮助请联系管理员 / ' +
          'Wrong username or password; repeated failures lock the account for a while — ask an administrator for help',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await harness.fixture.whenStable();

    expect(page.querySelector('[role="alert"]')).not.toBeNull();
    expect(text('.sign-in-error .ant-alert-message')).toBe(
      '用户名或密码不正确；多次输错后账号将暂时锁定，如需帮助请联系管理员',
    );
    expect(page.querySelector<HTMLInputElement>('#password')?.value).toBe('');
    expect(
      page.querySelector('button[type="submit"]')?.classList,
    ).not.toContain('ant-btn-loading');
    expect(TestBed.inject(Router).url).toBe('/login');

    TestBed.inject(I18nService).use('en');
    await harness.fixture.whenStable();
    expect(text('.sign-in-error .ant-alert-message')).toBe(
      'Wrong username or password; repeated failures lock the account for a while — ask an administrator for help',
    );
    expect(text('button[type="submit"]')).toBe('Sign in');
  });

  it('says so when sign-in attempts come too fast', async () => {
    await open();
    type('#username', 'zhaolei');
    type('#password', 'whatever it is');
    await submit();
    backend.expectOne('/api/auth/sign-in').flush(
      {
        statusCode: 429,
        message:
          '登录尝试过于频繁，请稍后再试 / Too many sign-in attempts; try again shortly',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await harness.fixture.whenStable();
    expect(text('.sign-in-error .ant-alert-message')).toBe(
      '登录尝试过于频繁，请稍后再试',
    );
  });
});
