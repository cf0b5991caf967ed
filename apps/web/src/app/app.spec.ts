import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  ApartmentOutline,
  BellOutline,
  ClusterOutline,
  CloudUploadOutline,
  DashboardOutline,
  FileTextOutline,
  FormOutline,
  DatabaseOutline,
  DownOutline,
  FileSearchOutline,
  FlagOutline,
  GlobalOutline,
  KeyOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
  ProjectOutline,
  ScheduleOutline,
  TeamOutline,
  UserOutline,
} from '@ant-design/icons-angular/icons';
import type { CurrentUserView, Role } from '@crm/domain';
import { AuthService, I18nService, provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { appRoutes } from './app.routes';
import { PageStyles } from './layout/page-styles';
import { PageTitleStrategy } from './page-title';

function user(roles: Role[]): CurrentUserView {
  return {
    id: '0e6f4a3b-5c2d-4e1f-8a9b-7c6d5e4f3a2b',
    username: 'liming',
    displayName: '李明',
    roles,
    unit: null,
    person: null,
    chainCodes: [],
    editableChainCodes: [],
    mustChangePassword: false,
  };
}

describe('the shell', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    // The notification bell loads when the browser is idle and then polls the API; it has tests of
    // its own (libs/web/reporting). Here the browser is never idle, so the shell's requests are
    // the only ones to answer.
    window.requestIdleCallback = () => 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        // jsdom loads no stylesheet (PageStyles has a spec of its own).
        { provide: PageStyles, useValue: { load: () => Promise.resolve() } },
        { provide: TitleStrategy, useExisting: PageTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18n(),
        provideNzIcons([
          ApartmentOutline,
          BellOutline,
          ClusterOutline,
          CloudUploadOutline,
          DashboardOutline,
          FileTextOutline,
          FormOutline,
          DatabaseOutline,
          DownOutline,
          FileSearchOutline,
          FlagOutline,
          GlobalOutline,
          KeyOutline,
          LogoutOutline,
          MenuFoldOutline,
          MenuUnfoldOutline,
          ProjectOutline,
          ScheduleOutline,
          TeamOutline,
          UserOutline,
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  /** Opens `url` with GET /api/auth/me answering `me`, or 401 when null. */
  async function open(url: string, me: CurrentUserView | null) {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.expectOne('/api/auth/me');
    if (me) {
      request.flush(me);
    } else {
      request.flush(
        { message: '请先登录 / Please sign in' },
        { status: 401, statusText: 'Unauthorized' },
      );
    }
    await navigation;
    await harness.fixture.whenStable();
    return {
      harness,
      page: harness.fixture.nativeElement as HTMLElement,
    };
  }

  const menu = (page: HTMLElement) =>
    [...page.querySelectorAll('[nz-menu-item] a')].map((a) =>
      a.textContent?.trim(),
    );

  it('asks a visitor to sign in first', async () => {
    const { page } = await open('/', null);
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(page.querySelector('crm-sign-in-page h1')?.textContent).toBe(
      '产业链招商管理平台',
    );
    expect(page.querySelector('crm-basic-layout')).toBeNull();
  });

  it('opens on the chain overview, in Chinese, with the user in the header', async () => {
    const { harness, page } = await open('/', user(['office']));
    expect(TestBed.inject(Router).url).toBe('/chains');
    backend.expectOne('/api/chains').flush([]);
    await harness.fixture.whenStable();

    expect(page.querySelector('.brand-title')?.textContent).toBe(
      '产业链招商管理平台',
    );
    expect(page.querySelector('.user-name')?.textContent).toBe('李明');
    expect(page.querySelector('.user-roles')?.textContent).toBe(
      '领导小组办公室',
    );
    expect(page.querySelector('crm-chain-overview-page')).not.toBeNull();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('shows each role only the pages it may open', async () => {
    const staff = await open('/chains', user(['staff']));
    backend.expectOne('/api/chains').flush([]);
    expect(menu(staff.page)).toEqual([
      '产业链总览',
      '招商图谱',
      '招商活动',
      '年度工作方案',
      '项目库',
      '企业库',
      '项目看板',
      '要素保障',
      '部门预审',
      '月度报送',
      '月通报',
      '调度会议',
      '台账导入导出',
    ]);
  });

  it('shows the office the audit log', async () => {
    const office = await open('/chains', user(['office']));
    backend.expectOne('/api/chains').flush([]);
    expect(menu(office.page)).toEqual([
      '领导驾驶舱',
      '产业链总览',
      '招商图谱',
      '招商活动',
      '年度工作方案',
      '项目库',
      '企业库',
      '项目看板',
      '月度报送',
      '月度汇总报告',
      '月通报',
      '调度会议',
      '台账导入导出',
      '审计日志',
    ]);
  });

  it('shows the admin the users and the audit log', async () => {
    const admin = await open('/chains', user(['admin']));
    backend.expectOne('/api/chains').flush([]);
    expect(menu(admin.page)).toEqual([
      '领导驾驶舱',
      '产业链总览',
      '招商图谱',
      '招商活动',
      '年度工作方案',
      '项目库',
      '企业库',
      '项目看板',
      '月度报送',
      '月度汇总报告',
      '月通报',
      '调度会议',
      '台账导入导出',
      '用户管理',
      '审计日志',
    ]);
  });

  it('refuses the users page to the office without leaving the layout', async () => {
    const { page } = await open('/users', user(['office']));
    expect(TestBed.inject(Router).url).toBe('/forbidden');
    expect(page.querySelector('.ant-result-title')?.textContent?.trim()).toBe(
      '无权访问',
    );
    expect(page.querySelector('crm-basic-layout')).not.toBeNull();
  });

  it('signs out from the user menu and returns to the sign-in page', async () => {
    const { harness, page } = await open('/chains', user(['staff']));
    backend.expectOne('/api/chains').flush([]);

    page.querySelector<HTMLButtonElement>('.user-trigger')?.click();
    // ng-zorro opens the dropdown after a short debounce.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await harness.fixture.whenStable();
    const signOut = document.querySelector<HTMLButtonElement>('.sign-out');
    expect(signOut?.textContent?.trim()).toBe('退出登录');
    expect(
      document.querySelector('.change-password')?.getAttribute('href'),
    ).toBe('/account/password');
    signOut?.click();

    const request = backend.expectOne('/api/auth/sign-out');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(TestBed.inject(AuthService).user()).toBeNull();
  });

  it('switches the whole interface to English from the header', async () => {
    const { harness, page } = await open('/chains', user(['leader']));
    backend.expectOne('/api/chains').flush([]);
    await harness.fixture.whenStable();

    const english = [
      ...page.querySelectorAll<HTMLElement>('.lang-switch label'),
    ].find((label) => label.textContent?.trim() === 'English');
    english?.click();
    await harness.fixture.whenStable();

    expect(TestBed.inject(I18nService).lang()).toBe('en');
    expect(page.querySelector('.brand-title')?.textContent).toBe(
      'Industry-Chain Investment CRM',
    );
    expect(page.querySelector('h1')?.textContent?.trim()).toBe(
      'The "5+2" industry-chain task forces',
    );
    expect(page.querySelector('.user-roles')?.textContent).toBe(
      'Liaison / responsible leader',
    );
  });

  it('names the browser tab after the page, in the current language', async () => {
    const { harness } = await open('/chains', user(['staff']));
    backend.expectOne('/api/chains').flush([]);
    await harness.fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe('产业链总览 - 产业链招商管理平台');

    await TestBed.inject(I18nService).use('en');
    await harness.fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe(
      'Industry chains - Industry-Chain Investment CRM',
    );
  });

  it('sends unknown addresses to the chain overview', async () => {
    await open('/no/such/page', user(['staff']));
    expect(TestBed.inject(Router).url).toBe('/chains');
    backend.expectOne('/api/chains').flush([]);
  });
});
