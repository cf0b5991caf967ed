import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { PlusOutline, ReloadOutline, SwapOutline, UnorderedListOutline } from '@ant-design/icons-angular/icons';
import { shanghaiToday, planMissingView, type ChainView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { cleanEnergyBoard, cleanEnergyProgress, detail, staffUser } from '../testing/pipeline-fixtures';
import { ChainBoardPage } from './chain-board-page';

/** Visible text, one space between text nodes. */
const text = (element: Element | null | undefined): string => {
  if (!element) return '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

const chains = [
  { code: 'clean-energy', nameZh: '清洁能源产业链', nameEn: 'Clean energy' },
  { code: 'oil-gas-chemical', nameZh: '油气能源化工产业链', nameEn: 'Oil & gas chemicals' },
] as ChainView[];

describe('ChainBoardPage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'chains/:code/board', component: ChainBoardPage }]),
        provideNzIcons([PlusOutline, ReloadOutline, SwapOutline, UnorderedListOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(staffUser());
    await loaded;
  });

  afterEach(() => backend.verify());

  async function render() {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chains/clean-energy/board', ChainBoardPage);
    backend.expectOne('/api/chains').flush(chains);
    const board = backend.expectOne((r) => r.url === '/api/chains/clean-energy/board');
    expect(board.request.params.get('limit')).toBe('10');
    const progress = backend.expectOne((r) => r.url === '/api/chains/clean-energy/progress');
    // This year in Shanghai, unless the address names another.
    expect(progress.request.params.get('year')).toBe(shanghaiToday().slice(0, 4));
    board.flush(cleanEnergyBoard());
    progress.flush(cleanEnergyProgress());
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('heads each of the seven columns with its count and amount, rounded exactly to two decimals', async () => {
    const { element } = await render();
    const heads = [...element.querySelectorAll('.column')].map((column) => [
      column.getAttribute('data-stage'),
      text(column.querySelector('.column-title')),
      text(column.querySelector('.column-amount')),
    ]);
    expect(heads).toEqual([
      ['lead', '信息收集 3', '计划总投资 15亿元'],
      ['negotiation', '对接洽谈 2', '计划总投资 25.01亿元'],
      ['evaluation', '项目评估 1', '计划总投资 0.1万元'],
      ['signed', '项目签约 2', '签约 6000.25万元'],
      ['land', '项目供地 0', '签约 0万元'],
      ['construction', '项目开工 1', '签约 4049.75万元'],
      ['production', '竣工投产 0', '签约 0万元'],
    ]);
  });

  it('adds the columns up without floating point: the reserve and the signed total', async () => {
    const { element } = await render();
    // 6000.25 + 4049.75 = 10050 万元 = 1.005亿元: half-up 1.01 (a float's 1.005 rounds to 1.00).
    expect(text(element.querySelector('.board-totals'))).toContain(
      '在库 9 个项目 · 储备项目计划总投资 40.01亿元 · 已签约 1.01亿元',
    );
  });

  it('shows the cards of a column and links to the rest of it', async () => {
    const { element } = await render();
    const negotiation = element.querySelector('.column[data-stage="negotiation"]');
    const cards = negotiation?.querySelectorAll('crm-board-card') ?? [];
    expect(cards).toHaveLength(2);
    expect(text(cards[1])).toContain('天能控股铅酸储能电池');
    expect(text(cards[1])).toContain('重大项目');
    expect(text(cards[1])).toContain('暂缓');
    // Only an active project can be moved.
    expect(cards[0].classList).toContain('movable');
    expect(cards[1].classList).not.toContain('movable');
    expect(text(element.querySelector('.column[data-stage="lead"] .more'))).toBe('查看本阶段全部 3 个项目');
  });

  it('shows the progress against the 2025 targets, written 以上 / 不少于 as the plan marks them', async () => {
    const { element } = await render();
    expect(text(element.querySelector('.measure.signed'))).toContain('1.01亿元 / 140亿元以上');
    expect(text(element.querySelector('.measure.big'))).toContain('10亿元以上签约项目 2 个 / 不少于5 个');
    expect(text(element.querySelector('.measure.funds'))).toContain('其中已核实 2亿元');
  });

  it('asks before moving a card and writes nothing when the user cancels', async () => {
    const { harness, element } = await render();
    (element.querySelector('crm-board-card .move-button') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    backend.expectOne('/api/projects/p0000000-0000-4000-8000-000000000001').flush(detail('negotiation'));
    await harness.fixture.whenStable();
    const modal = document.querySelector('.ant-modal') as HTMLElement;
    expect(text(modal)).toContain('调整项目阶段');
    expect(text(modal)).toContain('进入“项目评估”阶段需先建立评估记录');
    const cancel = [...modal.querySelectorAll('button')].find((b) => text(b) === '取消') as HTMLButtonElement;
    cancel.click();
    await harness.fixture.whenStable();
    // backend.verify() in afterEach: no stage move, no evaluation was sent.
    expect(text(element.querySelector('.column[data-stage="negotiation"] .column-title'))).toBe('对接洽谈 2');
  });

  it('says the year’s plan is not published in place of the targets', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chains/clean-energy/board?year=2027', ChainBoardPage);
    backend.expectOne('/api/chains').flush(chains);
    backend.expectOne((r) => r.url === '/api/chains/clean-energy/board').flush(cleanEnergyBoard());
    const progress = backend.expectOne((r) => r.url === '/api/chains/clean-energy/progress');
    expect(progress.request.params.get('year')).toBe('2027');
    const p = cleanEnergyProgress();
    progress.flush({
      ...p,
      year: 2027,
      plan: planMissingView(2027, 'none'),
      target: null,
      signedAmount: { ...p.signedAmount, target: null, rate: null },
      bigProjects: { ...p.bigProjects, threshold: null, target: null, rate: null },
      fundsInPlace: { ...p.fundsInPlace, target: null, rate: null },
    });
    await harness.fixture.whenStable();
    const element = harness.routeNativeElement as HTMLElement;
    expect(text(element.querySelector('.progress-card .plan-missing-title'))).toBe('2027年度工作方案尚未录入');
    expect(element.querySelector('.progress-card .no-target')).toBeNull();
    expect(text(element.querySelector('.measure.signed .figure'))).toBe('1.01亿元');
  });
});
