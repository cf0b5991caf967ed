import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { drawn, mapView, setUp, text, user } from '../testing/render';
import { ChainMapPage } from './chain-map-page';

describe('ChainMapPage', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  async function render(roles: ('staff' | 'leader' | 'office')[], view = mapView(roles.includes('leader') ? false : true)) {
    backend = await setUp([{ path: 'chain-map/:code/:year', component: ChainMapPage }], user(roles));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chain-map/clean-energy/2025', ChainMapPage);
    backend.expectOne('/api/chain-maps/clean-energy/2025').flush(view);
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('lists the links upstream to downstream by tier, gaps with no active lead flagged ⚑ and named', async () => {
    const { element } = await render(['leader']);
    expect(text(element.querySelector('h1'))).toBe('清洁能源产业链 · 招商图谱');
    const tiers = [...element.querySelectorAll('section.tier')].map((s) => [
      text(s.querySelector('h2')),
      [...s.querySelectorAll('button.link .name')].map((n) => text(n)),
    ]);
    expect(tiers).toEqual([
      ['上游', ['电源建设', '风电装备制造', '⚑ 叶片制造']],
      ['中游', ['⚑ 氢能']],
    ]);
    expect(text(element.querySelector('.unled-summary'))).toBe('⚑ 无在推进项目的缺口：叶片制造、氢能');
    expect(element.querySelector('button.link[data-link="叶片制造"]')?.classList).toContain('sub');
    // A leader reads: no edit button, and the page says who edits.
    expect(element.querySelector('button.edit')).toBeNull();
    expect(text(element.querySelector('.summary'))).toContain('编辑由领导小组办公室和该链专班负责');
  });

  it('draws the tree at a desk: the chain, its tiers, the links coloured by status, the unled gaps in bold red', async () => {
    await render(['office']);
    await new Promise((r) => setTimeout(r, 0));
    const option = drawn[drawn.length - 1] as { series: { type: string; data: { name: string; children: { name: string; children: { name: string; linkId: number; label: { fontWeight: string }; children?: { name: string }[] }[] }[] }[] }[] };
    expect(option.series[0].type).toBe('tree');
    const root = option.series[0].data[0];
    expect(root.name).toBe('清洁能源产业链');
    expect(root.children.map((t) => t.name)).toEqual(['上游', '中游']);
    const upstream = root.children[0].children;
    expect(upstream.map((l) => l.name)).toEqual(['电源建设', '风电装备制造']);
    expect(upstream[1].children?.map((s) => s.name)).toEqual(['⚑ 叶片制造']);
    expect(root.children[1].children[0]).toMatchObject({ name: '⚑ 氢能', linkId: 4, label: { fontWeight: 'bold' } });
  });

  it('tapping a link lists its firms (链主 marked), targets with tags, pipeline and projects', async () => {
    const { harness, element } = await render(['staff']);
    element.querySelector<HTMLButtonElement>('button.link[data-link="风电装备制造"]')!.click();
    await harness.fixture.whenStable();
    const drawer = document.querySelector('crm-link-detail')!;
    expect(text(drawer)).toContain('叶片配套不足');
    expect(text(drawer.querySelector('.targets'))).toBe('东方电气集团有限公司 央企 500强 （对接中）');
    expect(text(drawer.querySelector('.pipeline tbody'))).toBe('项目签约 1 12亿元');
    expect(text(drawer.querySelector('.projects'))).toContain('远景能源风电整机制造');
    expect(drawer.querySelector('.projects a')?.getAttribute('href')).toBe('/projects/p1');

    element.querySelector<HTMLButtonElement>('button.link[data-link="电源建设"]')!.click();
    await harness.fixture.whenStable();
    const again = document.querySelector('crm-link-detail')!;
    expect(text(again.querySelector('.firms'))).toBe('中国华电集团有限公司格尔木分公司 链主');
    expect(text(again.querySelector('.quote'))).toBe('方案原文： “加快建设电源项目”');
    expect(text(again.querySelector('.none'))).toBe('暂无目标企业');
    // Staff of the chain edit.
    expect(element.querySelector('button.edit')).not.toBeNull();
  });

  it('the editor refuses a link in two places before sending, then saves the whole map with the version read', async () => {
    const { harness, element } = await render(['office']);
    element.querySelector<HTMLButtonElement>('button.edit')!.click();
    await harness.fixture.whenStable();
    // The modal's body is in the overlay container.
    expect(document.querySelectorAll('fieldset.row').length).toBe(4);
    const name = document.querySelector<HTMLInputElement>('fieldset[data-row="3"] label.name input')!;
    name.value = '风电装备制造';
    name.dispatchEvent(new Event('input'));
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => text(b) === '保存')!;
    ok.click();
    await harness.fixture.whenStable();
    expect(text(document.querySelector('.problems'))).toBe('环节“风电装备制造”已在本链第2项出现，同一环节只能出现一次');
    backend.expectNone('/api/chain-maps/clean-energy/2025');

    name.value = '氢能';
    name.dispatchEvent(new Event('input'));
    ok.click();
    const req = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/chain-maps/clean-energy/2025');
    expect(req.request.body.version).toBe(3);
    expect(req.request.body.links.map((l: { id: number; name: string; parent: string | null }) => [l.id, l.name, l.parent])).toEqual([
      [1, '电源建设', null],
      [2, '风电装备制造', null],
      [3, '叶片制造', '风电装备制造'],
      [4, '氢能', null],
    ]);
    req.flush({ ...mapView(), map: { ...mapView().map!, version: 4 } });
    await harness.fixture.whenStable();
    expect(document.querySelector('crm-chain-map-editor')).toBeNull();
  });

  it('a year with no map says so, and offers the chain’s staff to draft it from the previous year', async () => {
    const empty = { ...mapView(), year: 2026, map: null, previousYear: 2025 };
    backend = await setUp([{ path: 'chain-map/:code/:year', component: ChainMapPage }], user(['staff']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chain-map/clean-energy/2026', ChainMapPage);
    backend.expectOne('/api/chain-maps/clean-energy/2026').flush(empty);
    await harness.fixture.whenStable();
    const element = harness.routeNativeElement as HTMLElement;
    expect(text(element.querySelector('.no-map p'))).toBe('清洁能源产业链2026年的招商图谱尚未编制。');
    element.querySelector<HTMLButtonElement>('button.draft')!.click();
    const req = backend.expectOne('/api/chain-maps/clean-energy/2026/draft');
    expect(req.request.method).toBe('POST');
    req.flush({ ...mapView(), year: 2026 });
    await harness.fixture.whenStable();
    expect(element.querySelectorAll('button.link').length).toBe(4);
  });
});
