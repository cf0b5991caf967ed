import {
  planMissingView,
  RANKING_FORMULA,
  SIGNED_STAGES,
  STAGES,
  type AmountMeasure,
  type ChainCockpitView,
  type ChainCode,
  type CockpitChainFigures,
  type CockpitProjectRef,
  type CockpitView,
  type CountMeasure,
  type CurrentUserView,
  type PlanMissingView,
  type SectorFundsGrowthView,
  type Stage,
  type YearOnYearView,
} from '@crm/domain';

/*
 * Answers shaped like the cockpit API for the page tests: June 2025, two chains. Figures are
 * worked out by hand: clean energy's signed target 140亿 = 1,400,000 万元, pace at month 6 is
 * 700,000 万元; 12亿 signed is 580,000 万元 behind it.
 */

const signedQuery = (chain: ChainCode) => ({
  chain,
  stage: [...SIGNED_STAGES],
  agreementFrom: '2025-01-01',
  agreementTo: '2025-06-30',
});

function amount(
  actual: string,
  target: string | null,
  rate: string | null,
  pace: string | null,
  gap: string | null,
  query: AmountMeasure['query'],
): AmountMeasure {
  return { actual, target, rate, pace, gap, paceRate: null, query };
}

function count(
  actual: number,
  target: number | null,
  rate: string | null,
  pace: string | null,
  gap: string | null,
  chain: ChainCode,
): CountMeasure {
  return {
    actual,
    target,
    rate,
    pace,
    gap,
    paceRate: null,
    query: { chain, bigBy: '2025-06' },
  };
}

/**
 * 同比 by hand: clean energy signed 12亿 against 10亿 (+20%), 1 project against 2 (−50%), funds
 * 40亿 against 0 (no rate), 1 big project against 1 (0%); 资金到位率 400000 / 120000 = 333.33%.
 */
export function yearOnYearOf(overrides: Partial<YearOnYearView> = {}): YearOnYearView {
  return {
    previousYear: 2024,
    month: 6,
    signedAmount: { thisYear: '120000.000000', lastYear: '100000.000000', basis: 'system', growthRate: '20.00' },
    signedProjects: { thisYear: 1, lastYear: 2, basis: 'system', growthRate: '-50.00' },
    fundsInPlace: { thisYear: '400000.000000', lastYear: '0.000000', basis: 'system', growthRate: null },
    bigProjects: { thisYear: 1, lastYear: 1, basis: 'system', growthRate: '0.00' },
    fundsToSignedRate: '333.33',
    ...overrides,
  };
}

/** No figures of last year in the system (culture and tourism): every 同比 says so. */
export function noYearOnYear(): YearOnYearView {
  return {
    previousYear: 2024,
    month: 6,
    signedAmount: { thisYear: '0', lastYear: null, basis: null, growthRate: null },
    signedProjects: { thisYear: 0, lastYear: null, basis: null, growthRate: null },
    fundsInPlace: { thisYear: '0', lastYear: null, basis: null, growthRate: null },
    bigProjects: { thisYear: 0, lastYear: null, basis: null, growthRate: null },
    fundsToSignedRate: null,
  };
}

export function chainFigures(): CockpitChainFigures[] {
  return [
    {
      chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
      target: {
        year: 2025,
        signedAmount: '1400000.000000',
        signedAtLeast: true,
        bigProjectThreshold: '100000.000000',
        bigProjectMinCount: 5,
        bigProjectAtLeast: true,
        fundsInPlace: '650000.000000',
        fundsAtLeast: true,
      },
      signedAmount: amount(
        '120000.000000',
        '1400000.000000',
        '8.57',
        '700000.00',
        '-580000.00',
        signedQuery('clean-energy'),
      ),
      signedProjects: {
        count: 1,
        query: {
          chain: 'clean-energy',
          signedFrom: '2025-01-01',
          signedTo: '2025-06-30',
        },
      },
      fundsInPlace: amount(
        '400000.000000',
        '650000.000000',
        '61.54',
        '325000.00',
        '75000.00',
        {
          chain: 'clean-energy',
          fundsFrom: '2025-01',
          fundsTo: '2025-06',
        },
      ),
      fundsInPlaceVerified: { actual: '100000.000000', rate: '15.38' },
      bigProjects: count(1, 5, '20.00', '3', '-2', 'clean-energy'),
      yearOnYear: yearOnYearOf(),
    },
    {
      chain: { code: 'culture-tourism', nameZh: '文化旅游产业链' },
      target: null,
      signedAmount: amount(
        '0',
        null,
        null,
        null,
        null,
        signedQuery('culture-tourism'),
      ),
      signedProjects: { count: 0, query: { chain: 'culture-tourism' } },
      fundsInPlace: amount('0', null, null, null, null, {
        chain: 'culture-tourism',
      }),
      fundsInPlaceVerified: { actual: '0', rate: null },
      bigProjects: count(0, null, null, null, null, 'culture-tourism'),
      yearOnYear: noYearOnYear(),
    },
  ];
}

const months = [
  '2025-01',
  '2025-02',
  '2025-03',
  '2025-04',
  '2025-05',
  '2025-06',
];

export function cityView(overrides: Partial<CockpitView> = {}): CockpitView {
  const chains = chainFigures();
  return {
    year: 2025,
    month: 6,
    asOf: '2025-06',
    chains,
    totals: {
      scope: 'city',
      chainCount: 7,
      signedAmount: amount(
        '120000.000000',
        '2200000.000000',
        '5.45',
        '1100000.00',
        '-980000.00',
        { stage: [...SIGNED_STAGES] },
      ),
      fundsInPlace: amount(
        '400000.000000',
        '1000000.000000',
        '40.00',
        '500000.00',
        '-100000.00',
        { fundsFrom: '2025-01', fundsTo: '2025-06' },
      ),
      bigProjects: count(1, 11, '9.09', '6', '-5', 'clean-energy'),
      signedProjects: {
        count: 1,
        query: { signedFrom: '2025-01-01', signedTo: '2025-06-30' },
      },
      // The city: funds 40亿 against 32亿 last year (+25%); the rest as clean energy.
      yearOnYear: yearOnYearOf({
        fundsInPlace: { thisYear: '400000.000000', lastYear: '320000.000000', basis: 'system', growthRate: '25.00' },
      }),
      cityTargets: {
        signedAmount: '2200000.000000',
        signedAtLeast: true,
        fundsInPlace: '1000000.000000',
        fundsAtLeast: false,
        bigProjects: 11,
      },
    },
    trend: {
      months,
      series: [
        {
          chain: null,
          signedAmount: ['0', '0', '0', '0', '0', '120000'],
          signedAmountCumulative: ['0', '0', '0', '0', '0', '120000'],
          fundsInPlace: ['0', '0', '100000', '0', '300000', '0'],
          fundsInPlaceCumulative: [
            '0',
            '0',
            '100000',
            '100000',
            '400000',
            '400000',
          ],
          bigProjectsCumulative: [0, 0, 0, 0, 0, 1],
          signedPace: months.map((_, i) => String((2200000 * (i + 1)) / 12)),
          fundsPace: months.map((_, i) => String((1000000 * (i + 1)) / 12)),
        },
      ],
    },
    ranking: {
      quarter: 2,
      throughMonth: '2025-06',
      quarterComplete: true,
      formula: { ...RANKING_FORMULA },
      weights: { signed: 40, funds: 40, bigProjects: 20 },
      rateCap: 150,
      rows: [
        {
          chainCode: 'clean-energy',
          chainNameZh: '清洁能源产业链',
          signedRate: '8.57',
          fundsRate: '61.54',
          bigProjectRate: '20.00',
          score: '31.24',
          rank: 1,
          actionItemRate: '66.67',
        },
        {
          chainCode: 'culture-tourism',
          chainNameZh: '文化旅游产业链',
          signedRate: null,
          fundsRate: null,
          bigProjectRate: null,
          score: '0.00',
          rank: 2,
          actionItemRate: null,
        },
      ],
      partial: false,
    },
    alertCounts: {
      'signed-no-land': 2,
      'land-not-started': 0,
      'not-producing': 0,
      idle: 3,
      'report-late': 1,
    },
    ...overrides,
  };
}

export function projectRef(
  id: string,
  name: string,
  stage: Stage,
  major = false,
): CockpitProjectRef {
  return {
    id,
    name,
    chain: 'clean-energy',
    stage,
    status: 'active',
    major,
    amount: '120000.000000',
    investorName: '东方电气风电股份有限公司',
    owner: { id: 'u1', displayName: '能源局专班' },
    responsibleUnit: { id: 3, name: '市能源局' },
  };
}

export function chainView(): ChainCockpitView {
  const figures = chainFigures()[0];
  const blade = projectRef('p-blade', '高原风电叶片项目', 'signed', true);
  const storage = projectRef('p-storage', '储能电池项目', 'lead');
  const counts: Record<Stage, number> = {
    lead: 4,
    negotiation: 2,
    evaluation: 1,
    signed: 1,
    land: 0,
    construction: 0,
    production: 0,
  };
  return {
    chain: figures.chain,
    year: 2025,
    month: 6,
    asOf: '2025-06',
    figures,
    trend: cityView().trend.series[0],
    funnel: STAGES.map((stage) => ({
      stage,
      label: stage,
      count: counts[stage],
      plannedInvestment: stage === 'lead' ? '35000.000000' : '0',
      signedAmount: stage === 'signed' ? '120000.000000' : '0',
      query: {
        chain: 'clean-energy',
        stage: [stage],
        status: ['active', 'paused'],
      },
    })),
    conversions: STAGES.slice(1).map((to, i) => ({
      from: STAGES[i],
      to,
      reachedFrom: [10, 5, 2, 1, 0, 0][i],
      reachedTo: [5, 2, 1, 0, 0, 0][i],
      rate: ['50.00', '40.00', '50.00', '0.00', null, null][i],
    })),
    stageDurations: STAGES.map((stage) => ({
      stage,
      completedStays: stage === 'lead' ? 6 : 0,
      medianDaysCompleted: stage === 'lead' ? 21 : null,
      current: counts[stage],
      medianDaysCurrent: stage === 'lead' ? 45 : null,
    })),
    stuck: [{ project: storage, since: '2025-02-01T00:00:00.000Z', days: 149 }],
    stuckQuery: { chain: 'clean-energy', sort: 'stageEnteredAt', order: 'asc' },
    majorProjects: [blade],
    majorQuery: { chain: 'clean-energy', major: true },
    overdueFollowUps: [
      {
        project: storage,
        dueOn: '2025-06-20',
        daysOverdue: 10,
        lastActivityOn: '2025-05-02',
      },
    ],
    overdueCount: 1,
    overdueQuery: { chain: 'clean-energy', followUpOverdue: true },
    reports: [
      {
        unit: { id: 3, name: '市能源局' },
        role: 'responsible',
        isLead: false,
        period: '2025-05',
        state: 'submitted',
        submittedAt: '2025-05-24T02:00:00.000Z',
        late: false,
        workDone: '走访企业5家。',
        problems: '叶片项目用地指标待协调。',
        nextMonthPlan: '推进供地。',
      },
      {
        unit: { id: 4, name: '市数据局' },
        role: 'responsible',
        isLead: false,
        period: null,
        state: null,
        submittedAt: null,
        late: null,
        workDone: '',
        problems: '',
        nextMonthPlan: '',
      },
    ],
    keyTasks: [
      {
        id: 901,
        seq: 1,
        text: '研究促进多能互补项目落地的具体措施。',
        units: ['市能源局', '市数据局'],
        milestones: [
          {
            id: 31,
            seq: 1,
            projectName: '东方电气高原叶片制造',
            projectId: 'p-blade',
            targetStage: 'production',
            wording: '建成…项目',
            currentStage: 'signed',
            state: 'on-track',
          },
          {
            id: 32,
            seq: 2,
            projectName: '远景能源风电整机制造',
            projectId: null,
            targetStage: 'production',
            wording: '建成…项目',
            currentStage: null,
            state: 'behind',
          },
        ],
        goals: [
          {
            id: 41,
            seq: 1,
            version: 1,
            label: '算力标准机架',
            measureUnit: '个',
            target: '4000.0000',
            achieved: '1500.0000',
            achievedOn: null,
            rate: '37.50',
            state: 'behind',
          },
        ],
        done: 0,
        onTrack: 1,
        behind: 2,
        projectCount: 2,
        activeCount: 2,
        byStage: counts,
        furthestStage: 'signed',
        signedAmount: '120000.000000',
        fundsInPlace: '0',
        query: { chain: 'clean-energy', keyTaskId: 901 },
      },
    ],
    alerts: [
      {
        kind: 'idle',
        chain: figures.chain,
        project: storage,
        unit: null,
        period: null,
        since: '2025-05-02',
        days: 59,
        link: '/projects/p-storage',
      },
      {
        kind: 'report-late',
        chain: figures.chain,
        project: null,
        unit: { id: 4, name: '市数据局' },
        period: '2025-05',
        since: '2025-05-26',
        days: 35,
        link: '/reports',
      },
    ],
    // 23 idle projects of which the page lists the longest-standing; one late report.
    alertCounts: { 'signed-no-land': 0, 'land-not-started': 0, 'not-producing': 0, idle: 23, 'report-late': 1 },
    alertQueries: {
      'signed-no-land': null,
      'land-not-started': null,
      'not-producing': null,
      idle: { chain: figures.chain.code, status: ['active'], idleDays: 30 },
      'report-late': null,
    },
    instructions: [],
    openInstructions: [],
    openInstructionCount: 0,
  };
}

export function leaderUser(
  overrides: Partial<CurrentUserView> = {},
): CurrentUserView {
  return {
    id: 'leader-1',
    username: 'xiaojun',
    displayName: '肖军',
    roles: ['leader'],
    unit: null,
    person: null,
    chainCodes: ['clean-energy'],
    editableChainCodes: [],
    mustChangePassword: false,
    ...overrides,
  };
}

export function officeUser(): CurrentUserView {
  return leaderUser({
    id: 'office-1',
    username: 'wangfang',
    displayName: '王芳',
    roles: ['office'],
    chainCodes: ['clean-energy', 'culture-tourism'],
  });
}

/** The plan-missing answer as the API words it (libs/domain planMissingView). */
export function planMissing(year: number, planStatus: 'none' | 'draft'): PlanMissingView {
  return planMissingView(year, planStatus);
}

/** 分行业到位资金同比 of June against last year's whole-year baseline. */
export function sectorGrowth(): SectorFundsGrowthView {
  return {
    year: 2025,
    month: 6,
    throughMonth: '2025-06',
    planPublished: true,
    rows: [
      {
        sector: 'agri-pastoral',
        sectorName: '特色农牧业',
        thisYear: '126.000000',
        lastYear: '120.000000',
        basis: 'baseline-full-year',
        growthRate: '5.00',
        target: '5.00',
        met: true,
      },
      {
        sector: 'manufacturing',
        sectorName: '制造业',
        thisYear: '2400.250000',
        lastYear: '3000.000000',
        basis: 'baseline-full-year',
        growthRate: '-19.99',
        target: '20.00',
        met: false,
      },
      {
        sector: 'modern-services',
        sectorName: '现代服务业',
        thisYear: '75.000000',
        lastYear: null,
        basis: null,
        growthRate: null,
        target: '10.00',
        met: null,
      },
    ],
  };
}
