import type { CurrentUserView } from '@crm/domain';

/** A signed-in user as GET /api/auth/me answers, for the web tests. */
export function currentUser(
  overrides: Partial<CurrentUserView> = {},
): CurrentUserView {
  return {
    id: '7d3c1a52-8f0e-4b7a-9a51-0c2f6e1d4b10',
    username: 'wangfang',
    displayName: '王芳',
    roles: ['office'],
    unit: { id: 3, name: '市投资促进局' },
    person: null,
    chainCodes: [],
    editableChainCodes: [],
    mustChangePassword: false,
    ...overrides,
  };
}
