import type { PersonView, UnitView, UserView } from '@crm/domain';

export const UNITS: UnitView[] = [
  { id: 1, name: '市发展和改革委员会', kind: 'committee', aliases: ['市发改委'] },
  { id: 5, name: '市能源局', kind: 'bureau', aliases: [] },
];

export const PEOPLE: PersonView[] = [
  { id: 11, name: '赵冬', position: '州委常委、市委书记' },
  { id: 12, name: '肖军', position: '市委常委、副市长' },
];

export function userView(overrides: Partial<UserView> = {}): UserView {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    username: 'admin',
    displayName: '系统管理员',
    roles: ['admin'],
    unitId: null,
    personId: null,
    active: true,
    lockedUntil: null,
    version: 1,
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

export const USERS: UserView[] = [
  userView(),
  userView({
    id: 'a0000000-0000-4000-8000-000000000002',
    username: 'xiaojun',
    displayName: '肖军',
    roles: ['leader'],
    personId: 12,
  }),
  userView({
    id: 'a0000000-0000-4000-8000-000000000003',
    username: 'zhaolei',
    displayName: '赵磊',
    roles: ['staff'],
    unitId: 5,
    lockedUntil: '2099-05-01T02:30:00.000Z',
  }),
];
