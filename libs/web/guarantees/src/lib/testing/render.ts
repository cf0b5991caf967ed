import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUserView, GuaranteeRequestView } from '@crm/domain';
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

export async function setUp(): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNzIcons([])],
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush({
    id: 'u1',
    username: 'u1',
    displayName: '自然资源局经办人',
    roles: ['staff'],
    unit: { id: 9, name: '市自然资源局' },
    person: null,
    chainCodes: [],
    editableChainCodes: [],
    mustChangePassword: false,
  } as unknown as CurrentUserView);
  await loaded;
  return backend;
}

/** A land need of 120 亩 sent to 市自然资源局, overdue by 3 days. */
export function landRequest(change: Partial<GuaranteeRequestView> = {}): GuaranteeRequestView {
  return {
    id: 'g1',
    project: {
      id: 'p1',
      name: '东出口共享储能电站项目',
      chain: 'clean-energy',
      stage: 'negotiation',
      status: 'active',
      major: false,
      amount: null,
      investorName: '某储能公司',
      owner: { id: 'u2', displayName: '数据局经办人' },
      responsibleUnit: { id: 7, name: '市数据局' },
    },
    kind: 'land',
    description: null,
    areaMu: '120.5000',
    powerKw: null,
    powerMwhPerYear: null,
    waterM3PerYear: null,
    gasM3PerYear: null,
    quantity: null,
    quantityUnit: null,
    financeWan: null,
    unit: { id: 9, name: '市自然资源局' },
    sentOn: '2026-03-02',
    sentBy: { id: 'u2', name: '数据局经办人' },
    dueOn: '2026-03-05',
    status: 'sent',
    statusOn: null,
    expectedOn: null,
    note: null,
    overdue: true,
    daysOverdue: 3,
    answers: [],
    version: 1,
    canAnswer: true,
    ...change,
  };
}

/** The element a selector finds, or the test fails saying which. */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
