import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  CopyOutline,
  PlusOutline,
  ReloadOutline,
  SearchOutline,
} from '@ant-design/icons-angular/icons';
import type { CurrentUserView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { PEOPLE, UNITS, USERS, userView } from '../testing/user-fixtures';
import { UsersPage } from './users-page';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UsersPage', () => {
  let backend: HttpTestingController;
  const messages = { success: jest.fn(), error: jest.fn(), warning: jest.fn() };

  beforeEach(async () => {
    localStorage.clear();
    Object.values(messages).forEach((m) => m.mockReset());
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([CopyOutline, PlusOutline, ReloadOutline, SearchOutline]),
        { provide: NzMessageService, useValue: messages },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthService);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush({
      id: USERS[0].id,
      username: 'admin',
      displayName: '系统管理员',
      roles: ['admin'],
      unit: null,
      person: null,
      chainCodes: [],
      editableChainCodes: [],
      mustChangePassword: false,
    } satisfies CurrentUserView);
    await loaded;
  });

  afterEach(() => {
    backend.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  async function render() {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    backend.expectOne('/api/users').flush(USERS);
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne('/api/people').flush(PEOPLE);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  const cells = (row: Element | null) =>
    [...(row?.querySelectorAll('td') ?? [])].map((td) =>
      td.textContent?.replace(/\s+/g, ' ').trim(),
    );

  function type(root: ParentNode, selector: string, value: string): void {
    const input = root.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('lists the accounts with their roles, unit, person and state', async () => {
    const { page } = await render();
    expect(page.querySelector('.page-subtitle')?.textContent?.trim()).toBe(
      '共 3 个账号，其中已停用 0 个',
    );
    const admin = cells(page.querySelector('tr[data-username="admin"]'));
    expect(admin.slice(0, 3)).toEqual(['admin 本人', '系统管理员', '系统管理员']);
    expect(
      cells(page.querySelector('tr[data-username="xiaojun"]')).slice(2, 5),
    ).toEqual(['包联/责任领导', '', '肖军']);
    const locked = page.querySelector('tr[data-username="zhaolei"]');
    expect(cells(locked).slice(2, 6)).toEqual([
      '专班工作人员',
      '市能源局',
      '',
      expect.stringMatching(/^正常 锁定至 05-01 \d\d:30$/),
    ]);
    expect(locked?.querySelector('button.unlock')).not.toBeNull();
    // An admin does not deactivate their own account by mistake.
    expect(
      page.querySelector<HTMLButtonElement>('tr[data-username="admin"] button.deactivate')
        ?.disabled,
    ).toBe(true);
  });

  it('finds accounts by username or name', async () => {
    const { fixture, page } = await render();
    type(page, 'input[type="search"]', '肖');
    await fixture.whenStable();
    expect(
      [...page.querySelectorAll('tbody tr[data-username]')].map((r) =>
        r.getAttribute('data-username'),
      ),
    ).toEqual(['xiaojun']);
  });

  it('unlocks a locked account', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('tr[data-username="zhaolei"] button.unlock')?.click();
    const request = backend.expectOne(`/api/users/${USERS[2].id}/unlock`);
    expect(request.request.method).toBe('POST');
    request.flush({ ...USERS[2], lockedUntil: null });
    await fixture.whenStable();
    expect(page.querySelector('tr[data-username="zhaolei"] button.unlock')).toBeNull();
    expect(messages.success).toHaveBeenCalledWith('已解锁 赵磊');
  });

  it('creates a staff account, asking for the unit, and shows the generated password once', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('button.create')?.click();
    await fixture.whenStable();
    const drawer = document.querySelector('.ant-drawer') as HTMLElement;
    expect(drawer.querySelector('.ant-drawer-title')?.textContent?.trim()).toBe('新建用户');

    type(drawer, '#user-username', 'li si');
    type(drawer, '#user-display-name', '李四');
    const staff = [...drawer.querySelectorAll<HTMLElement>('.roles label')].find(
      (label) => label.textContent?.trim() === '专班工作人员',
    );
    staff?.querySelector<HTMLInputElement>('input')?.click();
    await fixture.whenStable();
    drawer.querySelector<HTMLButtonElement>('button.save')?.click();
    await fixture.whenStable();

    const errors = [...drawer.querySelectorAll('.ant-form-item-explain-error')].map(
      (e) => e.textContent?.trim(),
    );
    expect(errors).toEqual([
      '用户名须为 3–60 位字母、数字或 _ . -',
      '专班工作人员须选择所属单位',
    ]);
    backend.expectNone('/api/users');

    type(drawer, '#user-username', 'lisi');
    // Choosing a unit through nz-select's overlay is ng-zorro's business; set the control.
    const form = fixture.debugElement.query(
      (de) => de.name === 'crm-user-form',
    )?.componentInstance as { form: { controls: { unitId: { setValue(v: number): void } } } };
    form.form.controls.unitId.setValue(5);
    await fixture.whenStable();
    drawer.querySelector<HTMLButtonElement>('button.save')?.click();

    const request = backend.expectOne('/api/users');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      username: 'lisi',
      displayName: '李四',
      roles: ['staff'],
      unitId: 5,
      personId: null,
      active: true,
    });
    request.flush({
      user: userView({
        id: 'a0000000-0000-4000-8000-000000000009',
        username: 'lisi',
        displayName: '李四',
        roles: ['staff'],
        unitId: 5,
      }),
      initialPassword: 'Qm7pX2kz9Rw4',
    });
    await fixture.whenStable();
    await settle();

    expect(page.querySelector('tr[data-username="lisi"]')).not.toBeNull();
    expect(
      document.querySelector('[data-testid="initial-password"]')?.textContent?.trim(),
    ).toBe('Qm7pX2kz9Rw4');
    expect(messages.success).toHaveBeenCalledWith('已创建用户 李四');
  });

  it('resets a password to one the admin can copy', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('tr[data-username="xiaojun"] button.reset')?.click();
    await fixture.whenStable();
    const input = document.querySelector<HTMLInputElement>('#reset-password');
    expect(input?.value).toMatch(/^[A-Za-z2-9]{14}$/);

    type(document, '#reset-password', 'short');
    await fixture.whenStable();
    expect(document.querySelector<HTMLButtonElement>('button.confirm-reset')?.disabled).toBe(true);

    type(document, '#reset-password', 'Handed-over-2025');
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('button.confirm-reset')?.click();
    const request = backend.expectOne(`/api/users/${USERS[1].id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ password: 'Handed-over-2025' });
    request.flush(USERS[1]);
    await fixture.whenStable();
    expect(messages.success).toHaveBeenCalledWith(
      '已重置 肖军 的密码，请将新密码告知本人',
    );
  });

  it('ends a user’s sessions, remembered devices included, once the admin confirms', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('tr[data-username="xiaojun"] button.end-sessions')?.click();
    await fixture.whenStable();
    await settle(50);
    const popover = document.querySelector('.ant-popover');
    expect(popover?.textContent).toContain('结束 肖军 在所有设备上的登录（含记住的设备）？');
    backend.expectNone(`/api/users/${USERS[1].id}/sessions/end`);
    [...(popover?.querySelectorAll('button') ?? [])].find((b) => b.classList.contains('ant-btn-primary'))?.click();
    const request = backend.expectOne(`/api/users/${USERS[1].id}/sessions/end`);
    expect(request.request.method).toBe('POST');
    request.flush({ ended: 2 });
    await fixture.whenStable();
    expect(messages.success).toHaveBeenCalledWith('已结束 肖军 的 2 个登录');
    expect(page.querySelector('tr[data-username="admin"] button.end-sessions')).toBeNull();
  });

  it('deactivates an account once the admin confirms', async () => {
    const { fixture, page } = await render();
    page
      .querySelector<HTMLButtonElement>('tr[data-username="xiaojun"] button.deactivate')
      ?.click();
    await fixture.whenStable();
    await settle(50);
    const popover = document.querySelector('.ant-popover');
    expect(popover?.textContent).toContain(
      '停用后，肖军 将无法登录，当前登录立即失效。确定停用？',
    );
    backend.expectNone(`/api/users/${USERS[1].id}`);

    const ok = [...(popover?.querySelectorAll('button') ?? [])].find(
      (b) => b.classList.contains('ant-btn-primary'),
    );
    ok?.click();
    const request = backend.expectOne(`/api/users/${USERS[1].id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ active: false });
    request.flush({ ...USERS[1], active: false });
    await fixture.whenStable();
    expect(cells(page.querySelector('tr[data-username="xiaojun"]'))[5]).toBe('已停用');
    expect(messages.success).toHaveBeenCalledWith('已停用 肖军');
  });

  it('reactivates a deactivated account', async () => {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    backend
      .expectOne('/api/users')
      .flush([USERS[0], { ...USERS[1], active: false }]);
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne('/api/people').flush(PEOPLE);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    expect(cells(page.querySelector('tr[data-username="xiaojun"]'))[5]).toBe('已停用');
    page.querySelector<HTMLButtonElement>('tr[data-username="xiaojun"] button.activate')?.click();
    const request = backend.expectOne(`/api/users/${USERS[1].id}`);
    expect(request.request.body).toEqual({ active: true });
    request.flush(USERS[1]);
    await fixture.whenStable();
    expect(cells(page.querySelector('tr[data-username="xiaojun"]'))[5]).toBe('正常');
  });

  it('offers a retry when the list cannot be loaded', async () => {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    backend.expectOne('/api/users').flush(null, { status: 502, statusText: 'Bad Gateway' });
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne('/api/people').flush(PEOPLE);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.ant-result-title')?.textContent?.trim()).toBe('用户列表加载失败');
    page.querySelector<HTMLButtonElement>('button.retry')?.click();
    backend.expectOne('/api/users').flush(USERS);
    await fixture.whenStable();
    expect(page.querySelectorAll('tr[data-username]')).toHaveLength(3);
  });
});
