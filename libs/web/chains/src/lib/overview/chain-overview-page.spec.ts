import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ReloadOutline } from '@ant-design/icons-angular/icons';
import { I18nService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { sevenChains } from '../testing/chain-fixtures';
import { ChainOverviewPage } from './chain-overview-page';

describe('ChainOverviewPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideNzIcons([ReloadOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(ChainOverviewPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element };
  }

  /** Visible text, one space between text nodes (the template puts none between elements). */
  const text = (element: Element | null | undefined): string => {
    if (!element) {
      return '';
    }
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    while (walker.nextNode()) {
      parts.push(walker.currentNode.textContent ?? '');
    }
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };

  it('shows the seven chains, grouped by kind, with the city-wide targets', async () => {
    const { fixture, element } = await render();
    expect(element.querySelector('[role="status"]')).not.toBeNull();

    const request = backend.expectOne('/api/chains');
    expect(request.request.method).toBe('GET');
    request.flush(sevenChains());
    await fixture.whenStable();

    expect(element.querySelector('[role="status"]')).toBeNull();
    expect(text(element.querySelector('.page-subtitle'))).toBe(
      '共 7 条产业链：主导产业链 5 条，特色产业链 2 条',
    );

    const summary = element.querySelector('.city-summary');
    expect(summary?.getAttribute('aria-label')).toBe(
      '2025年全市目标：签约 220亿元，到位资金 100亿元',
    );
    expect(text(summary)).toContain('签约金额 220亿元');
    expect(text(summary)).toContain('到位资金 100亿元');

    const sections = element.querySelectorAll('.chain-section');
    expect(sections).toHaveLength(2);
    expect(text(sections[0].querySelector('.section-title'))).toBe(
      '主导产业链 共 5 条',
    );
    expect(text(sections[1].querySelector('.section-title'))).toBe(
      '特色产业链 共 2 条',
    );

    const titles = [...element.querySelectorAll('.chain-title')].map(text);
    expect(titles).toEqual([
      '清洁能源产业链',
      '盐湖化工产业链',
      '金属冶金产业链',
      '油气能源化工产业链',
      '陆港物流产业链',
      '文化旅游产业链',
      '特色农牧产业链',
    ]);
  });

  it('shows a chain’s leaders, units, anchor firms, targets and key tasks', async () => {
    const { fixture, element } = await render();
    backend.expectOne('/api/chains').flush(sevenChains());
    await fixture.whenStable();

    const cleanEnergy = element.querySelector('#clean-energy');
    const roles = [...(cleanEnergy?.querySelectorAll('.role') ?? [])].map(text);
    expect(roles).toEqual([
      '包联领导 赵冬 州委常委、市委书记',
      '责任领导 肖军 市委常委、副市长 胡红梅 市委常委、副市长',
      '责任单位 市能源局、市数据局',
      '配合单位 市工业信息化和科技局',
      '链主企业 中国华电集团有限公司格尔木分公司',
    ]);
    expect(text(cleanEnergy?.querySelector('nz-tag'))).toBe('主导产业链');

    const targets = [...(cleanEnergy?.querySelectorAll('.target') ?? [])].map(
      text,
    );
    expect(targets).toEqual([
      '签约金额 140亿元',
      '10亿元以上项目 不少于 5 个',
      '到位资金 65亿元',
    ]);
    expect(text(cleanEnergy?.querySelector('.chain-targets h3'))).toBe(
      '2025年工作目标',
    );

    const tasks = [
      ...(cleanEnergy?.querySelectorAll('.key-tasks li') ?? []),
    ].map(text);
    expect(tasks).toEqual([
      '研究促进多能互补项目落地的具体措施。 责任单位 市能源局、昆鹏能源公司',
      '以氢能、储能电池、装备制造、运维服务为主攻方向。 责任单位 市能源局',
    ]);

    // 特色农牧: the plan names a 牵头单位, not 责任单位.
    const agri = element.querySelector('#agri-pastoral');
    const agriRoles = [...(agri?.querySelectorAll('dt') ?? [])].map(text);
    expect(agriRoles).toContain('牵头单位');
    expect(agriRoles).not.toContain('责任单位');
    expect(text(agri?.querySelector('nz-tag'))).toBe('特色产业链');

    // 油气能源化工 lists no 配合单位.
    const oilGas = element.querySelector('#oil-gas-chemical');
    expect([...(oilGas?.querySelectorAll('.role') ?? [])].map(text)).toContain(
      '配合单位 未列明',
    );
  });

  it('keeps 招商方向 folded until asked', async () => {
    const { fixture, element } = await render();
    backend.expectOne('/api/chains').flush(sevenChains());
    await fixture.whenStable();

    const panel = element.querySelector('#clean-energy .ant-collapse-item');
    expect(text(panel?.querySelector('.ant-collapse-header'))).toBe('招商方向');
    expect(panel?.classList).not.toContain('ant-collapse-item-active');

    (panel?.querySelector('.ant-collapse-header') as HTMLElement).click();
    await fixture.whenStable();
    expect(panel?.classList).toContain('ant-collapse-item-active');
    expect(text(panel?.querySelector('.direction-text'))).toBe(
      '清洁能源产业链招商方向。',
    );
  });

  it('offers a retry when loading fails', async () => {
    const { fixture, element } = await render();
    backend
      .expectOne('/api/chains')
      .flush('down', { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();

    expect(text(element.querySelector('.ant-result-title'))).toBe(
      '产业链数据加载失败',
    );
    const retry = element.querySelector<HTMLButtonElement>('button.retry');
    expect(text(retry)).toBe('重新加载');

    retry?.click();
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')).not.toBeNull();

    backend.expectOne('/api/chains').flush(sevenChains());
    await fixture.whenStable();
    expect(element.querySelectorAll('crm-chain-card')).toHaveLength(7);
  });

  it('writes each target as the plan marks it: 以上 / 不少于, or exact', async () => {
    const { fixture, element } = await render();
    const chains = sevenChains();
    const clean = chains.find((c) => c.code === 'clean-energy');
    if (!clean) throw new Error('no clean-energy');
    clean.targets = clean.targets.map((t) => ({ ...t, signedAtLeast: true, bigProjectAtLeast: false, fundsAtLeast: true }));
    backend.expectOne('/api/chains').flush(chains);
    await fixture.whenStable();
    const targets = [...element.querySelectorAll('#clean-energy .target')].map(text);
    expect(targets).toEqual(['签约金额 140亿元以上', '10亿元以上项目 5 个', '到位资金 65亿元以上']);
  });

  it('says so when there are no chains yet', async () => {
    const { fixture, element } = await render();
    backend.expectOne('/api/chains').flush([]);
    await fixture.whenStable();

    expect(text(element.querySelector('.empty-title'))).toBe('暂无产业链数据');
    expect(element.querySelector('.city-summary')).toBeNull();
  });

  it('follows the interface language', async () => {
    const { fixture, element } = await render();
    backend.expectOne('/api/chains').flush(sevenChains());
    await fixture.whenStable();

    TestBed.inject(I18nService).use('en');
    await fixture.whenStable();

    expect(text(element.querySelector('h1'))).toBe(
      'The "5+2" industry-chain task forces',
    );
    expect(
      element.querySelector('.city-summary')?.getAttribute('aria-label'),
    ).toBe(
      'City-wide targets for 2025: CNY 22 billion signed, CNY 10 billion in place',
    );
    const title = element.querySelector('#clean-energy .chain-title');
    expect(text(title)).toBe('Clean energy 清洁能源产业链');
    const targets = [
      ...(element.querySelectorAll('#clean-energy .target') ?? []),
    ].map(text);
    expect(targets).toEqual([
      'Signed amount CNY 14 billion',
      'Projects of CNY 1 billion or more at least 5',
      'Funds in place CNY 6.5 billion',
    ]);
  });
});
