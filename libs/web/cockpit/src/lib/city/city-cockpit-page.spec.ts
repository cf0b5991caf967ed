import type { HttpTestingController } from '@angular/common/http/testing';
import { DeferBlockState, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { RANKING_FORMULA } from '@crm/domain';
import { I18nService } from '@crm/web/core';
import {
  cityView,
  leaderUser,
  officeUser,
  planMissing,
  sectorGrowth,
} from '../testing/cockpit-fixtures';
import { drawn, setUp, text } from '../testing/render';
import { CityCockpitPage } from './city-cockpit-page';

describe('CityCockpitPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(
    url = '/cockpit?year=2025&month=6',
    user = officeUser(),
  ) {
    backend = await setUp(
      [{ path: 'cockpit', component: CityCockpitPage }],
      user,
    );
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CityCockpitPage);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  /** Waits for the page, then draws what it defers until the browser is idle (the chains, trends, ranking). */
  async function settle(harness: RouterTestingHarness) {
    await harness.fixture.whenStable();
    for (const block of await harness.fixture.getDeferBlocks()) {
      await block.render(DeferBlockState.Complete);
    }
    await harness.fixture.whenStable();
  }

  function answer(view = cityView()) {
    const req = backend.expectOne((r) => r.url === '/api/cockpit');
    req.flush(view);
    return req.request.params;
  }

  it('asks for the month in the URL and shows the totals against the city targets, with pace', async () => {
    const { harness, element } = await render();
    const params = answer();
    expect(params.get('year')).toBe('2025');
    expect(params.get('month')).toBe('6');
    await settle(harness);

    expect(text(element.querySelector('.subtitle'))).toBe(
      '2025年1—6月累计 · 全市7条产业链',
    );
    const signed = element.querySelector('.totals .total.signed');
    // 220亿元以上: the plan writes the city's signing target as "at least".
    expect(text(signed?.querySelector('.figure'))).toBe('12亿元 / 220亿元以上');
    expect(text(signed?.querySelector('.rate'))).toBe('完成 5.45%');
    expect(text(signed?.querySelector('.pace'))).toBe('落后序时 98亿元');
    expect(signed?.querySelector('.pace')?.classList).toContain('behind');
    expect(text(signed?.querySelector('.pace-at'))).toBe('序时进度 110亿元');
    expect(text(element.querySelector('.totals .total.big .figure'))).toBe(
      '1 个 / 11 个',
    );
    expect(text(element.querySelector('.city-targets'))).toContain(
      '2025年全市目标 签约额 220亿元以上 到位资金 100亿元',
    );
    expect(
      [...element.querySelectorAll('.alert-counts nz-tag')].map(text),
    ).toEqual([
      '签约未供地 2',
      '供地未开工 0',
      '开工未按期投产 0',
      '长期无跟进 3',
      '月报逾期 1',
    ]);
  });

  it('labels big projects with each chain’s own threshold, and a sum over chains honestly', async () => {
    const { harness, element } = await render();
    const view = cityView();
    // Two chains, 10亿 and 5亿: the total cannot say one threshold.
    const second = view.chains[1];
    second.target = { ...(view.chains[0].target as NonNullable<typeof second.target>), bigProjectThreshold: '50000.000000' };
    answer(view);
    await settle(harness);

    expect(text(element.querySelector('.totals .total.big .label'))).toBe('大项目（各链标准）');
    const rows = [...element.querySelectorAll('.chain-table tbody tr[data-chain]')];
    expect(text(rows[0].querySelector('.big .label'))).toBe('10亿元以上项目');
    expect(text(rows[1].querySelector('.big .label'))).toBe('5亿元以上项目');
    expect(text(element.querySelector('.chain-table thead'))).toContain('大项目（各链标准）');
  });

  it('links each alert count to the projects behind it, as of the month chosen', async () => {
    const { harness, element } = await render('/cockpit?year=2025&month=4');
    answer(
      cityView({
        alertsAsOf: '2025-04-25',
        alertQueries: {
          'signed-no-land': { status: ['active'], stage: ['signed'], stageSinceTo: '2024-10-25' },
          'land-not-started': { status: ['active'], stage: ['land'], stageSinceTo: '2025-01-25' },
          'not-producing': { status: ['active'], stage: ['construction'], stageSinceTo: '2024-04-25' },
          idle: { status: ['active'], stage: ['lead'], idleDays: 30 },
          'report-late': null,
        },
      }),
    );
    await settle(harness);

    const link = element.querySelector<HTMLAnchorElement>('.alert-counts a.alert-link');
    expect(text(link)).toBe('签约未供地 2');
    const url = new URL(link?.href ?? '', 'http://x');
    expect(url.pathname).toBe('/projects');
    expect(url.searchParams.get('stage')).toBe('signed');
    expect(url.searchParams.get('stageSinceTo')).toBe('2024-10-25');
    expect(element.querySelectorAll('.alert-counts a.alert-link')).toHaveLength(4);
    // 月报逾期 has no project list: a count, not a link.
    expect(element.querySelector('.alert-counts a [data-kind="report-late"]')).toBeNull();
    expect(element.querySelector('.alert-counts [data-kind="report-late"]')).not.toBeNull();
  });

  it('gives each chain a card for phones with every figure the table shows', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);

    const cards = [...element.querySelectorAll('.chain-cards .chain-card')];
    expect(cards.map((c) => c.getAttribute('data-chain'))).toEqual(['clean-energy', 'culture-tourism']);
    const clean = cards[0];
    expect(text(clean.querySelector('.chain-card-head'))).toBe('清洁能源产业链 签约项目 1 个');
    expect(text(clean.querySelector('.signed .figure'))).toBe('12亿元 / 140亿元以上');
    expect(text(clean.querySelector('.funds .label'))).toBe('到位资金');
    expect(text(clean.querySelector('.big .label'))).toBe('10亿元以上项目');
    expect(text(clean.querySelector('.big .figure'))).toBe('1 个 / 不少于5 个');
    // The same links as the table's cells.
    const table = element.querySelector('.chain-table tr[data-chain="clean-energy"]');
    expect(clean.querySelector<HTMLAnchorElement>('.funds a.actual')?.href).toBe(
      table?.querySelector<HTMLAnchorElement>('.funds a.actual')?.href,
    );
  });

  it('shows a principal leader the whole city’s totals beside those of their own chains', async () => {
    const { harness, element } = await render('/cockpit?year=2025&month=6', leaderUser());
    const own = cityView();
    answer(
      cityView({
        totals: { ...own.totals, scope: 'led-chains', chainCount: 2 },
        cityTotals: { ...own.totals, scope: 'city', chainCount: 7 },
      }),
    );
    await settle(harness);

    expect(text(element.querySelector('.totals h2'))).toBe('所包联产业链合计');
    const city = element.querySelector('.city-totals');
    expect(text(city?.querySelector('h2'))).toBe('全市合计（7条产业链）');
    expect(text(city?.querySelector('.total.signed .figure'))).toBe('12亿元 / 220亿元以上');
    expect(text(city?.querySelector('.total.big .label'))).toBe('大项目（各链标准）');
  });

  it('shows no whole-city card to others', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);
    expect(element.querySelector('.city-totals')).toBeNull();
  });

  it('puts the chains side by side, ahead or behind pace, each figure linking to its projects', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);

    const rows = [
      ...element.querySelectorAll('.chain-table tbody tr[data-chain]'),
    ];
    expect(rows.map((r) => r.getAttribute('data-chain'))).toEqual([
      'clean-energy',
      'culture-tourism',
    ]);
    const clean = rows[0];
    expect(text(clean.querySelector('.signed .figure'))).toBe(
      '12亿元 / 140亿元以上',
    );
    expect(text(clean.querySelector('.big .figure'))).toBe('1 个 / 不少于5 个');
    expect(text(clean.querySelector('.funds .pace'))).toBe('超序时 7.5亿元');
    expect(clean.querySelector('.funds .pace')?.classList).toContain('ahead');
    expect(text(clean.querySelector('.big .pace'))).toBe('落后序时 2 个');
    expect(text(rows[1].querySelector('.signed'))).toBe('0万元 未定年度目标 无上年同期数据');

    const link = clean.querySelector<HTMLAnchorElement>('.signed a.actual');
    const url = new URL(link?.href ?? '', 'http://x');
    expect(url.pathname).toBe('/projects');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      chain: 'clean-energy',
      stage: 'signed,land,construction,production',
      agreementFrom: '2025-01-01',
      agreementTo: '2025-06-30',
      status: 'all',
    });
    const chainLink = clean.querySelector<HTMLAnchorElement>('.chain-name a');
    expect(chainLink?.getAttribute('href')).toBe(
      '/cockpit/chains/clean-energy?year=2025&month=6',
    );
  });

  it('shows the quarter ranking with its formula, and draws the trends in 亿元', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);

    const ranking = [
      ...element.querySelectorAll('.ranking-table tbody tr[data-chain]'),
    ].map(text);
    expect(ranking).toEqual([
      '1 清洁能源产业链 31.24 8.57% 61.54% 20% 66.67%',
      '2 文化旅游产业链 0.00 —% —% —% —',
    ]);
    // 交办完成率: shown beside the score, for reference.
    const headers = [...element.querySelectorAll('.ranking-table thead th')].map(text);
    expect(headers[headers.length - 1]).toBe('交办完成率');
    expect(
      element.querySelector('.ranking-table thead th.action-item-rate')?.getAttribute('title'),
    ).toContain('不计入得分');
    expect(text(element.querySelector('.ranking h2'))).toBe(
      '2025年第2季度评比',
    );
    expect(text(element.querySelector('.formula'))).toBe(RANKING_FORMULA.zh);

    await new Promise((r) => setTimeout(r, 0));
    expect(element.querySelectorAll('crm-chart')).toHaveLength(2);
    const option = drawn[0] as {
      series: { name: string; data: number[] }[];
      yAxis: { name: string }[];
    };
    expect(option.series.map((s) => s.name)).toEqual([
      '当月',
      '累计',
      '序时进度',
    ]);
    expect(option.series[1].data).toEqual([0, 0, 0, 0, 0, 12]);
    expect(option.yAxis[0].name).toBe('亿元');
  });

  it('changes the month through the pickers, keeping it in the URL', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);

    const router = TestBed.inject(Router);
    await router.navigateByUrl('/cockpit?year=2025&month=3');
    await settle(harness);
    const params = answer(cityView({ month: 3, asOf: '2025-03' }));
    expect(params.get('month')).toBe('3');
    await settle(harness);
    expect(text(element.querySelector('.subtitle'))).toContain(
      '2025年1—3月累计',
    );
  });

  it('tells a leader the totals are over the chains they lead, and hides the office settings', async () => {
    const { harness, element } = await render('/cockpit', leaderUser());
    const params = answer(
      cityView({
        totals: { ...cityView().totals, scope: 'led-chains', chainCount: 1 },
        ranking: { ...cityView().ranking, partial: true },
      }),
    );
    expect(params.keys()).toEqual([]);
    await settle(harness);
    expect(text(element.querySelector('.subtitle'))).toContain(
      '您包联的1条产业链',
    );
    expect(text(element.querySelector('.totals h2'))).toBe('所包联产业链合计');
    expect(text(element.querySelector('.ranking'))).toContain(
      '仅列出您包联的产业链',
    );
    expect(element.querySelector('button.settings')).toBeNull();
  });

  it('offers a retry when loading fails, and follows the English interface', async () => {
    const { harness, element } = await render();
    backend
      .expectOne((r) => r.url === '/api/cockpit')
      .flush('down', { status: 502, statusText: 'Bad Gateway' });
    await settle(harness);
    expect(text(element.querySelector('.ant-result-title'))).toBe(
      '驾驶舱数据加载失败',
    );
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    await settle(harness);
    answer();
    await settle(harness);

    TestBed.inject(I18nService).use('en');
    await settle(harness);
    expect(text(element.querySelector('h1'))).toBe("Leaders' cockpit");
    expect(text(element.querySelector('.totals .total.signed .figure'))).toBe(
      'CNY 1.2 billion / CNY 22 billion or more',
    );
    expect(text(element.querySelector('.formula'))).toBe(RANKING_FORMULA.en);
  });

  it('says plainly that the year’s plan is not published, takes the office to the plan editor, and ranks nothing', async () => {
    const { harness, element } = await render('/cockpit?year=2027&month=1');
    const base = cityView();
    answer(
      cityView({
        year: 2027,
        month: 1,
        asOf: '2027-01',
        plan: planMissing(2027, 'none'),
        chains: base.chains.map((c) => ({
          ...c,
          target: null,
          signedAmount: { ...c.signedAmount, target: null, rate: null, pace: null, gap: null, paceRate: null },
        })),
        totals: {
          ...base.totals,
          cityTargets: { signedAmount: null, signedAtLeast: false, fundsInPlace: null, fundsAtLeast: false, bigProjects: null },
        },
        ranking: { ...base.ranking, rows: [] },
      }),
    );
    await settle(harness);

    const notice = element.querySelector('.totals crm-plan-missing');
    expect(text(notice?.querySelector('.plan-missing-title'))).toBe('2027年度工作方案尚未录入');
    expect(text(notice?.querySelector('.plan-missing-message'))).toBe(
      '2027年度工作方案尚未录入，无法对照目标计算完成情况。请领导小组办公室在“年度工作方案”中录入并发布。',
    );
    const edit = notice?.querySelector<HTMLAnchorElement>('a.plan-missing-edit');
    expect(edit?.getAttribute('href')).toBe('/plan/2027');
    expect(text(edit)).toBe('录入2027年度工作方案');
    // No figure against a target: the totals' grid is replaced, the chains show actuals only.
    expect(element.querySelector('.totals .total-grid')).toBeNull();
    expect(text(element.querySelector('.city-targets'))).not.toContain('全市目标');
    const clean = element.querySelector('.chain-table tr[data-chain="clean-energy"]');
    expect(text(clean?.querySelector('.signed'))).toBe('12亿元 方案未发布 同比增长 20%');
    // Nothing ranked, never a table of zeros.
    expect(element.querySelector('.ranking-table')).toBeNull();
    expect(text(element.querySelector('.ranking-none'))).toBe('2027年度工作方案发布后，按年度目标完成率排名。');
  });

  it('gives a leader the message without the editor link, and a draft its own words', async () => {
    const { harness, element } = await render('/cockpit?year=2026&month=3', leaderUser());
    answer(cityView({ plan: planMissing(2026, 'draft'), ranking: { ...cityView().ranking, rows: [] } }));
    await settle(harness);
    const notice = element.querySelector('crm-plan-missing');
    expect(text(notice?.querySelector('.plan-missing-title'))).toBe('2026年度工作方案尚未发布');
    expect(notice?.querySelector('a.plan-missing-edit')).toBeNull();
    expect(text(notice?.querySelector('.plan-missing-ask'))).toBe('年度目标由领导小组办公室录入并发布后生效。');
  });

  it('does not show a ranking where every chain scored 0', async () => {
    const { harness, element } = await render();
    const base = cityView();
    answer(
      cityView({
        ranking: {
          ...base.ranking,
          rows: base.ranking.rows.map((r) => ({ ...r, score: '0.00', rank: 1 })),
        },
      }),
    );
    await settle(harness);
    expect(element.querySelector('.ranking-table')).toBeNull();
    expect(text(element.querySelector('.ranking-none'))).toBe('各产业链尚无计入评分的完成量（得分均为0），暂不排名。');
  });

  it('shows 分行业到位资金同比 with the plan’s targets, and marks a whole-year baseline', async () => {
    const { harness, element } = await render();
    answer(cityView({ sectorGrowth: sectorGrowth() }));
    await settle(harness);
    const card = element.querySelector('.sector-growth');
    expect(text(card?.querySelector('.ant-card-head-title'))).toBe('分行业到位资金同比（1—6月）');
    const rows = [...(card?.querySelectorAll('tbody tr[data-sector]') ?? [])].map(text);
    expect(rows).toEqual([
      '特色农牧业 126万元 120万元 （全年） +5% 增长5% 已达到',
      '制造业 2400.25万元 3000万元 （全年） −19.99% 增长20% 未达到',
      '现代服务业 75万元 无上年数据 — 增长10%',
    ]);
    expect(text(card?.querySelector('.note'))).toContain('全年实绩');
  });

  it('shows each figure beside the same months of last year and the funds-in-place ratio, and says when last year has none', async () => {
    const { harness, element } = await render();
    answer();
    await settle(harness);
    // The totals: 12亿 against 10亿, 40亿 against 32亿, 1 big project against 1 (text() puts a space between text nodes).
    expect(text(element.querySelector('.totals .total.signed .yoy'))).toBe('同比增长 20% （上年同期 10亿元）');
    expect(text(element.querySelector('.totals .total.funds .yoy'))).toBe('同比增长 25% （上年同期 32亿元）');
    expect(text(element.querySelector('.totals .total.big .yoy'))).toBe('同比增长 0% （上年同期 1 个）');
    const line = element.querySelector('.totals .yoy-line');
    expect(text(line?.querySelector('.yoy-title'))).toBe('同比（与 2024 年同期相比）');
    expect(text(line?.querySelector('.yoy-projects'))).toBe('签约项目 同比下降 50% （上年同期 2 个）');
    expect(text(line?.querySelector('.funds-ratio'))).toBe('资金到位率 333.33%');
    // The chains: a zero last year is no rate; a chain without last year's data says so (never 0%).
    const row = (code: string) => element.querySelector(`tr[data-chain="${code}"]`);
    expect(text(row('clean-energy')?.querySelector('.funds .yoy'))).toBe('上年同期为 0，不计同比');
    expect(text(row('clean-energy')?.querySelector('.signed .yoy'))).toBe('同比增长 20%');
    expect(text(row('culture-tourism')?.querySelector('.signed .yoy'))).toBe('无上年同期数据');
    expect(element.textContent).not.toContain('同比增长 0%（上年同期 0');

    TestBed.inject(I18nService).use('en');
    await settle(harness);
    expect(text(row('culture-tourism')?.querySelector('.signed .yoy'))).toBe('No data for the same period last year');
  });
});
