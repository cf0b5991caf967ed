import { STAGES, type Stage } from '../stage';
import {
  checkStageMove,
  isSignedStage,
  landRouteProblems,
  missingForStage,
  STAGE_GATE_REQUIREMENTS,
  stageFactProblems,
  stageGateRequirements,
  type ProjectFacts,
} from './stage-gate';
import { landRouteFromLabel, landRouteMark, siteDocumentKindFromLabel } from './land-route';

const lead: ProjectFacts = {
  name: '东方电气高原叶片制造',
  chain: 'clean-energy',
  hasInvestor: true,
  sourceChannel: 'through-firms',
  responsibleUnitId: 1,
  ownerId: 'u1',
  plannedInvestment: null,
  contactCount: 0,
  evaluationOpened: false,
  latestConclusion: null,
  eliminatedCategory: false,
  status: 'active',
  signedAmount: null,
  signedOn: null,
  agreementRef: null,
  landParcel: null,
  landAreaMu: null,
  landApprovalRef: null,
  landApprovedOn: null,
  constructionStartedOn: null,
  constructionPermitRef: null,
  completedOn: null,
};

/** Facts that open every gate up to and including `stage`. */
function factsFor(stage: Stage): ProjectFacts {
  const i = STAGES.indexOf(stage);
  const f = { ...lead };
  if (i >= 1) Object.assign(f, { contactCount: 1, plannedInvestment: '50000' });
  if (i >= 2) Object.assign(f, { evaluationOpened: true });
  if (i >= 3)
    Object.assign(f, {
      latestConclusion: 'pass',
      signedAmount: '50000',
      signedOn: '2025-03-01',
      agreementRef: 'GEM-2025-001',
    });
  if (i >= 4)
    Object.assign(f, {
      landParcel: '昆仑经济技术开发区A-3',
      landAreaMu: '120.5',
      landApprovalRef: '格自然资〔2025〕12号',
      landApprovedOn: '2025-04-01',
    });
  if (i >= 5) Object.assign(f, { constructionStartedOn: '2025-05-01', constructionPermitRef: 'SG-2025-088' });
  if (i >= 6) Object.assign(f, { completedOn: '2025-10-01' });
  return f;
}

const fields = (missing: { field: string }[]) => missing.map((m) => m.field);

describe('stage gates (BRIEF §3)', () => {
  it.each(STAGES.map((s) => [s]))('opens %s when everything up to it is known', (stage) => {
    expect(missingForStage(factsFor(stage), stage)).toEqual([]);
  });

  it('asks a lead for name, chain, investor, channel, unit and owner', () => {
    const empty: ProjectFacts = {
      ...lead,
      name: ' ',
      chain: null,
      hasInvestor: false,
      sourceChannel: null,
      responsibleUnitId: null,
      ownerId: null,
    };
    expect(fields(missingForStage(empty, 'lead'))).toEqual([
      'name',
      'chain',
      'investor',
      'sourceChannel',
      'responsibleUnitId',
      'ownerId',
    ]);
  });

  it('asks for a logged contact and an estimated investment to enter 对接洽谈', () => {
    expect(fields(missingForStage(lead, 'negotiation'))).toEqual(['activities', 'plannedInvestment']);
    expect(fields(missingForStage({ ...lead, contactCount: 2, plannedInvestment: '0' }, 'negotiation'))).toEqual([
      'plannedInvestment',
    ]);
  });

  it('asks for an opened evaluation to enter 项目评估', () => {
    expect(fields(missingForStage(factsFor('negotiation'), 'evaluation'))).toEqual(['evaluation']);
  });

  it('asks for a passed evaluation, amount, date and reference to sign', () => {
    const missing = missingForStage(factsFor('evaluation'), 'signed');
    expect(fields(missing)).toEqual(['evaluation', 'signedAmount', 'signedOn', 'agreementRef']);
    expect(missing.every((m) => m.stage === 'signed' && m.zh && m.en)).toBe(true);
    expect(fields(missingForStage({ ...factsFor('signed'), latestConclusion: 'fail' }, 'signed'))).toEqual([
      'evaluation',
    ]);
    expect(missingForStage({ ...factsFor('signed'), latestConclusion: 'conditional' }, 'signed')).toEqual([]);
  });

  it('never lets a 淘汰类 project be signed, nor go further', () => {
    for (const stage of ['signed', 'land', 'construction', 'production'] as const) {
      const missing = missingForStage({ ...factsFor(stage), eliminatedCategory: true }, stage);
      expect(fields(missing)).toEqual(['eliminatedCategory']);
      expect(missing[0].zh).toContain('淘汰类');
    }
  });

  it('asks for land, construction and completion facts', () => {
    expect(fields(missingForStage(factsFor('signed'), 'land'))).toEqual([
      'landParcel',
      'landAreaMu',
      'landApprovalRef',
      'landApprovedOn',
    ]);
    expect(fields(missingForStage(factsFor('land'), 'construction'))).toEqual([
      'constructionStartedOn',
      'constructionPermitRef',
    ]);
    expect(fields(missingForStage(factsFor('construction'), 'production'))).toEqual(['completedOn']);
  });

  it('is cumulative: skipping stages needs everything before', () => {
    expect(fields(missingForStage(lead, 'construction'))).toEqual([
      'activities',
      'plannedInvestment',
      'evaluation',
      'evaluation',
      'signedAmount',
      'signedOn',
      'agreementRef',
      'landParcel',
      'landAreaMu',
      'landApprovalRef',
      'landApprovedOn',
      'constructionStartedOn',
      'constructionPermitRef',
    ]);
  });

  it('describes each stage for the UI', () => {
    expect(STAGES.every((s) => STAGE_GATE_REQUIREMENTS[s].length > 0)).toBe(true);
    expect(STAGE_GATE_REQUIREMENTS.production.map((r) => r.field)).toEqual(['completedOn']);
  });

  it('knows which stages count as signed', () => {
    expect(STAGES.filter(isSignedStage)).toEqual(['signed', 'land', 'construction', 'production']);
  });
});

describe('stage moves', () => {
  it('lets a project move back with a reason, and refuses without one', () => {
    const facts = factsFor('land');
    expect(checkStageMove(facts, 'land', 'negotiation', '投资方重新评估')).toEqual({
      direction: 'backward',
      missing: [],
    });
    const refused = checkStageMove(facts, 'land', 'negotiation', '  ');
    expect(refused.direction).toBe('backward');
    expect(fields(refused.missing)).toEqual(['reason']);
  });

  it('moves forward through the gate', () => {
    expect(checkStageMove(factsFor('negotiation'), 'lead', 'negotiation', null).missing).toEqual([]);
    expect(fields(checkStageMove(lead, 'lead', 'negotiation', null).missing)).toEqual([
      'activities',
      'plannedInvestment',
    ]);
  });

  it('moves only an active project, and never to the stage it is in', () => {
    expect(
      fields(checkStageMove({ ...factsFor('negotiation'), status: 'paused' }, 'lead', 'negotiation', null).missing),
    ).toEqual(['status']);
    expect(fields(checkStageMove({ ...factsFor('land'), status: 'dropped' }, 'land', 'lead', 'x').missing)).toEqual([
      'status',
    ]);
    expect(fields(checkStageMove(lead, 'lead', 'lead', null).missing)).toEqual(['to']);
  });
});

describe('stage fact dates', () => {
  it('refuses dates in the future and completion before the start', () => {
    const today = '2025-06-30';
    expect(
      stageFactProblems(
        { signedOn: '2025-06-30', constructionStartedOn: '2025-06-01', completedOn: '2025-06-30' },
        today,
      ),
    ).toEqual([]);
    expect(fields(stageFactProblems({ signedOn: '2025-07-01' }, today))).toEqual(['signedOn']);
    expect(
      fields(stageFactProblems({ constructionStartedOn: '2025-06-10', completedOn: '2025-06-09' }, today)),
    ).toEqual(['completedOn']);
    expect(
      fields(stageFactProblems({ constructionStartedOn: '2025-06-10', completedOn: '2025-07-09' }, today)),
    ).toEqual(['completedOn']);
  });
});

describe('the land gate on an existing site or an idle plant (盘活存量, issue 21 §3)', () => {
  const signed = factsFor('signed');
  const construction = { constructionStartedOn: '2025-05-01', constructionPermitRef: 'SG-2025-088' };
  const existingSite: Partial<ProjectFacts> = {
    landRoute: 'existing-site',
    landParcel: '南川工业园区 原青海某化工厂区',
    landAreaMu: '45',
    siteDocumentKind: 'property-title',
    siteDocumentRef: '青(2019)格尔木市不动产权第0001234号',
    siteDocumentOn: '2019-08-20',
  };
  const idlePlant: Partial<ProjectFacts> = {
    landRoute: 'idle-plant',
    landParcel: '昆仑经济技术开发区 3号标准化厂房',
    plantAreaSqm: '12000',
    siteDocumentKind: 'lease',
    siteDocumentRef: 'ZL-2025-017',
    siteDocumentOn: '2025-04-10',
  };

  it('opens 项目供地 and 项目开工 without a land approval', () => {
    for (const site of [existingSite, idlePlant]) {
      expect(missingForStage({ ...signed, ...site }, 'land')).toEqual([]);
      expect(missingForStage({ ...signed, ...site, ...construction }, 'construction')).toEqual([]);
    }
  });

  it('asks an existing site for the site, its area in 亩 and its title or lease', () => {
    expect(fields(missingForStage({ ...signed, landRoute: 'existing-site' }, 'land'))).toEqual([
      'landParcel',
      'landAreaMu',
      'siteDocumentKind',
      'siteDocumentRef',
      'siteDocumentOn',
    ]);
    const noDocument = { ...signed, ...existingSite, siteDocumentRef: ' ' };
    const missing = missingForStage(noDocument, 'construction');
    expect(fields(missing)).toEqual(['siteDocumentRef', 'constructionStartedOn', 'constructionPermitRef']);
    expect(missing[0]).toMatchObject({ stage: 'land', zh: '请填写产权证号或租赁合同编号' });
  });

  it('asks an idle plant for its area in 平方米, positive, not 亩', () => {
    expect(fields(missingForStage({ ...signed, landRoute: 'idle-plant' }, 'land'))).toEqual([
      'landParcel',
      'plantAreaSqm',
      'siteDocumentKind',
      'siteDocumentRef',
      'siteDocumentOn',
    ]);
    expect(fields(missingForStage({ ...signed, ...idlePlant, plantAreaSqm: '0' }, 'land'))).toEqual(['plantAreaSqm']);
    expect(fields(missingForStage({ ...signed, ...idlePlant, plantAreaSqm: '-5' }, 'land'))).toEqual(['plantAreaSqm']);
  });

  it('still asks a new allocation (or no route recorded) for its approval', () => {
    const noApproval = { ...factsFor('land'), landApprovalRef: null, landApprovedOn: null };
    expect(fields(missingForStage(noApproval, 'land'))).toEqual(['landApprovalRef', 'landApprovedOn']);
    expect(fields(missingForStage({ ...noApproval, landRoute: 'new-land' }, 'land'))).toEqual([
      'landApprovalRef',
      'landApprovedOn',
    ]);
    // A title does not stand in for an approval on the new-land route.
    expect(
      fields(missingForStage({ ...noApproval, landRoute: 'new-land', siteDocumentKind: 'lease', siteDocumentRef: 'x', siteDocumentOn: '2025-01-01' }, 'land')),
    ).toEqual(['landApprovalRef', 'landApprovedOn']);
  });

  it('describes each route for the form', () => {
    expect(STAGE_GATE_REQUIREMENTS.land.map((r) => r.field)).toEqual([
      'landParcel',
      'landAreaMu',
      'landApprovalRef',
      'landApprovedOn',
    ]);
    expect(stageGateRequirements('land', 'idle-plant').map((r) => r.field)).toEqual([
      'landParcel',
      'plantAreaSqm',
      'siteDocumentKind',
      'siteDocumentRef',
      'siteDocumentOn',
    ]);
  });

  it("refuses the other route's facts, and a document dated in the future", () => {
    expect(landRouteProblems(existingSite)).toEqual([]);
    expect(landRouteProblems(idlePlant)).toEqual([]);
    expect(fields(landRouteProblems({ siteDocumentRef: 'ZL-1' }))).toEqual(['siteDocumentRef']);
    expect(fields(landRouteProblems({ ...existingSite, plantAreaSqm: '100' }))).toEqual(['plantAreaSqm']);
    expect(fields(stageFactProblems({ siteDocumentOn: '2025-07-01' }, '2025-06-30'))).toEqual(['siteDocumentOn']);
  });

  it('marks the project and reads the ledger words', () => {
    expect(landRouteMark('existing-site')).toBe('既有用地（盘活存量）');
    expect(landRouteMark('idle-plant')).toBe('闲置厂房（盘活存量）');
    expect(landRouteMark('new-land')).toBeNull();
    expect(landRouteMark(null)).toBeNull();
    expect(landRouteFromLabel('闲置厂房（盘活存量）')).toBe('idle-plant');
    expect(landRouteFromLabel('既有用地')).toBe('existing-site');
    expect(landRouteFromLabel('新增供地')).toBe('new-land');
    expect(landRouteFromLabel('划拨')).toBeNull();
    expect(siteDocumentKindFromLabel('租赁')).toBe('lease');
    expect(siteDocumentKindFromLabel('产权')).toBe('property-title');
  });
});
