import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ReloadOutline, UndoOutline } from '@ant-design/icons-angular/icons';
import type { AuditEntryView, CurrentUserView, Role } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { AUDIT_PAGE_SIZE, AuditLogPage, localDay } from './audit-log-page';

function entry(id: number, overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: String(id),
    at: '2025-03-01T02:15:00.000Z',
    userId: 'a0000000-0000-4000-8000-000000000001',
    username: 'admin',
    action: 'update',
    entityType: 'user',
    entityId: 'b0000000-0000-4000-8000-00000000000' + (id % 10),
    projectId: null,
    before: { displayName: '张三' },
    after: { displayName: '张三丰' },
    ...overrides,
  };
}

const page = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => entry(from - i));

describe('AuditLogPage', () => {
  let backend: HttpTestingController;

  async function signIn(roles: Role[]): Promise<void> {
    const auth = TestBed.inject(AuthService);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush({
      id: 'c1',
      username: 'office1',
      displayName: '办公室',
      roles,
      unit: null,
      person: null,
      chainCodes: [],
      editableChainCodes: [],
      mustChangePassword: false,
    } satisfies CurrentUserView);
    await loaded;
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([ReloadOutline, UndoOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const audit = (): TestRequest =>
    backend.expectOne((request) => request.url === '/api/audit');

  async function render(roles: Role[] = ['office']) {
    await signIn(roles);
    const fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the newest entries and expands one to its before and after', async () => {
    const { fixture, element } = await render();
    const first = audit();
    expect(first.request.params.get('limit')).toBe(String(AUDIT_PAGE_SIZE));
    expect(first.request.params.has('beforeId')).toBe(false);
    first.flush([
      entry(12),
      entry(11, {
        action: 'lock',
        username: 'zhaolei',
        userId: 'a0000000-0000-4000-8000-000000000003',
        before: null,
        after: { lockedUntil: '2025-03-01T02:30:00.000Z', failedAttempts: 5 },
      }),
    ]);
    await fixture.whenStable();

    const rows = [...element.querySelectorAll('tr.entry')];
    expect(rows).toHaveLength(2);
    const text = (e: Element | null | undefined) =>
      e?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text(rows[0].querySelector('nz-tag'))).toBe('修改');
    expect(text(rows[1].querySelector('nz-tag'))).toBe('锁定账号');
    expect(text(rows[0].querySelector('.entity-type'))).toBe('用户');
    expect(element.querySelector('crm-audit-diff-table')).toBeNull();

    rows[0].querySelector<HTMLButtonElement>('.ant-table-row-expand-icon')?.click();
    await fixture.whenStable();
    const diff = element.querySelector('crm-audit-diff-table');
    expect(
      [...(diff?.querySelectorAll('.diff > tbody > tr') ?? [])].map((tr) =>
        [...tr.children].map((cell) => text(cell)),
      ),
    ).toEqual([['displayName', '"张三"', '"张三丰"']]);
    expect(text(element.querySelector('.more'))).toBe('已加载全部 2 条记录');
  });

  it('loads older entries with beforeId = the last id shown', async () => {
    const { fixture, element } = await render();
    audit().flush(page(500, AUDIT_PAGE_SIZE));
    await fixture.whenStable();
    const more = element.querySelector<HTMLButtonElement>('button.load-more');
    expect(more?.textContent?.trim()).toBe('加载更多');

    more?.click();
    const next = audit();
    expect(next.request.params.get('beforeId')).toBe(String(500 - AUDIT_PAGE_SIZE + 1));
    next.flush(page(500 - AUDIT_PAGE_SIZE, 3));
    await fixture.whenStable();

    expect(element.querySelectorAll('tr.entry')).toHaveLength(AUDIT_PAGE_SIZE + 3);
    expect(element.querySelector('button.load-more')).toBeNull();
  });

  it('filters by record type and by dates, the last day included', async () => {
    const { fixture, element } = await render();
    audit().flush([entry(3, { entityType: 'enterprise' })]);
    await fixture.whenStable();

    const component = fixture.componentInstance as unknown as {
      setEntityType(type: string | null): void;
    };
    component.setEntityType('enterprise');
    const byType = audit();
    expect(byType.request.params.get('entityType')).toBe('enterprise');
    byType.flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('没有符合条件的记录');

    const from = element.querySelector<HTMLInputElement>('#audit-from');
    const to = element.querySelector<HTMLInputElement>('#audit-to');
    if (!from || !to) throw new Error('no date inputs');
    from.value = '2025-03-01';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    audit().flush([]);
    to.value = '2025-03-31';
    to.dispatchEvent(new Event('change', { bubbles: true }));
    const byDates = audit();
    expect(byDates.request.params.get('from')).toBe(
      new Date(2025, 2, 1).toISOString(),
    );
    expect(byDates.request.params.get('to')).toBe(
      new Date(2025, 3, 1).toISOString(),
    );
    byDates.flush([]);
    await fixture.whenStable();

    // An end before the start is pointed out, not sent.
    to.value = '2025-02-01';
    to.dispatchEvent(new Event('change', { bubbles: true }));
    await fixture.whenStable();
    backend.expectNone((request) => request.url === '/api/audit');
    expect(element.querySelector('.bad-range')?.textContent?.trim()).toBe(
      '截止日期不能早于起始日期',
    );

    element.querySelector<HTMLButtonElement>('button.reset')?.click();
    const reset = audit();
    expect(reset.request.params.keys()).toEqual(['limit']);
    reset.flush([]);
  });

  it('offers an admin every user to filter by, and the office the users seen', async () => {
    const { fixture } = await render(['admin']);
    backend.expectOne('/api/users').flush([
      {
        id: 'u1',
        username: 'lisi',
        displayName: '李四',
        roles: ['staff'],
        unitId: 5,
        personId: null,
        active: true,
        lockedUntil: null,
        createdAt: '',
        updatedAt: '',
      },
    ]);
    audit().flush([entry(1)]);
    await fixture.whenStable();
    const options = (fixture.componentInstance as unknown as {
      userOptions(): { id: string; label: string }[];
    }).userOptions();
    expect(options.map((o) => o.label)).toEqual(['admin', '李四（lisi）']);
  });

  it('shows why the log could not be loaded, with a retry', async () => {
    const { fixture, element } = await render();
    audit().flush(
      { statusCode: 400, message: 'from 应为日期时间 / from must be an ISO 8601 date-time' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.ant-result-title')?.textContent?.trim()).toBe(
      '审计日志加载失败',
    );
    expect(element.querySelector('.ant-result-subtitle')?.textContent?.trim()).toBe(
      'from 应为日期时间',
    );
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    audit().flush([]);
  });
});

describe('localDay', () => {
  it('reads a date input’s value as the start of that local day', () => {
    expect(localDay('2025-12-31', 1)).toEqual(new Date(2026, 0, 1));
    expect(localDay('')).toBeNull();
  });
});
