import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Route } from '@angular/router';
import { GlobalOutline, SearchOutline } from '@ant-design/icons-angular/icons';
import type { CurrentUserView, PromotionEventView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';

/** Visible text, one space between text nodes. */
export const text = (element: Element | null | undefined): string => {
  if (!element) return '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

export async function setUp(routes: Route[], user: CurrentUserView): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter(routes), provideNzIcons([GlobalOutline, SearchOutline])],
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
    displayName: '测试用户',
    roles,
    unit: null,
    person: null,
    chainCodes: ['clean-energy'],
    editableChainCodes: roles.includes('staff') ? ['clean-energy'] : [],
    mustChangePassword: false,
  } as CurrentUserView;
}

/** 青洽会 of 2025: two signed projects of 清洁能源 shown, one of another chain counted but hidden. */
export function eventView(editable = true): PromotionEventView {
  return {
    id: 'e1',
    name: '第二十五届青洽会',
    kind: 'fair',
    startsOn: '2025-07-06',
    endsOn: '2025-07-09',
    place: '西宁',
    leadPerson: { id: 1, name: '肖军' },
    chains: ['clean-energy'],
    totals: { projects: 3, signedProjects: 2, signedAmount: '1433000', fundsInPlace: '824000' },
    notes: null,
    units: [{ id: 7, name: '市数据局' }],
    enterprises: [{ id: 'f1', name: '中国华电集团有限公司格尔木分公司' }],
    contacts: [],
    projects: [
      { id: 'p1', name: '青洽会光伏项目', investorName: '某新能源公司', chain: 'clean-energy', stage: 'signed', signedAmount: '1000000', fundsInPlace: '500000' },
      { id: 'p2', name: '青洽会储能项目', investorName: '某储能公司', chain: 'clean-energy', stage: 'signed', signedAmount: '433000', fundsInPlace: '324000' },
    ],
    hiddenProjects: 1,
    version: 3,
    editable,
  };
}
