import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PlusOutline, UploadOutline } from '@ant-design/icons-angular/icons';
import type { AnnualPlanSummary, Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { plan, signIn, text, type } from '../testing/plan-fixtures';
import { PlanListPage } from './plan-list-page';

const SUMMARIES: AnnualPlanSummary[] = [
  { year: 2025, status: 'published', publishedAt: '2025-02-10T02:00:00.000Z', version: 4 },
  { year: 2026, status: 'draft', publishedAt: null, version: 2 },
];

describe('PlanListPage', () => {
  let backend: HttpTestingController;
  const messages = { success: jest.fn(), error: jest.fn() };

  beforeEach(() => {
    localStorage.clear();
    Object.values(messages).forEach((m) => m.mockReset());
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([PlusOutline, UploadOutline]),
        { provide: NzMessageService, useValue: messages },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(roles: Role[], plans: AnnualPlanSummary[] = SUMMARIES) {
    await signIn(backend, roles);
    const fixture = TestBed.createComponent(PlanListPage);
    await fixture.whenStable();
    backend.expectOne('/api/plans').flush(plans);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the years newest first with their status and publication day', async () => {
    const { page } = await render(['leader']);
    const rows = [...page.querySelectorAll('tr.plan')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => text(td)))).toEqual([
      ['2026年度工作方案', '草稿', '—'],
      ['2025年度工作方案', '已发布', '2025-02-10'],
    ]);
    expect(rows[0].querySelector('.status')?.classList).toContain('ant-tag-orange');
    expect(rows[1].querySelector('a.open-plan')?.getAttribute('href')).toBe('/plan/2025');
    // A leader reads: no drafting.
    expect(page.querySelector('button.draft-next')).toBeNull();
    expect(page.querySelector('.draft-hint')).toBeNull();
    expect([...page.querySelectorAll('crm-plan-subnav a')].map((a) => a.getAttribute('href'))).toEqual([
      '/plan',
      '/plan/roles',
      '/plan/baselines',
    ]);
  });

  it('lets the office draft next year’s plan from the latest one, then opens it', async () => {
    const { fixture, page } = await render(['office']);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(text(page.querySelector('button.draft-next'))).toBe('起草下一年度方案');
    expect(text(page.querySelector('.draft-hint'))).toContain('将以2026年度方案为底稿起草2027年度方案');

    page.querySelector<HTMLButtonElement>('button.draft-next')?.click();
    const request = backend.expectOne('/api/plans/2027/draft');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ fromYear: 2026 });
    request.flush(plan({ year: 2027, draftedFrom: 2026, version: 1 }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(messages.success).toHaveBeenCalledWith('已起草2027年度工作方案');
    expect(navigate).toHaveBeenCalledWith(['/plan', 2027]);
  });

  it('says why drafting was refused', async () => {
    const { fixture, page } = await render(['office']);
    page.querySelector<HTMLButtonElement>('button.draft-next')?.click();
    backend
      .expectOne('/api/plans/2027/draft')
      .flush({ message: '2027年度工作方案已存在 / The 2027 plan already exists' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(messages.error).toHaveBeenCalledWith('2027年度工作方案已存在');
  });

  it('explains an empty list, and lets the office start a blank plan for a year it types', async () => {
    const { fixture, page } = await render(['office'], []);
    expect(page.querySelector('button.draft-next')).toBeNull();
    expect(text(page.querySelector('.empty'))).toContain('尚未建立任何年度工作方案');
    expect(text(page.querySelector('.empty'))).toContain('新建一份空白方案');

    type(page, 'input.blank-year', '20x');
    await fixture.whenStable();
    expect(page.querySelector<HTMLButtonElement>('button.draft-blank')?.disabled).toBe(true);

    type(page, 'input.blank-year', '2025');
    await fixture.whenStable();
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    page.querySelector<HTMLButtonElement>('button.draft-blank')?.click();
    const request = backend.expectOne('/api/plans/2025/draft');
    expect(request.request.body).toEqual({});
    request.flush(plan({ year: 2025, draftedFrom: null }));
  });

  it('tells a reader who keeps the plans, with nothing to press', async () => {
    const { page } = await render(['staff'], []);
    expect(text(page.querySelector('.empty'))).toContain('年度工作方案由领导小组办公室建立');
    expect(page.querySelector('form.blank-form')).toBeNull();
  });

  it('shows the API’s words when the list fails, and tries again', async () => {
    await signIn(backend, ['admin']);
    const fixture = TestBed.createComponent(PlanListPage);
    await fixture.whenStable();
    backend.expectOne('/api/plans').flush({ message: '服务暂不可用 / Unavailable' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(text(page.querySelector('.ant-result-title'))).toBe('年度方案列表未能加载');
    expect(text(page.querySelector('.ant-result-subtitle'))).toBe('服务暂不可用');
    page.querySelector<HTMLButtonElement>('button.retry')?.click();
    await fixture.whenStable();
    backend.expectOne('/api/plans').flush([]);
  });
});
