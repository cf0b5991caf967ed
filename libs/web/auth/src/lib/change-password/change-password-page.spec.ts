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
  EyeInvisibleOutline,
  EyeOutline,
} from '@ant-design/icons-angular/icons';
import type { CurrentUserView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { ChangePasswordPage } from './change-password-page';

@Component({ template: '' })
class Landed {}

describe('ChangePasswordPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;
  const success = jest.fn();

  async function open(mustChangePassword: boolean): Promise<void> {
    const auth = TestBed.inject(AuthService);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush({
      id: 'c1',
      username: 'admin',
      displayName: '系统管理员',
      roles: ['admin'],
      unit: null,
      person: null,
      chainCodes: [],
      editableChainCodes: [],
      mustChangePassword,
    } satisfies CurrentUserView);
    await loaded;
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/account/password', ChangePasswordPage);
    page = harness.routeNativeElement as HTMLElement;
  }

  beforeEach(() => {
    localStorage.clear();
    success.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'account/password', component: ChangePasswordPage },
          { path: 'chains', component: Landed },
        ]),
        provideNzIcons([EyeInvisibleOutline, EyeOutline]),
        { provide: NzMessageService, useValue: { success } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  function type(id: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    page.querySelector<HTMLButtonElement>('button.submit')?.click();
    await harness.fixture.whenStable();
  }

  const errors = () =>
    [...page.querySelectorAll('.ant-form-item-explain-error')].map((e) =>
      e.textContent?.trim(),
    );

  it('explains why the change is required, and offers no way back', async () => {
    await open(true);
    expect(page.querySelector('.forced')?.textContent).toContain(
      '请先修改密码',
    );
    expect(page.textContent).not.toContain('返回');
  });

  it('checks length, sameness and the repeat before calling the API', async () => {
    await open(false);
    type('currentPassword', 'old secret 123');
    type('newPassword', 'short');
    type('confirm', 'other');
    await submit();
    expect(errors()).toEqual(['新密码至少 12 位', '两次输入的新密码不一致']);

    type('newPassword', 'old secret 123');
    type('confirm', 'old secret 123');
    await submit();
    expect(errors()).toEqual(['新密码不能与当前密码相同']);
    backend.expectNone('/api/auth/password');
  });

  it('shows the API’s field message under the field', async () => {
    await open(false);
    type('currentPassword', 'not the password');
    type('newPassword', 'a brand new secret');
    type('confirm', 'a brand new secret');
    await submit();
    backend.expectOne('/api/auth/password').flush(
      {
        statusCode: 400,
        message: '当前密码不正确 / The current password is wrong',
        errors: {
          currentPassword: ['当前密码不正确 / The current password is wrong'],
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();
    expect(errors()).toEqual(['当前密码不正确']);
    expect(page.querySelector('.failure')).toBeNull();
  });

  it('changes the password and lets the user go on', async () => {
    await open(true);
    type('currentPassword', 'Gx7-generated');
    type('newPassword', 'a brand new secret');
    type('confirm', 'a brand new secret');
    await submit();
    const request = backend.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      currentPassword: 'Gx7-generated',
      newPassword: 'a brand new secret',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();

    expect(success).toHaveBeenCalledWith('密码已修改');
    expect(TestBed.inject(AuthService).user()?.mustChangePassword).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/chains');
  });
});
