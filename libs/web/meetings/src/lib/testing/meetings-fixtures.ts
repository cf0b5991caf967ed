import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import type { ActionItemView, ChainView, CurrentUserView, MeetingView, Role } from '@crm/domain';
import { AuthService } from '@crm/web/core';

export const MEETING_ID = 'a0000000-0000-4000-8000-000000000001';
export const ITEM_ID = 'b0000000-0000-4000-8000-000000000001';

/** A staff member of 市能源局, which serves 清洁能源产业链, unless told otherwise. */
export function currentUser(roles: Role[], overrides: Partial<CurrentUserView> = {}): CurrentUserView {
  const staff = roles.includes('staff');
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    username: 'liming',
    displayName: '李明',
    roles,
    unit: staff ? { id: 5, name: '市能源局' } : null,
    person: null,
    chainCodes: roles.includes('office') ? ['clean-energy', 'salt-lake-chemical'] : ['clean-energy'],
    editableChainCodes: staff ? ['clean-energy'] : [],
    mustChangePassword: false,
    ...overrides,
  };
}

/** Answers GET /api/auth/me with the user. */
export async function signIn(backend: HttpTestingController, user: CurrentUserView): Promise<void> {
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(user);
  await loaded;
}

export function chains(): ChainView[] {
  const base = {
    kind: 'leading' as const,
    asOf: '2025-06-30',
    direction: '',
    cooperatingUnits: [],
    anchorFirms: [],
    keyTasks: [],
    targets: [],
  };
  return [
    {
      ...base,
      code: 'clean-energy',
      nameZh: '清洁能源产业链',
      nameEn: 'Clean energy',
      sortOrder: 1,
      liaisonLeader: { id: 11, name: '王强', position: '副市长' },
      responsibleLeaders: [{ id: 12, name: '赵敏', position: '市发改委主任' }],
      responsibleUnits: [{ role: 'responsible', isLead: true, unit: { id: 5, name: '市能源局', kind: 'bureau', aliases: [] } }],
    },
    {
      ...base,
      code: 'salt-lake-chemical',
      nameZh: '盐湖化工产业链',
      nameEn: 'Salt-lake chemicals',
      sortOrder: 2,
      liaisonLeader: { id: 21, name: '孙磊', position: '副市长' },
      responsibleLeaders: [],
      responsibleUnits: [],
    },
  ];
}

export function meeting(overrides: Partial<MeetingView> = {}): MeetingView {
  return {
    id: MEETING_ID,
    kind: 'monthly-dispatch',
    heldOn: '2025-03-10',
    chains: [{ code: 'clean-energy', nameZh: '清洁能源产业链' }],
    chair: { personId: 11, name: '王强' },
    attendingUnits: [{ id: 5, name: '市能源局' }],
    attendees: ['李明', '张华'],
    agenda: '一、通报项目进展',
    minutes: '会议要求加快光伏项目签约。',
    createdBy: { id: 'c0000000-0000-4000-8000-000000000001', displayName: '李明' },
    createdAt: '2025-03-10T08:00:00.000Z',
    updatedAt: '2025-03-10T08:00:00.000Z',
    version: 1,
    openItems: 2,
    overdueItems: 1,
    ...overrides,
  };
}

export function item(overrides: Partial<ActionItemView> = {}): ActionItemView {
  return {
    id: ITEM_ID,
    meeting: { id: MEETING_ID, kind: 'monthly-dispatch', heldOn: '2025-03-10' },
    chains: [{ code: 'clean-energy', nameZh: '清洁能源产业链' }],
    text: '协调光伏项目用地指标',
    project: null,
    ownerUnit: { id: 5, name: '市能源局' },
    ownerUser: null,
    dueOn: '2025-03-31',
    status: 'open',
    overdue: false,
    overdueMarkedAt: null,
    doneNote: null,
    doneAt: null,
    notes: [],
    createdAt: '2025-03-10T08:30:00.000Z',
    version: 1,
    ownerAccounts: 1,
    ...overrides,
  };
}

export const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types into an input or a textarea as a user would (the input event ngModel listens to). */
export function typeInto(root: ParentNode, selector: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input'));
}
