import { registerLocaleData } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import localeZh from '@angular/common/locales/zh';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Route } from '@angular/router';
import type {
  ActionItemView,
  CockpitChainFigures,
  CockpitProjectRef,
  CurrentUserView,
  MeetingPackView,
  Role,
} from '@crm/domain';
import { AuthService } from '@crm/web/core';

/*
 * Test helpers of the 会议材料, 日程, 督办 and 周跟踪 pages (spec files only): a signed-in TestBed
 * and answers shaped like the meetings API. The meeting: clean energy's 月调度会 of 2025-06-28.
 */

/** Visible text, one space between text nodes. */
export const text = (element: Element | null | undefined): string => {
  if (!element) return '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

/** A signed-in user as GET /api/auth/me answers. */
export function user(roles: Role[]): CurrentUserView {
  return {
    id: '7d3c1a52-8f0e-4b7a-9a51-0c2f6e1d4b10',
    username: 'wangfang',
    displayName: '王芳',
    roles,
    unit: { id: 3, name: '市投资促进局' },
    person: null,
    chainCodes: ['clean-energy'],
    editableChainCodes: ['clean-energy'],
    mustChangePassword: false,
  };
}

/** TestBed with the HTTP backend, the routes given, and the user signed in. */
export async function setUp(routes: Route[], user: CurrentUserView): Promise<HttpTestingController> {
  localStorage.clear();
  // The date pickers format with Angular's locale data, as the app registers it (provideI18n).
  registerLocaleData(localeZh, 'zh-CN');
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter(routes)],
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(user);
  await loaded;
  return backend;
}

export function project(id: string, name: string, overrides: Partial<CockpitProjectRef> = {}): CockpitProjectRef {
  return {
    id,
    name,
    chain: 'clean-energy',
    stage: 'negotiation',
    status: 'active',
    major: false,
    amount: '35000.000000',
    investorName: '青海绿能集团',
    owner: { id: 'u-1', displayName: '能源局专班' },
    responsibleUnit: { id: 5, name: '市能源局' },
    ...overrides,
  };
}

export function actionItem(overrides: Partial<ActionItemView> = {}): ActionItemView {
  return {
    id: 'ai-1',
    meeting: { id: 'm-0', kind: 'monthly-dispatch', heldOn: '2025-05-27' },
    chains: [{ code: 'clean-energy', nameZh: '清洁能源产业链' }],
    text: '协调叶片项目用地指标',
    project: { id: 'p-2', name: '高原风电叶片项目' },
    ownerUnit: { id: 5, name: '市能源局' },
    ownerUser: null,
    dueOn: '2025-06-20',
    status: 'open',
    overdue: true,
    overdueMarkedAt: '2025-06-21T01:00:00Z',
    doneNote: null,
    doneAt: null,
    notes: [],
    createdAt: '2025-05-27T08:00:00Z',
    version: 1,
    ownerAccounts: 1,
    ...overrides,
  };
}

const signedQuery = { chain: 'clean-energy' as const, stage: ['signed' as const], agreementFrom: '2025-01-01', agreementTo: '2025-06-30' };

/** Worked by hand: target 140亿 = 1,400,000 万元; pace at month 6 is 700,000; 12亿 signed is 58亿 behind. */
export function figures(): CockpitChainFigures {
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    target: {
      year: 2025,
      signedAmount: '1400000.000000',
      signedAtLeast: true,
      bigProjectThreshold: '100000.000000',
      bigProjectMinCount: 5,
      bigProjectAtLeast: true,
      fundsInPlace: '650000.000000',
      fundsAtLeast: false,
    },
    signedAmount: {
      actual: '120000.000000',
      target: '1400000.000000',
      rate: '8.57',
      pace: '700000.00',
      gap: '-580000.00',
      paceRate: '17.14',
      query: signedQuery,
    },
    signedProjects: { count: 1, query: { chain: 'clean-energy' } },
    fundsInPlace: {
      actual: '400000.000000',
      target: '650000.000000',
      rate: '61.54',
      pace: '325000.00',
      gap: '75000.00',
      paceRate: '123.08',
      query: { chain: 'clean-energy', fundsFrom: '2025-01', fundsTo: '2025-06' },
    },
    fundsInPlaceVerified: { actual: '100000.000000', rate: '15.38' },
    bigProjects: {
      actual: 1,
      target: 5,
      rate: '20.00',
      // A count's pace is whole: ceil(5 × 6 / 12) = 3 projects due by June.
      pace: '3',
      gap: '-2',
      paceRate: '33.33',
      query: { chain: 'clean-energy', bigBy: '2025-06' },
    },
    // 同比 by hand: 12亿 against 10亿 (+20%); 1 project against 2 (−50%); funds none last year
    // (the system holds nothing of 2024); 资金到位率 400000 / 120000 = 333.33%.
    yearOnYear: {
      previousYear: 2024,
      month: 6,
      signedAmount: { thisYear: '120000.000000', lastYear: '100000.000000', basis: 'system', growthRate: '20.00' },
      signedProjects: { thisYear: 1, lastYear: 2, basis: 'system', growthRate: '-50.00' },
      fundsInPlace: { thisYear: '400000.000000', lastYear: null, basis: null, growthRate: null },
      bigProjects: { thisYear: 1, lastYear: 0, basis: 'system', growthRate: null },
      fundsToSignedRate: '333.33',
    },
  };
}

export function packView(overrides: Partial<MeetingPackView> = {}): MeetingPackView {
  return {
    meeting: {
      id: 'm-1',
      kind: 'monthly-dispatch',
      heldOn: '2025-06-28',
      chains: [{ code: 'clean-energy', nameZh: '清洁能源产业链' }],
      chair: { personId: 1, name: '李明' },
      attendingUnits: [{ id: 5, name: '市能源局' }],
      attendees: ['李明', '张华'],
      agenda: '6 月调度',
      minutes: '',
      createdBy: { id: 'u-9', displayName: '王芳' },
      createdAt: '2025-06-28T02:00:00Z',
      updatedAt: '2025-06-28T02:00:00Z',
      openItems: 1,
      version: 1,
      overdueItems: 1,
    },
    generatedAt: '2025-06-28T02:30:00Z',
    since: '2025-05-27',
    previousMeeting: { id: 'm-0', kind: 'monthly-dispatch', heldOn: '2025-05-27' },
    year: 2025,
    month: 6,
    chains: [
      {
        chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
        figures: figures(),
        window: { from: '2025-06-26', to: '2025-07-25' },
        funnel: [
          {
            stage: 'lead',
            label: '信息收集',
            count: 4,
            plannedInvestment: '35000',
            signedAmount: '0',
            query: { chain: 'clean-energy', stage: ['lead'], status: ['active', 'paused'] },
          },
          {
            stage: 'signed',
            label: '项目签约',
            count: 1,
            plannedInvestment: '150000',
            signedAmount: '120000',
            query: { chain: 'clean-energy', stage: ['signed'], status: ['active', 'paused'] },
          },
        ],
        moved: [
          {
            project: project('p-1', '储能电池项目'),
            from: 'lead',
            to: 'negotiation',
            movedOn: '2025-06-10',
          },
          { project: project('p-3', '光伏组件项目', { stage: 'lead' }), from: null, to: 'lead', movedOn: '2025-06-02' },
        ],
        stuck: [{ project: project('p-4', '氢能示范项目', { stage: 'evaluation' }), since: '2025-01-02T00:00:00Z', days: 177 }],
        alerts: [
          {
            kind: 'idle',
            chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
            project: project('p-1', '储能电池项目'),
            unit: null,
            period: null,
            since: '2025-05-02',
            days: 57,
            link: '/projects/p-1',
          },
        ],
        alertCounts: { 'signed-no-land': 0, 'land-not-started': 0, 'not-producing': 0, idle: 3, 'report-late': 0 },
        problems: [{ unit: { id: 5, name: '市能源局' }, period: '2025-05', text: '叶片项目用地指标待协调。' }],
        openItems: [
          actionItem(),
          actionItem({ id: 'ai-2', text: '督促储能项目签约', project: null, overdue: false, dueOn: '2025-07-15', status: 'in-progress' }),
        ],
        completion: { due: 4, done: 3, rate: '75.00' },
      },
    ],
    ...overrides,
  };
}
