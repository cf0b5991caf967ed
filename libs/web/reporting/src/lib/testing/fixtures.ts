import {
  planMissingView,
  RANKING_FORMULA,
  RANKING_WEIGHTS,
  STAGES,
  type CurrentUserView,
  type MonthlyReportView,
  type Role,
  type RollUpChainFigures,
  type RollUpView,
} from '@crm/domain';

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

const ZERO = '0.000000';

/** January 2027 with no plan for the year: actuals only, no ranking. */
export function rollUpWithoutPlan(): RollUpView {
  const chain: RollUpChainFigures = {
    chainId: 1,
    chainCode: 'clean-energy',
    chainName: '清洁能源产业链',
    signedMonth: { count: 1, amount: '120000.000000' },
    signedYearToDate: { count: 1, actual: '120000.000000', target: null, rate: null },
    fundsMonth: '5000.000000',
    fundsYearToDate: { actual: '5000.000000', target: null, rate: null },
    bigProjects: { count: 0, threshold: null, target: null, rate: null },
    pipeline: STAGES.map((stage) => ({ stage, count: 0, plannedInvestment: ZERO, signedAmount: ZERO })),
    newLeads: 2,
    stageMoves: 1,
    majorProjects: [],
    keyTasks: [],
    actionItems: null,
  };
  const city = {
    signedMonth: { count: 1, amount: '120000.000000' },
    signedYearToDate: { count: 1, actual: '120000.000000', target: null, rate: null },
    fundsMonth: '5000.000000',
    fundsYearToDate: { actual: '5000.000000', target: null, rate: null },
    bigProjects: { count: 0, target: null, rate: null },
    newLeads: 2,
    stageMoves: 1,
    majorProjectCount: 0,
    signedAtLeast: false,
    fundsAtLeast: false,
  };
  return {
    period: '2027-01',
    builtAt: '2027-01-02T01:00:00.000Z',
    builtBy: null,
    locked: false,
    fromSnapshot: false,
    snapshotTakenAt: null,
    staleSince: null,
    narrative: '说明：2027年度工作方案尚未录入……',
    narrativeEdited: false,
    version: 1,
    exports: [],
    figures: {
      period: '2027-01',
      year: 2027,
      yearToDateLabel: '1月',
      takenAt: '2027-01-02T01:00:00.000Z',
      plan: planMissingView(2027, 'none'),
      instructions: { written: 3, replied: 2, open: 1 },
      sectorGrowth: {
        year: 2027,
        month: 1,
        throughMonth: '2027-01',
        planPublished: false,
        rows: [
          {
            sector: 'manufacturing',
            sectorName: '制造业',
            thisYear: '5000.000000',
            lastYear: '4000.000000',
            basis: 'system',
            growthRate: '25.00',
            target: null,
            met: null,
          },
        ],
      },
      city,
      chains: [chain],
      units: [],
      problems: [],
      quarter: {
        year: 2027,
        quarter: 1,
        fromPeriod: '2027-01',
        toPeriod: '2027-01',
        formula: RANKING_FORMULA,
        weights: RANKING_WEIGHTS,
        rows: [],
      },
      yearView: { year: 2027, toPeriod: '2027-01', totals: city, chains: [], months: [] },
    },
  };
}
