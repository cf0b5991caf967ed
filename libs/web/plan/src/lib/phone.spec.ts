import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline } from '@ant-design/icons-angular/icons';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { of } from 'rxjs';
import { PlanEditorPage } from './editor/plan-editor-page';
import { chains, plan, settle, signIn, text } from './testing/plan-fixtures';

/** On a phone the plan's tables are cards, one per line, so nothing is read by scrolling sideways. */
describe('the plan on a phone', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'plan/:year', component: PlanEditorPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline]),
        { provide: NzMessageService, useValue: { success: jest.fn(), error: jest.fn() } },
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: true, breakpoints: {} }) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('shows each chain’s targets and each difference as a card', async () => {
    await signIn(backend, ['leader']);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/plan/2026');
    backend.expectOne('/api/chains').flush(chains());
    backend.expectOne('/api/plans/2026').flush(plan());
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    expect(page.querySelector('tr.target')).toBeNull();
    const card = page.querySelector('li.target-card[data-chain="clean-energy"]');
    expect(text(card?.querySelector('.chain-name'))).toBe('清洁能源产业链');
    expect([...(card?.querySelectorAll('dt, dd') ?? [])].map((e) => text(e))).toEqual([
      '签约金额',
      '140亿元以上',
      '到位资金',
      '30亿元',
      '大项目要求',
      '单体5亿元以上项目不少于3个',
    ]);
    expect(text(page.querySelector('li.target-card[data-chain="metallurgy"] .missing'))).toBe('未设定目标，发布前须补充');
    expect(page.querySelector('button.edit-target')).toBeNull();

    (harness.routeDebugElement?.componentInstance as { tab: { set(i: number): void } }).tab.set(2);
    await harness.fixture.whenStable();
    await settle();
    backend
      .expectOne('/api/plans/2026/diff')
      .flush([{ area: 'target', subject: 'clean-energy', field: 'signedAmount', before: '1400000+', after: '1500000+' }]);
    await harness.fixture.whenStable();
    expect(page.querySelector('.diff-table')).toBeNull();
    const line = page.querySelector('crm-plan-diff li.difference');
    expect([...(line?.querySelector('.card-head')?.children ?? [])].map((e) => text(e))).toEqual(['产业链目标', '清洁能源产业链', '· 签约金额']);
    expect([...(line?.querySelectorAll('dt, dd') ?? [])].map((e) => text(e))).toEqual(['2025年', '140亿元以上', '2026年', '150亿元以上']);
  });
});
