import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { BellOutline } from '@ant-design/icons-angular/icons';
import type { NotificationView } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { BELL_REFRESH_MS, NotificationBell } from './notification-bell';

function notice(id: string, overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id,
    kind: 'report-returned',
    title: '2025-03 月报被退回修改 / Your 2025-03 report was returned for revision',
    body: '请补充签约项目明细',
    link: '/reports/2025-03',
    createdAt: '2025-03-27T02:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

describe('NotificationBell', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers({ advanceTimers: true });
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([BellOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  const count = () => backend.match('/api/notifications/unread-count');

  it('shows the unread count and refreshes it without piling up requests', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    jest.advanceTimersByTime(0);
    const first = count();
    expect(first).toHaveLength(1);
    // A minute passes and the user navigates while the first answer is still out: no second request.
    jest.advanceTimersByTime(BELL_REFRESH_MS);
    await TestBed.inject(Router).navigateByUrl('/projects');
    expect(count()).toHaveLength(0);
    first[0].flush({ unread: 3 });
    await fixture.whenStable();
    const badge = (fixture.nativeElement as HTMLElement).querySelector('.bell');
    expect(badge?.getAttribute('aria-label')).toBe('通知（3 条未读）');

    await TestBed.inject(Router).navigateByUrl('/chains');
    const next = count();
    expect(next).toHaveLength(1);
    next[0].flush({ unread: 0 });
    await fixture.whenStable();
    expect(badge?.getAttribute('aria-label')).toBe('通知');
  });

  it('lists the notifications, marks one read and follows its link, and marks all read', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    jest.advanceTimersByTime(0);
    count()[0].flush({ unread: 2 });
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('.bell')?.click();
    backend.expectOne('/api/notifications').flush({
      items: [notice('n2'), notice('n1', { kind: 'report-reminder', title: '请报送 / Please report', body: '截止 / Due', link: null })],
      unread: 2,
    });
    await fixture.whenStable();
    const items = [...document.querySelectorAll('.notice')];
    expect(items.map((li) => li.querySelector('.notice-title')?.textContent?.trim())).toEqual([
      '2025-03 月报被退回修改',
      '请报送',
    ]);
    expect(items[0].querySelector('.notice-body')?.textContent).toBe('请补充签约项目明细');
    expect(items[1].querySelector('.kind')?.textContent).toBe('催报提醒');

    items[0].querySelector<HTMLButtonElement>('.notice-main')?.click();
    backend.expectOne('/api/notifications/n2/read').flush(notice('n2', { readAt: '2025-03-27T03:00:00.000Z' }));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/reports/2025-03');
    count()[0]?.flush({ unread: 1 });
    await fixture.whenStable();

    (fixture.componentInstance as unknown as { markAllRead(): void }).markAllRead();
    const all = backend.expectOne('/api/notifications/read-all');
    expect(all.request.method).toBe('POST');
    all.flush({ marked: 1 });
    await fixture.whenStable();
    expect(element.querySelector('.bell')?.getAttribute('aria-label')).toBe('通知');
    // Once the server has it, the count is asked for again.
    count()[0].flush({ unread: 0 });
    await fixture.whenStable();
    expect(element.querySelector('.bell')?.getAttribute('aria-label')).toBe('通知');
  });

  it('does not let a count asked for before a notice was read bring the badge back', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    jest.advanceTimersByTime(0);
    count()[0].flush({ unread: 1 });
    const element = fixture.nativeElement as HTMLElement;
    const label = () => element.querySelector('.bell')?.getAttribute('aria-label');
    element.querySelector<HTMLButtonElement>('.bell')?.click();
    backend.expectOne('/api/notifications').flush({ items: [notice('n1')], unread: 1 });
    await fixture.whenStable();

    // A minute passes: a count is out when the user chooses the notice, and answers 1 after.
    jest.advanceTimersByTime(BELL_REFRESH_MS);
    const stale = count();
    expect(stale).toHaveLength(1);
    document.querySelector<HTMLButtonElement>('.notice-main')?.click();
    const read = backend.expectOne('/api/notifications/n1/read');
    stale[0].flush({ unread: 1 });
    await fixture.whenStable();
    expect(label()).toBe('通知');

    read.flush(notice('n1', { readAt: '2025-03-27T03:00:00.000Z' }));
    await fixture.whenStable();
    for (const request of count()) request.flush({ unread: 0 });
    await fixture.whenStable();
    expect(label()).toBe('通知');
  });
});
