import type { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { GlobalSearchResult } from '@crm/domain';
import { setUp, user } from '../testing/render';
import { GlobalSearchBox, SEARCH_PAUSE_MS, searchGroups } from './global-search-box';

@Component({ selector: 'crm-host', imports: [GlobalSearchBox], template: `<crm-global-search-box />` })
class Host {}

@Component({ selector: 'crm-blank', template: '' })
class Blank {}

const RESULT: GlobalSearchResult = {
  q: '储能',
  projects: [{ id: 'p1', name: '格尔木东出口200MW/800MWh共享储能电站项目', investorName: '某储能公司', chain: 'clean-energy', stage: 'lead' }],
  enterprises: [{ id: 'f1', name: '东出口储能科技有限公司' }],
  contacts: [{ id: 'c1', name: '欧阳明远', title: '总经理', enterpriseId: 'f1', enterpriseName: '东出口储能科技有限公司' }],
  events: [{ id: 'e1', name: '储能产业推介会', kind: 'forum', startsOn: '2025-05-20' }],
};

/** Lets the box's pause (0 in these tests) and the router's work run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GlobalSearchBox', () => {
  let backend: HttpTestingController | undefined;
  afterEach(() => backend?.verify());

  it('groups the answer (empty groups left out) with links to each project, firm and event', () => {
    const names = { 'search.projects': '项目', 'search.enterprises': '企业', 'search.contacts': '联系人', 'search.events': '招商活动' } as const;
    const groups = searchGroups(RESULT, (key) => names[key]);
    expect(groups.map((g) => [g.title, g.hits.map((h) => [h.label, h.link.join('/'), h.queryParams?.['q'] ?? ''])])).toEqual([
      ['项目', [['格尔木东出口200MW/800MWh共享储能电站项目', '/projects/p1', '']]],
      ['企业', [['东出口储能科技有限公司', '/enterprises/f1', '']]],
      ['联系人', [['欧阳明远', '/enterprises/f1', '']]],
      ['招商活动', [['储能产业推介会', '/events/e1', '']]],
    ]);
  });

  async function render(roles: ('staff' | 'leader')[]) {
    TestBed.configureTestingModule({ providers: [{ provide: SEARCH_PAUSE_MS, useValue: 0 }] });
    backend = await setUp([{ path: '', component: Host }, { path: '**', component: Blank }], user(roles));
    const harness = await RouterTestingHarness.create('/');
    const input = (harness.routeNativeElement as HTMLElement).querySelector<HTMLInputElement>('input[type="search"]')!;
    const type = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle();
    };
    return { harness, input, type, backend };
  }

  it('asks GET /api/search with what was typed, lists the groups, and opens what is chosen', async () => {
    const { harness, input, type, backend } = await render(['staff']);
    expect(input.getAttribute('aria-label')).toBe('全局搜索');
    expect(input.getAttribute('placeholder')).toBe('搜索项目、企业、联系人、活动');
    await type('储能');
    const req = backend.expectOne((r) => r.url === '/api/search');
    expect(req.request.params.get('q')).toBe('储能');
    req.flush(RESULT);
    input.dispatchEvent(new Event('focusin'));
    await harness.fixture.whenStable();
    const groups = [...document.querySelectorAll('nz-auto-optgroup')].map((g) => g.firstElementChild?.textContent?.trim());
    expect(groups).toEqual(['项目', '企业', '联系人', '招商活动']);
    const options = [...document.querySelectorAll<HTMLElement>('nz-auto-option')];
    expect(options.map((o) => o.querySelector('.hit-label')?.textContent?.trim())).toEqual([
      '格尔木东出口200MW/800MWh共享储能电站项目',
      '东出口储能科技有限公司',
      '欧阳明远',
      '储能产业推介会',
    ]);
    expect(options[2].querySelector('.hit-detail')?.textContent?.trim()).toBe('总经理 · 东出口储能科技有限公司');
    options[3].click();
    await settle();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/events/e1');
  });

  it('Enter without a choice opens the project list searched', async () => {
    const { harness, input, type, backend } = await render(['leader']);
    await type('东出口储能');
    backend.expectOne((r) => r.url === '/api/search').flush({ ...RESULT, q: '东出口储能', projects: [], enterprises: [], contacts: [], events: [] });
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle();
    await harness.fixture.whenStable();
    expect(decodeURIComponent(TestBed.inject(Router).url)).toBe('/projects?q=东出口储能');
  });
});
