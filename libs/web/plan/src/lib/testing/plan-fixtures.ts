import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  AnnualPlanView,
  ChainView,
  CurrentUserView,
  PersonView,
  PlanKeyTaskView,
  Role,
  UnitView,
} from '@crm/domain';
import { AuthService } from '@crm/web/core';

export function currentUser(roles: Role[]): CurrentUserView {
  const staff = roles.includes('staff');
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    username: 'liming',
    displayName: '李明',
    roles,
    unit: staff ? { id: 5, name: '市能源局' } : null,
    person: null,
    chainCodes: ['clean-energy', 'salt-lake-chemical', 'metallurgy'],
    editableChainCodes: staff ? ['clean-energy'] : [],
    mustChangePassword: false,
  };
}

/** Answers GET /api/auth/me with a user of these roles. */
export async function signIn(backend: HttpTestingController, roles: Role[]): Promise<void> {
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(currentUser(roles));
  await loaded;
}

export function chains(): ChainView[] {
  const base = {
    kind: 'leading' as const,
    asOf: '2025-06-30',
    direction: '',
    liaisonLeader: null,
    responsibleLeaders: [],
    responsibleUnits: [],
    cooperatingUnits: [],
    anchorFirms: [],
    keyTasks: [],
    targets: [],
  };
  // Sent out of order: the pages sort by the plan's order.
  return [
    { ...base, code: 'metallurgy', nameZh: '冶金建材产业链', nameEn: 'Metallurgy and building materials', sortOrder: 3 },
    { ...base, code: 'clean-energy', nameZh: '清洁能源产业链', nameEn: 'Clean energy', sortOrder: 1 },
    { ...base, code: 'salt-lake-chemical', nameZh: '盐湖化工产业链', nameEn: 'Salt-lake chemicals', sortOrder: 2 },
  ];
}

export const UNITS: UnitView[] = [
  { id: 5, name: '市能源局', kind: 'bureau', aliases: [] },
  { id: 7, name: '市发改委', kind: 'bureau', aliases: ['发改委'] },
  { id: 9, name: '市工信局', kind: 'bureau', aliases: [] },
];

export const PEOPLE: PersonView[] = [
  { id: 11, name: '王强', position: '副市长' },
  { id: 12, name: '赵敏', position: '市发改委主任' },
];

export function keyTask(overrides: Partial<PlanKeyTaskView> = {}): PlanKeyTaskView {
  return {
    id: 101,
    chainCode: 'clean-energy',
    seq: 1,
    text: '推进光伏制氢一体化项目建设',
    units: [{ id: 5, name: '市能源局' }],
    milestones: [
      { id: 1001, seq: 1, projectName: '光伏制氢一体化项目', projectId: null, targetStage: 'production', wording: '年内建成' },
    ],
    goals: [
      {
        id: 2001,
        seq: 1,
        version: 1,
        label: '建设算力标准机架',
        measureUnit: '个',
        target: '4000.0000',
        achieved: '1200.0000',
        achievedOn: '2026-06-30',
      },
    ],
    ...overrides,
  };
}

/** A 2026 draft drafted from 2025: two chains with targets, the third without. */
export function plan(overrides: Partial<AnnualPlanView> = {}): AnnualPlanView {
  return {
    year: 2026,
    status: 'draft',
    citySignedAmount: '2200000.000000',
    citySignedAtLeast: true,
    cityFundsInPlace: '1000000.000000',
    cityFundsAtLeast: false,
    draftedFrom: 2025,
    publishedAt: null,
    publishedBy: null,
    version: 3,
    targets: [
      {
        chainCode: 'clean-energy',
        chainNameZh: '清洁能源产业链',
        signedAmount: '1400000.000000',
        signedAtLeast: true,
        fundsInPlace: '300000.000000',
        fundsAtLeast: false,
        bigProjectThreshold: '50000.000000',
        bigProjectMinCount: 3,
        bigProjectAtLeast: true,
      },
      {
        chainCode: 'salt-lake-chemical',
        chainNameZh: '盐湖化工产业链',
        signedAmount: '125000.000000',
        signedAtLeast: false,
        fundsInPlace: '80000.000000',
        fundsAtLeast: true,
        bigProjectThreshold: '0.000000',
        bigProjectMinCount: 0,
        bigProjectAtLeast: true,
      },
    ],
    sectorGrowth: [
      { sector: 'agri-pastoral', growthRate: '5.00' },
      { sector: 'manufacturing', growthRate: '20.00' },
      { sector: 'modern-services', growthRate: '10.00' },
    ],
    keyTasks: [
      keyTask(),
      keyTask({
        id: 102,
        chainCode: 'metallurgy',
        seq: 1,
        text: '延伸镁基新材料产业链',
        units: [{ id: 9, name: '市工信局' }, { id: 5, name: '市能源局' }],
        milestones: [],
        goals: [],
      }),
    ],
    problems: ['冶金建材产业链尚未填写工作目标'],
    ...overrides,
  };
}

/** An element's text with runs of white space made one. */
export function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function type(root: ParentNode, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  // The date picker (crm-date-input) takes a typed date when the text box is left.
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

export function click(root: ParentNode, selector: string): void {
  const element = root.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`no ${selector}`);
  element.click();
}
