import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { chainView, leaderUser, planMissing } from '../testing/cockpit-fixtures';
import { drawn, setUp, text } from '../testing/render';
import { ChainLeaderPage } from './chain-leader-page';

describe('ChainLeaderPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(
    url = '/cockpit/chains/clean-energy?year=2025&month=6',
  ) {
    backend = await setUp(
      [{ path: 'cockpit/chains/:code', component: ChainLeaderPage }],
      leaderUser(),
    );
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ChainLeaderPage);
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function ready() {
    const r = await render();
    const req = backend.expectOne(
      (q) => q.url === '/api/cockpit/chains/clean-energy',
    );
    expect(req.request.params.get('year')).toBe('2025');
    expect(req.request.params.get('month')).toBe('6');
    req.flush(chainView());
    await r.harness.fixture.whenStable();
    return r;
  }

  it('shows the funnel by stage with counts, amounts, conversion and median days, each count a link', async () => {
    const { element } = await ready();
    expect(text(element.querySelector('h1'))).toBe('清洁能源产业链 · 领导页');
    const rows = [
      ...element.querySelectorAll('.stage-table tbody tr[data-stage]'),
    ].map(text);
    expect(rows).toEqual([
      '信息收集 4 3.5亿元 21 天 / 45 天',
      '对接洽谈 2 0万元 50% (5/10) — / —',
      '项目评估 1 0万元 40% (2/5) — / —',
      '项目签约 1 12亿元 50% (1/2) — / —',
      '项目供地 0 0万元 0% (0/1) — / —',
      '项目开工 0 0万元 — (0/0) — / —',
      '竣工投产 0 0万元 — (0/0) — / —',
    ]);
    const link = element.querySelector<HTMLAnchorElement>(
      '.stage-table tr[data-stage="lead"] a.count',
    );
    expect(link?.getAttribute('href')).toBe(
      '/projects?chain=clean-energy&stage=lead&status=active,paused',
    );

    await new Promise((r) => setTimeout(r, 0));
    const bars = drawn.find(
      (o) => (o as { yAxis?: { type: string } }).yAxis?.type === 'category',
    ) as {
      yAxis: { inverse: boolean; data: string[] };
      series: { data: { value: number; label: { formatter: string } }[] }[];
    };
    expect(bars.yAxis.inverse).toBe(true);
    expect(bars.yAxis.data).toEqual([
      '信息收集',
      '对接洽谈',
      '项目评估',
      '项目签约',
      '项目供地',
      '项目开工',
      '竣工投产',
    ]);
    expect(
      bars.series[0].data.map((d) => [d.value, d.label.formatter]),
    ).toEqual([
      [4, '4个 · 3.5亿元'],
      [2, '2个 · 0万元'],
      [1, '1个 · 0万元'],
      [1, '1个 · 12亿元'],
      [0, '0个 · 0万元'],
      [0, '0个 · 0万元'],
      [0, '0个 · 0万元'],
    ]);
  });

  it('lists what needs the leader: alerts, stuck, major and overdue projects, the units’ words, key tasks', async () => {
    const { element } = await ready();
    expect(
      [...element.querySelectorAll('.alerts .alert-row')].map(text),
    ).toEqual([
      '长期无跟进 储能电池项目 自 2025-05-02 起 59 天 批示',
      '月报逾期 市数据局 · 2025-05 自 2025-05-26 起 35 天',
    ]);
    // A kind with more alerts than listed says how many, and links to the project list behind them.
    const more = [...element.querySelectorAll('.alerts .alerts-more')];
    expect(more.map(text)).toEqual(['长期无跟进共 23 项，此处列出持续最久的 1 项。 查看全部']);
    expect(more[0].querySelector('a')?.getAttribute('href')).toContain('idleDays=30');
    expect(text(element.querySelector('.stuck .project-row'))).toBe(
      '储能电池项目 信息收集 · 已停留 149 天',
    );
    expect(
      element.querySelector('.stuck .ant-card-extra a')?.getAttribute('href'),
    ).toBe(
      '/projects?chain=clean-energy&sort=stageEnteredAt&order=asc&status=all',
    );
    expect(text(element.querySelector('.major .project-row'))).toBe(
      '高原风电叶片项目 项目签约 · 12亿元 · 市能源局 批示',
    );
    expect(text(element.querySelector('.overdue .ant-card-head-title'))).toBe(
      '跟进逾期（1 个）',
    );
    expect(text(element.querySelector('.overdue .project-row'))).toBe(
      '储能电池项目 应于 2025-06-20 跟进，已逾期 10 天 · 能源局专班',
    );
    const reports = [...element.querySelectorAll('.report')];
    expect(text(reports[0].querySelector('dd.problems'))).toBe(
      '叶片项目用地指标待协调。',
    );
    expect(text(reports[1])).toBe('市数据局 尚未报送月报');
    expect(text(element.querySelector('.key-tasks .task'))).toContain(
      '关联项目 2 个（推进中 2 个） · 最远阶段 项目签约',
    );
    // Each milestone and goal with its state, instead of a count alone.
    expect(text(element.querySelector('.key-tasks .summary'))).toBe(
      '已完成 0 按序时推进 1 滞后 2',
    );
    expect(
      [...element.querySelectorAll('.key-tasks .items li')].map(text),
    ).toEqual([
      '按序时推进 东方电气高原叶片制造 年内目标：竣工投产 （建成…项目） · 现处项目签约',
      '滞后 远景能源风电整机制造 年内目标：竣工投产 （建成…项目） · 尚未建立项目',
      '滞后 算力标准机架 1500/4000 个，完成 37.50%',
    ]);
    expect(
      element
        .querySelector('.key-tasks .milestone a')
        ?.getAttribute('href'),
    ).toBe('/projects/p-blade');
  });

  it('sends a 批示 on a project chosen from the page and shows it at once', async () => {
    const { harness, element } = await ready();
    element
      .querySelector<HTMLButtonElement>('.major .project-row button')
      ?.click();
    await harness.fixture.whenStable();
    const textarea =
      element.querySelector<HTMLTextAreaElement>('#instruction-text');
    expect(textarea).not.toBeNull();
    if (!textarea) return;
    textarea.value = '请市能源局本月内协调解决用地指标。';
    textarea.dispatchEvent(new Event('input'));
    await harness.fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button.send')?.click();

    const req = backend.expectOne('/api/projects/p-blade/instructions');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      text: '请市能源局本月内协调解决用地指标。',
    });
    req.flush({
      id: 'i1',
      project: { id: 'p-blade', name: '高原风电叶片项目' },
      text: '请市能源局本月内协调解决用地指标。',
      author: { id: 'leader-1', displayName: '肖军' },
      personName: '肖军',
      createdAt: '2025-06-30T02:00:00.000Z',
    });
    await harness.fixture.whenStable();
    expect(text(element.querySelector('.instruction'))).toBe(
      '请市能源局本月内协调解决用地指标。 高原风电叶片项目 · 肖军 · 2025-06-30',
    );
    expect(textarea.value).toBe('');
  });

  it('says so when the chain is not the leader’s', async () => {
    const { harness, element } = await render('/cockpit/chains/metallurgy');
    backend
      .expectOne((q) => q.url === '/api/cockpit/chains/metallurgy')
      .flush(
        { message: 'forbidden' },
        { status: 403, statusText: 'Forbidden' },
      );
    await harness.fixture.whenStable();
    expect(text(element.querySelector('.ant-result-title'))).toBe(
      '无权查看该产业链',
    );
  });

  it('says the year’s plan is not published above the figures, which show actuals only', async () => {
    const r = await render('/cockpit/chains/clean-energy?year=2027&month=1');
    const view = chainView();
    const f = view.figures;
    backend.expectOne((q) => q.url === '/api/cockpit/chains/clean-energy').flush({
      ...view,
      year: 2027,
      month: 1,
      plan: planMissing(2027, 'none'),
      figures: {
        ...f,
        target: null,
        signedAmount: { ...f.signedAmount, target: null, rate: null, pace: null, gap: null, paceRate: null },
      },
    });
    await r.harness.fixture.whenStable();
    const element = r.element;
    expect(text(element.querySelector('.figures .plan-missing-title'))).toBe('2027年度工作方案尚未录入');
    // A leader reads it; the office edits it.
    expect(element.querySelector('.figures a.plan-missing-edit')).toBeNull();
    expect(text(element.querySelector('.figures .signed'))).toContain('方案未发布');
    expect(text(element.querySelector('.figures .signed'))).not.toContain('未定年度目标');
  });

  it('shows each figure beside last year’s same months, and the funds-in-place ratio', async () => {
    const { element } = await ready();
    // Worked by hand in the fixture: 12亿 against 10亿; 40亿 against 0; 1 project against 2.
    expect(text(element.querySelector('.figures .signed .yoy'))).toBe('同比增长 20% （上年同期 10亿元）');
    expect(text(element.querySelector('.figures .funds .yoy'))).toBe('上年同期为 0，不计同比');
    expect(text(element.querySelector('.figures .yoy-line .yoy-title'))).toBe('同比（与 2024 年同期相比）');
    expect(text(element.querySelector('.figures .yoy-line .yoy-projects'))).toBe('签约项目 同比下降 50% （上年同期 2 个）');
    expect(text(element.querySelector('.figures .yoy-line .funds-ratio'))).toBe('资金到位率 333.33%');
  });
});
