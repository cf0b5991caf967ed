import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AnnualPlanSummary, FundsBaselineView, Role } from '@crm/domain';
import { NzMessageService } from 'ng-zorro-antd/message';
import { chains, click, settle, signIn, text, type } from '../testing/plan-fixtures';
import { PlanBaselinesPage } from './plan-baselines-page';

const PLANS: AnnualPlanSummary[] = [
  { year: 2026, status: 'draft', publishedAt: null, version: 2 },
  { year: 2025, status: 'published', publishedAt: '2025-02-10T02:00:00.000Z', version: 4 },
];

const BASELINES: FundsBaselineView[] = [
  { year: 2024, chainCode: 'clean-energy', sector: 'manufacturing', amount: '125000.000000', note: '统计年报', version: 2 },
  { year: 2024, chainCode: 'clean-energy', sector: 'modern-services', amount: '0.100000', note: '', version: 1 },
  { year: 2024, chainCode: 'salt-lake-chemical', sector: 'manufacturing', amount: '0.200000', note: '', version: 1 },
];

describe('PlanBaselinesPage', () => {
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
        { provide: NzMessageService, useValue: messages },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  const baselines = (year: number) =>
    backend.expectOne((r) => r.url === '/api/plans/baselines' && r.params.get('year') === String(year));

  async function render(roles: Role[], plans = PLANS) {
    await signIn(backend, roles);
    const fixture = TestBed.createComponent(PlanBaselinesPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    backend.expectOne('/api/plans').flush(plans);
    const stable = async () => {
      await fixture.whenStable();
      await settle();
      await fixture.whenStable();
    };
    return { fixture, page: fixture.nativeElement as HTMLElement, stable };
  }

  const row = (page: HTMLElement, chain: string) =>
    [...(page.querySelector(`tr[data-chain="${chain}"]`)?.querySelectorAll('td') ?? [])].map((td) => text(td));

  it('opens on the year before the earliest plan and shows each chain by sector with exact totals', async () => {
    const { page, stable } = await render(['leader']);
    baselines(2024).flush(BASELINES);
    await stable();
    expect(page.querySelector<HTMLInputElement>('#baseline-year')?.value).toBe('2024');
    expect(row(page, 'clean-energy')).toEqual(['清洁能源产业链', '—', '12.5亿元统计年报', '0.1万元', '12.50001亿元']);
    expect(row(page, 'salt-lake-chemical')).toEqual(['盐湖化工产业链', '—', '0.2万元', '—', '0.2万元']);
    expect(row(page, 'metallurgy')).toEqual(['冶金建材产业链', '—', '—', '—', '—']);
    // Sums of decimal strings, never floats: 0.1 + 0.2 is 0.3.
    expect([...page.querySelectorAll('tr.totals td')].map((td) => text(td))).toEqual([
      '合计',
      '—',
      '12.50002亿元',
      '0.1万元',
      '12.50003亿元',
    ]);
    expect(page.querySelector('button.edit-cell')).toBeNull();

    click(page, 'button.next-year');
    baselines(2025).flush([]);
    await stable();
    expect(row(page, 'clean-energy')).toEqual(['清洁能源产业链', '—', '—', '—', '—']);
  });

  it('lets the office enter a figure in 万元 with a note', async () => {
    const { page, stable } = await render(['office']);
    baselines(2024).flush(BASELINES);
    await stable();
    expect(text(page.querySelector('tr[data-chain="metallurgy"] td[data-sector="agri-pastoral"] button.edit-cell'))).toBe('录入');
    click(page, 'tr[data-chain="metallurgy"] td[data-sector="manufacturing"] button.edit-cell');
    await stable();
    expect(text(document.querySelector('.ant-modal-title'))).toBe('2024年 冶金建材产业链 · 制造业');
    type(document, '#baseline-amount', '-5');
    await stable();
    expect(text(document.querySelector('.ant-modal .field-error'))).toBe('金额不能为负数');
    expect(document.querySelector<HTMLButtonElement>('.ant-modal button.save-baseline')?.disabled).toBe(true);
    type(document, '#baseline-amount', '35000.5');
    type(document, '#baseline-note', '市统计局年报');
    await stable();
    expect(text(document.querySelector('.ant-modal .preview'))).toBe('= 3.50005亿元');
    click(document, '.ant-modal button.save-baseline');
    const request = backend.expectOne('/api/plans/baselines');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      year: 2024,
      chainCode: 'metallurgy',
      sector: 'manufacturing',
      amount: '35000.5',
      note: '市统计局年报',
      version: 0,
    });
    request.flush({ year: 2024, chainCode: 'metallurgy', sector: 'manufacturing', amount: '35000.500000', note: '市统计局年报', version: 1 });
    await stable();
    expect(row(page, 'metallurgy')).toEqual(['冶金建材产业链', '录入', '3.50005亿元 市统计局年报', '录入', '3.50005亿元']);
    expect(messages.success).toHaveBeenCalledWith('已保存2024年冶金建材产业链制造业实绩');
  });

  it('shows the figure someone else saved first (409) and sends its version with the next save', async () => {
    const { page, stable } = await render(['office']);
    baselines(2024).flush(BASELINES);
    await stable();
    click(page, 'tr[data-chain="clean-energy"] td[data-sector="manufacturing"] button.edit-cell');
    await stable();
    type(document, '#baseline-amount', '130000');
    await stable();
    click(document, '.ant-modal button.save-baseline');
    const first = backend.expectOne('/api/plans/baselines');
    expect(first.request.body.version).toBe(2);
    first.flush(
      {
        statusCode: 409,
        message: '该往年实绩已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again',
        current: { year: 2024, chainCode: 'clean-energy', sector: 'manufacturing', amount: '128000.000000', note: '更正', version: 3 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(text(document.querySelector('.ant-modal nz-alert, .ant-modal .ant-alert'))).toContain('该往年实绩已被他人修改');
    expect(document.querySelector<HTMLInputElement>('#baseline-amount')?.value).toBe('128000');
    expect(row(page, 'clean-energy')[2]).toBe('12.8亿元 更正');
    click(document, '.ant-modal button.save-baseline');
    const second = backend.expectOne('/api/plans/baselines');
    expect(second.request.body.version).toBe(3);
    second.flush({ ...second.request.body, amount: '128000.000000', version: 4 });
    await stable();
  });

  it('opens on last year when there is no plan yet', async () => {
    const { stable } = await render(['staff'], []);
    baselines(new Date().getFullYear() - 1).flush([]);
    await stable();
  });
});
