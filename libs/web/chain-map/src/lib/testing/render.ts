import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Route } from '@angular/router';
import { ArrowLeftOutline, DownloadOutline, EditOutline, FileImageOutline, PlusOutline, PrinterOutline } from '@ant-design/icons-angular/icons';
import type { ChainMapLinkView, ChainMapView, CurrentUserView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NGX_ECHARTS_CONFIG } from 'ngx-echarts';

/** Visible text, one space between text nodes. */
export const text = (element: Element | null | undefined): string => {
  if (!element) return '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

/** The options the page gave its chart (an ECharts stand-in records them). */
export const drawn: unknown[] = [];
const fakeEcharts = {
  init: () => ({
    setOption: (option: unknown) => drawn.push(option),
    resize: () => undefined,
    dispose: () => undefined,
    isDisposed: () => false,
    on: () => undefined,
    off: () => undefined,
    showLoading: () => undefined,
    hideLoading: () => undefined,
    getDataURL: () => 'data:image/png;base64,AAAA',
  }),
};

export async function setUp(routes: Route[], user: CurrentUserView): Promise<HttpTestingController> {
  localStorage.clear();
  drawn.length = 0;
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes),
      provideNzIcons([ArrowLeftOutline, DownloadOutline, EditOutline, FileImageOutline, PlusOutline, PrinterOutline]),
      { provide: NGX_ECHARTS_CONFIG, useValue: { echarts: fakeEcharts } },
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(user);
  await loaded;
  return backend;
}

export function user(roles: CurrentUserView['roles']): CurrentUserView {
  return {
    id: 'u1',
    username: 'u1',
    displayName: '王强',
    roles,
    unit: null,
    person: null,
    chainCodes: ['clean-energy'],
    editableChainCodes: roles.includes('staff') ? ['clean-energy'] : [],
    mustChangePassword: false,
  } as CurrentUserView;
}

function link(over: Partial<ChainMapLinkView> & Pick<ChainMapLinkView, 'id' | 'name' | 'tier' | 'status'>): ChainMapLinkView {
  return {
    parentId: null,
    sortOrder: over.id,
    statusReason: null,
    kind: over.status === 'strong' ? null : 'fill',
    draft: false,
    sourceQuote: null,
    firms: [],
    targets: [],
    pipeline: [],
    projects: [],
    activeLeads: 0,
    unledGap: over.status !== 'strong' && !(over.projects ?? []).some((p) => p.status === 'active'),
    ...over,
  };
}

/** 清洁能源's 2025 map: a strong link with the anchor firm, a weak one with a led sub-link, a missing one with no lead. */
export function mapView(editable = true): ChainMapView {
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    year: 2025,
    previousYear: null,
    editable,
    map: {
      version: 3,
      draftedFrom: null,
      links: [
        link({
          id: 1,
          name: '电源建设',
          tier: 'upstream',
          status: 'strong',
          firms: [{ enterpriseId: 'e1', name: '中国华电集团有限公司格尔木分公司', anchor: true }],
          sourceQuote: '加快建设电源项目',
          draft: true,
        }),
        link({ id: 2, name: '风电装备制造', tier: 'upstream', status: 'weak', kind: 'strengthen', statusReason: '叶片配套不足',
          targets: [{ name: '东方电气集团有限公司', tags: ['central-soe', 'fortune-500'], note: '对接中' }],
          pipeline: [{ stage: 'signed', count: 1, signedAmount: '120000' }],
          projects: [{ id: 'p1', name: '远景能源风电整机制造', stage: 'signed', status: 'active', kind: 'strengthen', signedAmount: '120000' }],
          activeLeads: 1 }),
        link({ id: 3, parentId: 2, name: '叶片制造', tier: 'upstream', status: 'missing' }),
        link({ id: 4, name: '氢能', tier: 'midstream', status: 'missing', statusReason: '本地尚无制氢企业' }),
      ],
    },
  };
}
