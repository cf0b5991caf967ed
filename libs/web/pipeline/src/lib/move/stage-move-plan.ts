import {
  STAGE_FACT_FIELDS,
  STAGE_FACT_STAGE,
  checkStageMove,
  stageIndex,
  withLandRoute,
  type LandRoute,
  type ProjectFacts,
  type Stage,
  type StageFacts,
  type StageMoveDirection,
  type StageRequirement,
} from '@crm/domain';

export type StageFactField = keyof StageFacts;

/** An input the move form may ask for: a stage fact, or the estimated investment of 对接洽谈. */
export type MoveField = StageFactField | 'plannedInvestment';

/** What a move from one stage to another asks of the user. */
export interface StageMovePlan {
  direction: StageMoveDirection | null;
  /** The inputs to show, in the order of the gates. */
  fields: MoveField[];
  /** 项目评估 needs an evaluation record: the form opens one on the way. */
  opensEvaluation: boolean;
  /** What the form cannot supply: done elsewhere first (a contact logged, an evaluation passed…). */
  blockers: StageRequirement[];
  /** Moving back needs a reason. */
  needsReason: boolean;
  /** The move reaches 项目供地: the form asks how the land is had (新增供地 / 既有用地 / 闲置厂房). */
  asksLandRoute: boolean;
}

function isFactField(field: string): field is StageFactField {
  return (STAGE_FACT_FIELDS as readonly string[]).includes(field);
}

/**
 * The move form from the stage gates of libs/domain: of everything `checkStageMove` finds
 * missing, the facts that travel with the move (those of the stages passed on the way, and the
 * signing only when none is recorded yet, as the API accepts them), the estimated investment and
 * the evaluation record become inputs; the rest blocks the move until done elsewhere.
 */
export function planStageMove(
  recorded: ProjectFacts,
  from: Stage,
  to: Stage,
  landRoute: LandRoute | null = null,
): StageMovePlan {
  const asksLandRoute = passesLand(from, to);
  // The route chosen for this move is judged as the API judges it (libs/domain's withLandRoute).
  const facts = asksLandRoute && landRoute ? withLandRoute(recorded, landRoute) : recorded;
  const check = checkStageMove(facts, from, to, null);
  const plan: StageMovePlan = {
    direction: check.direction,
    fields: [],
    opensEvaluation: false,
    blockers: [],
    needsReason: check.direction === 'backward',
    asksLandRoute,
  };
  for (const item of check.missing) {
    if (item.field === 'reason') continue;
    if (isFactField(item.field) && suppliable(item.field, facts, from, to)) {
      plan.fields.push(item.field);
    } else if (item.field === 'plannedInvestment') {
      plan.fields.push('plannedInvestment');
    } else if (item.field === 'evaluation' && item.stage === 'evaluation') {
      plan.opensEvaluation = true;
    } else {
      plan.blockers.push(item);
    }
  }
  return plan;
}

/** A forward move into 项目供地 or past it, from before it. */
export function passesLand(from: Stage, to: Stage): boolean {
  return stageIndex(from) < stageIndex('land') && stageIndex(to) >= stageIndex('land');
}

function suppliable(field: StageFactField, facts: ProjectFacts, from: Stage, to: Stage): boolean {
  const stage = stageIndex(STAGE_FACT_STAGE[field]);
  if (stage <= stageIndex(from) || stage > stageIndex(to)) return false;
  return STAGE_FACT_STAGE[field] !== 'signed' || !facts.signedOn;
}

/** Inputs holding an amount or an area (decimal strings), and dates. */
export const DECIMAL_FIELDS: readonly MoveField[] = ['plannedInvestment', 'signedAmount', 'landAreaMu', 'plantAreaSqm'];
/** Areas: 亩 of land, 平方米 of a plant (no 万元 preview). */
export const AREA_UNITS: Partial<Record<MoveField, 'mu' | 'sqm'>> = { landAreaMu: 'mu', plantAreaSqm: 'sqm' };
export const DATE_FIELDS: readonly MoveField[] = [
  'signedOn',
  'landApprovedOn',
  'siteDocumentOn',
  'constructionStartedOn',
  'completedOn',
];
