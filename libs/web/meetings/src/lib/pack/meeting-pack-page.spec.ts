import type { HttpTestingController } from '@angular/common/http/testing';
import { HttpHeaders } from '@angular/common/http';
import { RouterTestingHarness } from '@angular/router/testing';
import { planMissingView } from '@crm/domain';
import { MeetingPackPage } from './meeting-pack-page';
import { figures, packView, setUp, text, user } from './pack-testing';

describe('MeetingPackPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render() {
    backend = await setUp([{ path: 'meetings/:id/pack', component: MeetingPackPage }], user(['staff']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/meetings/m-1/pack', MeetingPackPage);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function ready() {
    const r = await render();
    backend.expectOne('/api/meetings/m-1/pack').flush(packView());
    await r.harness.fixture.whenStable();
    return r;
  }

  it('shows the meeting, the figures against target and the pipeline by stage', async () => {
    const { element } = await ready();
    expect(text(element.querySelector('h1'))).toBe('会议材料：月调度会（2025-06-28）');
    expect(text(element.querySelector('.chains'))).toBe('清洁能源产业链');
    expect(text(element.querySelector('.chair'))).toBe('李明');
    // The figures' statistical window (the period whose window holds the meeting's day).
    expect(text(element.querySelector('.page-subtitle .window'))).toBe('统计区间：2025年6月26日—7月25日');
    const previous = element.querySelector<HTMLAnchorElement>('.previous a');
    expect(text(previous)).toBe('月调度会 2025-05-27');
    expect(previous?.getAttribute('href')).toBe('/meetings/m-0/pack');

    const figureRows = [...element.querySelectorAll('.figures tbody tr[data-figure]')].map(text);
    expect(figureRows).toEqual([
      // As the plan writes the targets: …以上 / 不少于 where it says at least.
      // 同比 last (text() puts a space between text nodes): a rise, no data, last year 0.
      '签约额 12亿元 140亿元以上 8.57% 70亿元 落后序时 58亿元 同比增长 20% （上年同期 10亿元）',
      '到位资金 40亿元 65亿元 61.54% 32.5亿元 超序时 7.5亿元 无上年同期数据',
      '10亿元以上项目 1 个 不少于5 个 20% 3 个 落后序时 2 个 上年同期为 0，不计同比',
    ]);
    expect(text(element.querySelector('.figures th:last-child'))).toBe('同比（与 2024 年同期）');
    expect(text(element.querySelector('.figures .yoy-line .yoy-projects'))).toBe('签约项目 同比下降 50% （上年同期 2 个）');
    expect(text(element.querySelector('.figures .yoy-line .funds-ratio'))).toBe('资金到位率 333.33%');
    expect(element.querySelector('[data-figure="signed"] td:nth-child(6)')?.classList).toContain('behind');
    expect(element.querySelector('[data-figure="funds"] td:nth-child(6)')?.classList).toContain('ahead');
    expect(element.querySelector('[data-figure="signed"] a')?.getAttribute('href')).toBe(
      '/projects?chain=clean-energy&stage=signed&agreementFrom=2025-01-01&agreementTo=2025-06-30&status=all',
    );

    const stages = [...element.querySelectorAll('.funnel tbody tr[data-stage]')].map(text);
    expect(stages).toEqual(['信息收集 4 3.5亿元', '项目签约 1 12亿元']);
  });

  it('lists the moves since the previous meeting, stuck projects, alerts, problems and open items', async () => {
    const { element } = await ready();
    expect(text(element.querySelector('.moved h2'))).toBe('2025-05-27 以来阶段变化');
    expect([...element.querySelectorAll('.moved tr.move')].map(text)).toEqual([
      '储能电池项目 信息收集 → 对接洽谈 2025-06-10',
      '光伏组件项目 新录入 → 信息收集 2025-06-02',
    ]);
    expect(element.querySelector('.moved tr.move a')?.getAttribute('href')).toBe('/projects/p-1');
    expect(text(element.querySelector('.stuck .row'))).toBe('氢能示范项目 项目评估 · 已停留 177 天 · 市能源局');
    expect(text(element.querySelector('.alert-counts [data-kind="idle"]'))).toBe('长期无跟进 3');
    expect(text(element.querySelector('.alert-row'))).toBe('长期无跟进 储能电池项目 自 2025-05-02 起 57 天');
    expect(text(element.querySelector('.problem'))).toBe('市能源局 2025-05 月报 叶片项目用地指标待协调。');

    expect(text(element.querySelector('.items h2'))).toBe(
      '未办结交办事项（2 项） 交办事项完成率 75%（到期 4 项，已办结 3 项）',
    );
    const items = [...element.querySelectorAll('.items tr.item')];
    expect(items.map(text)).toEqual([
      '逾期 协调叶片项目用地指标 高原风电叶片项目 市能源局 2025-06-20 月调度会 2025-05-27',
      '督促储能项目签约 市能源局 2025-07-15 月调度会 2025-05-27',
    ]);
    expect(items[0].classList).toContain('overdue');
    expect(items[1].classList).not.toContain('overdue');
  });

  it('downloads the Word file through HttpClient with the server’s file name', async () => {
    const { harness, element } = await ready();
    const createObjectURL = jest.fn(() => 'blob:pack');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this.download);
      });

    element.querySelector<HTMLButtonElement>('button.word')?.click();
    await harness.fixture.whenStable();
    const req = backend.expectOne('/api/meetings/m-1/pack.docx');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['docx']), {
      headers: new HttpHeaders({
        'Content-Disposition': `attachment; filename="pack.docx"; filename*=UTF-8''${encodeURIComponent('清洁能源产业链月调度会材料-2025-06-28.docx')}`,
      }),
    });
    await harness.fixture.whenStable();

    expect(clicked).toEqual(['清洁能源产业链月调度会材料-2025-06-28.docx']);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('says in words when the Word file fails', async () => {
    const { harness, element } = await ready();
    element.querySelector<HTMLButtonElement>('button.word')?.click();
    await harness.fixture.whenStable();
    backend
      .expectOne('/api/meetings/m-1/pack.docx')
      .flush(new Blob([JSON.stringify({ message: '文件生成失败 / The file could not be made' })]), {
        status: 500,
        statusText: 'Server Error',
      });
    await new Promise((r) => setTimeout(r, 20));
    await harness.fixture.whenStable();
    expect(text(element.querySelector('.download-error'))).toBe('Word 文件未能下载：文件生成失败');
  });

  it('explains a 403 and a 404, and offers a retry on other errors', async () => {
    let r = await render();
    backend.expectOne('/api/meetings/m-1/pack').flush({ message: '无权 / Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await r.harness.fixture.whenStable();
    expect(text(r.element.querySelector('.ant-result-title'))).toBe('您无权查看这次会议的材料');

    await r.harness.navigateByUrl('/meetings/m-2/pack', MeetingPackPage);
    backend.expectOne('/api/meetings/m-2/pack').flush({}, { status: 404, statusText: 'Not Found' });
    await r.harness.fixture.whenStable();
    r = { harness: r.harness, element: r.harness.routeNativeElement as HTMLElement };
    expect(text(r.element.querySelector('.ant-result-title'))).toBe('未找到这次会议');

    await r.harness.navigateByUrl('/meetings/m-3/pack', MeetingPackPage);
    backend.expectOne('/api/meetings/m-3/pack').flush({}, { status: 500, statusText: 'Server Error' });
    await r.harness.fixture.whenStable();
    const element = r.harness.routeNativeElement as HTMLElement;
    expect(text(element.querySelector('.ant-result-title'))).toBe('会议材料未能加载');
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    await r.harness.fixture.whenStable();
    backend.expectOne('/api/meetings/m-3/pack').flush(packView());
    await r.harness.fixture.whenStable();
    expect(text(element.querySelector('h1'))).toBe('会议材料：月调度会（2025-06-28）');
  });

  it('says the year’s plan is not published and shows the actuals without targets', async () => {
    const r = await render();
    const f = figures();
    backend.expectOne('/api/meetings/m-1/pack').flush(
      packView({
        year: 2026,
        month: 2,
        plan: planMissingView(2026, 'draft'),
        chains: packView().chains.map((c) => ({
          ...c,
          figures: {
            ...f,
            target: null,
            signedAmount: { ...f.signedAmount, target: null, rate: null, pace: null, gap: null, paceRate: null },
          },
        })),
      }),
    );
    await r.harness.fixture.whenStable();
    const element = r.element;
    expect(text(element.querySelector('crm-plan-missing .plan-missing-title'))).toBe('2026年度工作方案尚未发布');
    // Staff read it; only the office goes to the editor.
    expect(element.querySelector('crm-plan-missing a.plan-missing-edit')).toBeNull();
    expect(text(element.querySelector('.figures tr[data-figure="signed"]'))).toBe('签约额 12亿元 — — — — 同比增长 20% （上年同期 10亿元）');
    expect(text(element.querySelector('.figures .note'))).not.toContain('未定');
  });
});
