import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { BellOutline, LeftOutline, LockOutline, ReloadOutline, RightOutline } from '@ant-design/icons-angular/icons';
import type { SubmissionBoardCell, SubmissionBoardView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { monthlyReportRoutes } from '../routes';
import { currentUser, report } from '../testing/fixtures';

function cell(period: string, overrides: Partial<SubmissionBoardCell> = {}): SubmissionBoardCell {
  return {
    period,
    state: 'missing',
    reportId: null,
    hasDraft: false,
    submittedAt: null,
    late: null,
    dueAt: `${period}-25T16:00:00.000Z`,
    extendedTo: null,
    lastRemindedAt: null,
    canRemind: true,
    ...overrides,
  };
}

const BOARD: SubmissionBoardView = {
  from: '2025-02',
  to: '2025-03',
  asOf: '2025-04-01T02:00:00.000Z',
  periods: [
    { period: '2025-02', dueAt: '2025-02-25T16:00:00.000Z', opened: true, locked: true, lockableFrom: '2025-02-28T16:00:00.000Z', window: { from: '2025-01-26', to: '2025-02-25' }, version: 3 },
    { period: '2025-03', dueAt: '2025-03-25T16:00:00.000Z', opened: true, locked: false, lockableFrom: '2025-03-31T16:00:00.000Z', window: { from: '2025-02-26', to: '2025-03-25' }, version: 2 },
  ],
  rows: [
    {
      unitId: 5,
      unitName: '市能源局',
      staffAccounts: 2,
      cells: [
        cell('2025-02', { state: 'accepted', submittedAt: '2025-02-20T02:00:00.000Z', late: false, canRemind: false, reportId: 'r0' }),
        cell('2025-03', { state: 'late', submittedAt: '2025-03-27T02:00:00.000Z', late: true, canRemind: false, reportId: 'a0000000-0000-4000-8000-000000000001' }),
      ],
    },
    {
      unitId: 7,
      unitName: '市工信局',
      staffAccounts: 1,
      cells: [cell('2025-02', { canRemind: false }), cell('2025-03')],
    },
  ],
};

describe('SubmissionBoardPage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'reports', children: monthlyReportRoutes }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([BellOutline, LeftOutline, LockOutline, ReloadOutline, RightOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser(['office']));
    await loaded;
  });

  afterEach(() => backend.verify());

  async function open(board: SubmissionBoardView = BOARD) {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/reports?until=2025-03');
    await new Promise((resolve) => setTimeout(resolve));
    const request = backend.expectOne((r) => r.url === '/api/monthly-reports/board');
    expect(request.request.params.get('to')).toBe('2025-03');
    expect(request.request.params.get('from')).toBe('2024-10');
    request.flush(board);
    await navigation;
    await harness.fixture.whenStable();
    return { harness, page: harness.fixture.nativeElement as HTMLElement };
  }

  it('shows units × months with a colour per state and a legend', async () => {
    const { page } = await open();
    const states = [...page.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td .state')].map((tag) => tag.textContent?.trim()),
    );
    expect(states).toEqual([
      ['审核通过', '逾期报送'],
      ['未报送', '未报送'],
    ]);
    expect(page.querySelector('td[data-state="missing"] nz-tag')?.className).toContain('ant-tag-red');
    expect([...page.querySelectorAll('.legend nz-tag')].map((t) => t.textContent?.trim())).toEqual([
      '未到期', '填报中', '未报送', '按时报送', '逾期报送', '退回修改', '审核通过',
    ]);
    expect(page.querySelector('th[data-period="2025-02"] .locked-tag')).not.toBeNull();
    expect(page.querySelectorAll('button.remind')).toHaveLength(1);
  });

  it('marks a unit without staff accounts 无账号, offers it no reminder and says so up front', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/reports?until=2025-03');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne((r) => r.url === '/api/monthly-reports/board').flush({
      ...BOARD,
      rows: [
        BOARD.rows[0],
        { ...BOARD.rows[1], staffAccounts: 0, cells: BOARD.rows[1].cells.map((c) => ({ ...c, canRemind: false })) },
      ],
    });
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.querySelector('tr[data-unit="市工信局"] .no-accounts')?.textContent?.trim()).toBe('无账号');
    expect(page.querySelector('tr[data-unit="市能源局"] .no-accounts')).toBeNull();
    expect(page.querySelectorAll('button.remind')).toHaveLength(0);
    expect(page.querySelector('.no-accounts-notice')?.textContent).toContain('以下1个单位尚无专班工作人员账号，既无法填报月报，也收不到催报：市工信局');
    // The office is pointed to the administrator; the users page is not theirs.
    expect(page.querySelector('.no-accounts-notice a.to-users')).toBeNull();
  });

  it('locks a period with the version read', async () => {
    const { harness } = await open();
    const board = harness.routeDebugElement?.componentInstance as { lock(period: unknown): void };
    board.lock(BOARD.periods[1]);
    const lock = backend.expectOne('/api/reporting-periods/2025-03/lock');
    expect(lock.request.body).toEqual({ version: 2 });
    lock.flush(
      { statusCode: 409, message: '该报告期已被他人修改，请刷新后再试 / Someone else changed this reporting period', current: {} },
      { status: 409, statusText: 'Conflict' },
    );
    // The board reads the period again.
    backend.expectOne((r) => r.url === '/api/monthly-reports/board').flush(BOARD);
    await harness.fixture.whenStable();
    expect(document.body.textContent).toContain('该报告期已被他人修改，请刷新后再试');
  });

  it('shows each month’s window and lets the office move an open month’s cut-off; a refusal says why', async () => {
    const { harness, page } = await open();
    const march = page.querySelector('th.month[data-period="2025-03"]');
    expect(march?.querySelector('.month-window')?.textContent?.trim()).toBe('2/26–3/25');
    // February is locked: its window shows, no cut-off to move.
    expect(page.querySelector('th.month[data-period="2025-02"] input.cutoff')).toBeNull();
    const input = march?.querySelector<HTMLInputElement>('input.cutoff');
    expect([input?.value, input?.min, input?.max]).toEqual(['2025-03-25', '2025-03-01', '2025-03-31']);
    if (!input) throw new Error('no cut-off input');
    input.value = '2025-03-28';
    input.dispatchEvent(new Event('change'));
    const put = backend.expectOne('/api/reporting-periods/2025-03/cutoff');
    expect([put.request.method, put.request.body]).toEqual(['PUT', { cutoff: '2025-03-28', version: 2 }]);
    put.flush(
      { statusCode: 422, message: '2025-02 报告期已锁定，不能再调整统计截止日 / The period 2025-02 is locked; its window can no longer change' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    backend.expectOne((r) => r.url === '/api/monthly-reports/board').flush(BOARD);
    await harness.fixture.whenStable();
    expect(document.body.textContent).toContain('不能再调整统计截止日');
  });

  it('offers the lock only once the month’s window has closed, and says from when', async () => {
    const early = await open({ ...BOARD, asOf: '2025-03-28T02:00:00.000Z' });
    const march = early.page.querySelector('th.month[data-period="2025-03"]');
    expect(march?.querySelector('button.lock')).toBeNull();
    expect(march?.querySelector('.lock-later')?.textContent?.trim()).toBe('2025-04-01 起可锁定');
    early.harness.fixture.destroy();
  });

  it('shows the lock once the window has closed', async () => {
    const { page } = await open();
    expect(page.querySelector('th.month[data-period="2025-03"] button.lock')).not.toBeNull();
  });

  it('reminds a unit with one click', async () => {
    const { harness } = await open();
    const board = harness.routeDebugElement?.componentInstance as {
      remind(row: unknown, cell: unknown): void;
    };
    board.remind(BOARD.rows[1], BOARD.rows[1].cells[1]);
    const remind = backend.expectOne('/api/monthly-reports/reminders');
    expect(remind.request.body).toEqual({ unitId: 7, period: '2025-03' });
    remind.flush({ unitId: 7, period: '2025-03', recipients: 2, sentAt: '2025-03-28T02:00:00.000Z' });
    backend.expectOne((r) => r.url === '/api/monthly-reports/board').flush(BOARD);
    await harness.fixture.whenStable();
    expect(document.body.textContent).toContain('已向市工信局发送催报提醒（2 人）');
  });

  it('opens a unit’s report and returns it with a comment', async () => {
    const { harness, page } = await open();
    page.querySelector<HTMLButtonElement>('tr[data-unit="市能源局"] td[data-period="2025-03"] button.open')?.click();
    await harness.fixture.whenStable();
    backend
      .expectOne('/api/monthly-reports/a0000000-0000-4000-8000-000000000001')
      .flush(report({ state: 'submitted', workDone: '走访企业12家', submittedAt: '2025-03-27T02:00:00.000Z', late: true, version: 4 }));
    await harness.fixture.whenStable();
    const drawer = document.querySelector('.ant-drawer') as HTMLElement;
    expect(drawer.querySelector('.work-done')?.textContent).toBe('走访企业12家');

    drawer.querySelector<HTMLButtonElement>('button.return')?.click();
    await harness.fixture.whenStable();
    expect(drawer.querySelector('.review .error')?.textContent).toBe('请填写退回意见');
    const comment = drawer.querySelector<HTMLTextAreaElement>('#review-comment');
    if (!comment) throw new Error('no comment box');
    comment.value = '请补充签约项目明细';
    comment.dispatchEvent(new Event('input'));
    drawer.querySelector<HTMLButtonElement>('button.return')?.click();
    const returned = backend.expectOne('/api/monthly-reports/a0000000-0000-4000-8000-000000000001/return');
    expect(returned.request.body).toEqual({ version: 4, comment: '请补充签约项目明细' });
    returned.flush(report({ state: 'returned', returnComment: '请补充签约项目明细', version: 5 }));
    backend.expectOne((r) => r.url === '/api/monthly-reports/board').flush(BOARD);
    await harness.fixture.whenStable();
    expect(drawer.querySelector('.returned')?.textContent).toContain('请补充签约项目明细');
  });
});
