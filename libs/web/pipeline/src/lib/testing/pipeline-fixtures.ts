import {
  STAGES,
  STAGE_LABELS,
  type BoardColumnView,
  type ChainBoardView,
  type ChainProgressView,
  type CurrentUserView,
  type ProjectDetailView,
  type ProjectSummaryView,
  type Stage,
} from '@crm/domain';

/** 市能源局 staff: edits clean energy and oil & gas projects. */
export function staffUser(overrides: Partial<CurrentUserView> = {}): CurrentUserView {
  return {
    id: 'u0000000-0000-4000-8000-000000000001',
    username: 'liming',
    displayName: '李明',
    roles: ['staff'],
    unit: { id: 4, name: '市能源局' },
    person: null,
    chainCodes: ['clean-energy', 'oil-gas-chemical'],
    editableChainCodes: ['clean-energy', 'oil-gas-chemical'],
    mustChangePassword: false,
    ...overrides,
  };
}

export function summary(overrides: Partial<ProjectSummaryView> = {}): ProjectSummaryView {
  return {
    id: 'p0000000-0000-4000-8000-000000000001',
    name: '远景能源风电整机制造',
    chain: 'clean-energy',
    investor: { enterpriseId: null, name: '远景能源有限公司' },
    stage: 'negotiation',
    status: 'active',
    major: false,
    plannedInvestment: '200000',
    signedAmount: '0',
    amount: '200000',
    responsibleUnit: { id: 4, name: '市能源局' },
    owner: { id: 'u0000000-0000-4000-8000-000000000001', displayName: '李明' },
    stageEnteredAt: '2025-03-01T02:00:00.000Z',
    stageSince: '2025-03-01',
    lastActivityOn: '2025-03-10',
    nextFollowUpOn: null,
    updatedAt: '2025-03-10T02:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

/** The project page's answer for a project in `stage`, with what that stage needed recorded. */
export function detail(stage: Stage, overrides: Partial<ProjectDetailView['project']> = {}): ProjectDetailView {
  const base = summary({ stage });
  return {
    project: {
      ...base,
      relatedChains: [],
      sourceChannel: 'through-firms',
      location: null,
      industry: null,
      sector: 'manufacturing',
      keyTask: null,
      chainLink: null,
      chainLinkKind: null,
      event: null,
      notes: null,
      statusReason: null,
      eliminatedCategory: false,
      signedOn: null,
      agreementRef: null,
      landParcel: null,
      landAreaMu: null,
      landApprovalRef: null,
      landApprovedOn: null,
      landRoute: null,
      siteDocumentKind: null,
      siteDocumentRef: null,
      siteDocumentOn: null,
      plantAreaSqm: null,
      constructionStartedOn: null,
      constructionPermitRef: null,
      completedOn: null,
      fundsInPlace: '0',
      fundsInPlaceVerified: '0',
      createdBy: base.owner,
      createdAt: '2025-02-20T02:00:00.000Z',
      ...overrides,
    },
    evaluations: [],
    agreements: [],
    fundArrivals: [],
    stageMoves: [],
    stageSpans: [],
    nextStage: null,
    timeline: [
      {
        kind: 'activity',
        date: '2025-03-10',
        at: '2025-03-10T02:00:00.000Z',
        activity: {
          id: 'a1',
          projectId: base.id,
          kind: 'negotiation',
          occurredOn: '2025-03-10',
          ourParticipants: [],
          theirParticipants: [],
          summary: '洽谈投资意向',
          nextStep: null,
          nextFollowUpOn: null,
          createdBy: base.owner,
          createdAt: '2025-03-10T02:00:00.000Z',
        },
      },
    ],
    canEdit: true,
  };
}

/** A passed evaluation, as signing needs. */
export function passedEvaluation(projectId: string): ProjectDetailView['evaluations'][number] {
  return {
    id: 'e1',
    projectId,
    dimensions: [],
    thirdParty: false,
    institution: null,
    feasibility: null,
    outputBenefit: null,
    balancePeriodYears: null,
    eliminatedCategory: false,
    preReviews: [],
    preReviewOverride: null,
    conclusion: 'pass',
    conditions: null,
    concludedBy: null,
    concludedOn: '2025-04-01',
    openedBy: null,
    openedAt: '2025-03-20T02:00:00.000Z',
    version: 2,
  };
}

function column(stage: Stage, count: number, planned: string, signed: string, projects: ProjectSummaryView[] = []): BoardColumnView {
  return { stage, label: STAGE_LABELS[stage], count, plannedInvestment: planned, signedAmount: signed, projects, more: count > projects.length };
}

/** The clean-energy board: money as the API sends it (numeric(20,6) text). */
export function cleanEnergyBoard(): ChainBoardView {
  const amounts: Record<Stage, [number, string, string]> = {
    lead: [3, '150000.000000', '0.000000'],
    negotiation: [2, '250050.500000', '0.000000'],
    evaluation: [1, '0.1', '0'],
    signed: [2, '400000', '6000.25'],
    land: [0, '0', '0'],
    construction: [1, '100000', '4049.75'],
    production: [0, '0', '0'],
  };
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    statuses: ['active', 'paused'],
    columns: STAGES.map((stage) => {
      const [count, planned, signed] = amounts[stage];
      const projects =
        stage === 'negotiation'
          ? [summary(), summary({ id: 'p0000000-0000-4000-8000-000000000002', name: '天能控股铅酸储能电池', status: 'paused', major: true, version: 1 })]
          : [];
      return column(stage, count, planned, signed, projects);
    }),
  };
}

export function cleanEnergyProgress(): ChainProgressView {
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    year: 2025,
    target: {
      year: 2025,
      signedAmount: '1400000',
      signedAtLeast: true,
      bigProjectThreshold: '100000',
      bigProjectMinCount: 5,
      bigProjectAtLeast: true,
      fundsInPlace: '650000',
      fundsAtLeast: true,
    },
    signedAmount: { actual: '10050', target: '1400000', rate: '0.72' },
    bigProjects: { count: 2, threshold: '100000', target: 5, rate: '40.00' },
    fundsInPlace: { actual: '50000', target: '650000', rate: '7.69' },
    fundsInPlaceVerified: { actual: '20000', target: '650000', rate: '3.08' },
    signedProjectCount: 3,
    pipeline: [],
  };
}
