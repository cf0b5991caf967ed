import type { ProjectFacts } from '@crm/domain';
import { planStageMove } from './stage-move-plan';

/** A lead with everything 信息收集 asks for and nothing more. */
function lead(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    name: '远景能源风电整机制造',
    chain: 'clean-energy',
    hasInvestor: true,
    sourceChannel: 'through-firms',
    responsibleUnitId: 4,
    ownerId: 'a5f1c0de-0000-4000-8000-000000000001',
    plannedInvestment: null,
    contactCount: 0,
    evaluationOpened: false,
    latestConclusion: null,
    eliminatedCategory: false,
    status: 'active',
    signedAmount: '0',
    signedOn: null,
    agreementRef: null,
    landParcel: null,
    landAreaMu: null,
    landApprovalRef: null,
    landApprovedOn: null,
    constructionStartedOn: null,
    constructionPermitRef: null,
    completedOn: null,
    ...overrides,
  };
}

const negotiated = (overrides: Partial<ProjectFacts> = {}) =>
  lead({ contactCount: 2, plannedInvestment: '50000', ...overrides });
const passed = (overrides: Partial<ProjectFacts> = {}) =>
  negotiated({ evaluationOpened: true, latestConclusion: 'pass', ...overrides });
const signed = (overrides: Partial<ProjectFacts> = {}) =>
  passed({ signedAmount: '50000', signedOn: '2025-05-20', agreementRef: 'GEM-2025-017', ...overrides });

describe('planStageMove: the move form asks for exactly what the gate needs', () => {
  it('信息收集 → 对接洽谈 asks for the estimated investment; a contact must be logged first', () => {
    const plan = planStageMove(lead(), 'lead', 'negotiation');
    expect(plan.direction).toBe('forward');
    expect(plan.fields).toEqual(['plannedInvestment']);
    expect(plan.blockers.map((b) => b.field)).toEqual(['activities']);
    expect(plan.opensEvaluation).toBe(false);
    expect(plan.needsReason).toBe(false);
  });

  it('asks nothing when the negotiation gate is already met', () => {
    const plan = planStageMove(negotiated(), 'lead', 'negotiation');
    expect(plan.fields).toEqual([]);
    expect(plan.blockers).toEqual([]);
  });

  it('对接洽谈 → 项目评估 opens the evaluation record and asks for no field', () => {
    const plan = planStageMove(negotiated(), 'negotiation', 'evaluation');
    expect(plan.fields).toEqual([]);
    expect(plan.opensEvaluation).toBe(true);
    expect(plan.blockers).toEqual([]);
  });

  it('项目评估 → 项目签约 asks for the signed amount, date and agreement reference', () => {
    const plan = planStageMove(passed(), 'evaluation', 'signed');
    expect(plan.fields).toEqual(['signedAmount', 'signedOn', 'agreementRef']);
    expect(plan.blockers).toEqual([]);
  });

  it('signing without a passed evaluation is blocked, whatever is typed', () => {
    const plan = planStageMove(negotiated({ evaluationOpened: true }), 'evaluation', 'signed');
    expect(plan.fields).toEqual(['signedAmount', 'signedOn', 'agreementRef']);
    expect(plan.blockers.map((b) => b.field)).toEqual(['evaluation']);
    expect(plan.blockers[0].zh).toContain('通过');
  });

  it('a 淘汰类 project can never be signed', () => {
    const plan = planStageMove(passed({ eliminatedCategory: true }), 'evaluation', 'signed');
    expect(plan.blockers.map((b) => b.field)).toEqual(['eliminatedCategory']);
  });

  it('项目签约 → 项目供地 asks for the four land facts only', () => {
    const plan = planStageMove(signed(), 'signed', 'land');
    expect(plan.fields).toEqual(['landParcel', 'landAreaMu', 'landApprovalRef', 'landApprovedOn']);
  });

  it('skipping a stage asks for the facts of every stage passed on the way', () => {
    const plan = planStageMove(signed(), 'signed', 'construction');
    expect(plan.fields).toEqual([
      'landParcel',
      'landAreaMu',
      'landApprovalRef',
      'landApprovedOn',
      'constructionStartedOn',
      'constructionPermitRef',
    ]);
  });

  it('项目开工 → 竣工投产 asks for the completion date', () => {
    const built = signed({
      landParcel: '昆仑经济技术开发区A-12',
      landAreaMu: '120',
      landApprovalRef: '格国土〔2025〕12号',
      landApprovedOn: '2025-06-01',
      constructionStartedOn: '2025-07-01',
      constructionPermitRef: 'SG-2025-088',
    });
    expect(planStageMove(built, 'construction', 'production').fields).toEqual(['completedOn']);
  });

  it('a signing already recorded is not asked again after a move back', () => {
    const plan = planStageMove(signed(), 'evaluation', 'signed');
    expect(plan.fields).toEqual([]);
    expect(plan.blockers).toEqual([]);
  });

  it('moving back asks only for a reason', () => {
    const plan = planStageMove(signed(), 'signed', 'negotiation');
    expect(plan.direction).toBe('backward');
    expect(plan.needsReason).toBe(true);
    expect(plan.fields).toEqual([]);
    expect(plan.blockers).toEqual([]);
  });

  it('a paused project must resume before it moves', () => {
    const plan = planStageMove(negotiated({ status: 'paused' }), 'negotiation', 'evaluation');
    expect(plan.blockers.map((b) => b.field)).toEqual(['status']);
  });
});
