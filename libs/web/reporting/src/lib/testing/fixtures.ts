import type { CurrentUserView, MonthlyReportView, Role } from '@crm/domain';

export function currentUser(roles: Role[]): CurrentUserView {
  return {
    id: 'c1',
    username: 'liming',
    displayName: '李明',
    roles,
    unit: roles.includes('staff') ? { id: 5, name: '市能源局' } : null,
    person: null,
    chainCodes: [],
    editableChainCodes: [],
    mustChangePassword: false,
  };
}

export function report(overrides: Partial<MonthlyReportView> = {}): MonthlyReportView {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    unitId: 5,
    unitName: '市能源局',
    period: '2025-03',
    state: 'draft',
    dueAt: '2025-03-25T16:00:00.000Z',
    submittedAt: null,
    late: null,
    returnComment: null,
    workDone: '',
    problems: '',
    nextMonthPlan: '',
    figures: {
      takenAt: '2025-03-20T02:00:00.000Z',
      chains: [
        {
          chainId: 1,
          chainCode: 'clean-energy',
          chainName: '清洁能源产业链',
          activitiesByKind: { visit: 2, negotiation: 1 },
          newLeads: 3,
          stageMoves: 2,
          signings: { count: 1, amount: '120000' },
          fundsInPlace: '5000',
          keyTasks: [
            {
              id: 9,
              seq: 1,
              text: '推进光伏制造项目落地',
              projectCount: 4,
              activeProjectCount: 3,
              units: ['市能源局'],
              milestones: [
                {
                  id: 21,
                  seq: 1,
                  projectName: '光伏组件回收利用',
                  projectId: 'p-pv',
                  targetStage: 'signed',
                  wording: '力争…项目落地实施',
                  currentStage: 'negotiation',
                  state: 'on-track',
                },
              ],
              goals: [],
              done: 0,
              onTrack: 1,
              behind: 0,
            },
          ],
        },
      ],
    },
    version: 1,
    ...overrides,
  };
}
