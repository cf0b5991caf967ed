import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ReloadOutline } from '@ant-design/icons-angular/icons';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { monthlyReportRoutes } from '../routes';
import { currentUser, report } from '../testing/fixtures';

describe('MonthlyReportPage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'reports', children: monthlyReportRoutes }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([ReloadOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser(['staff']));
    await loaded;
  });

  afterEach(() => backend.verify());

  async function open(answer = report()) {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/reports/2025-03');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/reporting-periods').flush([]);
    backend.expectOne('/api/monthly-reports/mine/2025-03').flush(answer);
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    const text = (selector: string) => page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    const type = async (id: string, value: string) => {
      const area = page.querySelector<HTMLTextAreaElement>(`#report-${id}`);
      if (!area) throw new Error(`no ${id}`);
      area.value = value;
      area.dispatchEvent(new Event('input'));
      await harness.fixture.whenStable();
    };
    return { harness, page, text, type };
  }

  it('shows the pre-filled figures, the state and the deadline', async () => {
    const { page, text } = await open();
    expect(text('.state-tag')).toBe('草稿');
    expect(text('.deadline')).toContain('报送截止：2025-03-25（当日24时前）');
    expect(text('[data-chain="clean-energy"] .activities')).toContain('走访 2');
    expect(text('[data-chain="clean-energy"] .signings')).toMatch(/1 个\s*12亿元/);
    expect(text('[data-chain="clean-energy"] .funds')).toContain('5000万元');
    expect(text('.tasks')).toContain('推进光伏制造项目落地');
    expect(text('.tasks .items li')).toBe('按序时推进光伏组件回收利用 年内目标：项目签约 （力争…项目落地实施） · 现处对接洽谈');
    expect(page.querySelectorAll('textarea[readonly]')).toHaveLength(0);
  });

  it('prints the window it covers, and what came after the last report was submitted, flagged', async () => {
    const base = report();
    const { page, text } = await open({
      ...base,
      figures: {
        ...base.figures,
        window: { from: '2025-02-26', to: '2025-03-25' },
        afterSubmission: {
          period: '2025-02',
          window: { from: '2025-01-26', to: '2025-02-25' },
          submittedAt: '2025-02-20T02:00:00.000Z',
          chains: [
            {
              chainId: 1,
              chainCode: 'clean-energy',
              chainName: '清洁能源产业链',
              newLeads: 1,
              stageMoves: 0,
              signings: { count: 1, amount: '3000' },
              fundsInPlace: '0',
            },
          ],
        },
      },
    });
    expect(text('.window')).toBe('统计区间：2025年2月26日—3月25日');
    expect(text('.after-submission .ant-card-head-title')).toBe('报送后新增');
    expect(text('.after-submission .note')).toContain('2025-02报告期（2025年1月26日—2月25日）');
    expect(text('.after-submission .note')).toContain('2025-02-20 10:00');
    const cells = [...page.querySelectorAll('.after-submission [data-chain="clean-energy"] > *')].map((c) =>
      c.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells).toEqual(['清洁能源产业链', '1', '0', '1 个 · 3000万元', '0万元']);
    expect(page.querySelectorAll('.after-submission tbody tr')).toHaveLength(1);
  });

  it('says nothing of after-submission events when there are none', async () => {
    const { page } = await open();
    expect(page.querySelector('.after-submission')).toBeNull();
  });

  it('saves the draft with the version read, and shows the other save on 409', async () => {
    const { harness, page, text, type } = await open();
    await type('workDone', '走访企业12家');
    page.querySelector<HTMLButtonElement>('button.save')?.click();
    const save = backend.expectOne('/api/monthly-reports/mine/2025-03');
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({ workDone: '走访企业12家', problems: '', nextMonthPlan: '', version: 1 });
    save.flush(
      { statusCode: 409, message: '月报已被他人修改 / stale', current: report({ workDone: '同事写的内容', version: 2 }) },
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();
    expect(text('.stale')).toContain('同事写的内容');

    page.querySelector<HTMLButtonElement>('button.keep-mine')?.click();
    await harness.fixture.whenStable();
    expect(page.querySelector('.stale')).toBeNull();
    expect(page.querySelector<HTMLTextAreaElement>('#report-workDone')?.value).toBe('走访企业12家');
    page.querySelector<HTMLButtonElement>('button.save')?.click();
    const again = backend.expectOne('/api/monthly-reports/mine/2025-03');
    expect(again.request.body.version).toBe(2);
    again.flush(report({ workDone: '走访企业12家', version: 3 }));
  });

  it('asks for the work done before submitting, then saves and submits', async () => {
    const { harness, text, type } = await open(report({ version: 0, id: null }));
    const component = harness.routeDebugElement?.componentInstance as { submit(): void };
    component.submit();
    await harness.fixture.whenStable();
    expect(text('nz-form-item')).toContain('提交前请填写工作开展情况');

    await type('workDone', '本月洽谈项目5个');
    component.submit();
    backend
      .expectOne((r) => r.method === 'PUT')
      .flush(report({ workDone: '本月洽谈项目5个', version: 1 }));
    const submit = backend.expectOne('/api/monthly-reports/mine/2025-03/submit');
    expect(submit.request.body).toEqual({ version: 1 });
    submit.flush(
      report({
        workDone: '本月洽谈项目5个',
        state: 'submitted',
        submittedAt: '2025-03-26T01:00:00.000Z',
        late: true,
        version: 2,
      }),
    );
    await harness.fixture.whenStable();
    expect(text('.state-tag')).toBe('已提交');
    expect(text('.stamp')).toBe('逾期报送');
    expect(text('.state-alert')).toContain('提交时间：2025-03-26 09:00');
    expect(harness.fixture.nativeElement.querySelector('button.submit')).toBeNull();
    expect(harness.fixture.nativeElement.querySelectorAll('textarea[readonly]')).toHaveLength(3);
  });

  it('shows the office’s comment on a returned report', async () => {
    const { text } = await open(
      report({ state: 'returned', returnComment: '请补充签约项目明细', submittedAt: '2025-03-20T01:00:00.000Z', late: false }),
    );
    expect(text('.state-alert.returned')).toContain('请补充签约项目明细');
    expect(text('button.submit')).toBe('重新提交');
  });
});
