import {
  STAGE_FACT_FIELDS,
  STAGE_FACT_STAGE,
  checkStageMove,
  stageIndex,
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
export function planStageMove(facts: ProjectFacts, from: Stage, to: Stage): StageMovePlan {
  const check = checkStageMove(facts, from, to, null);
  const plan: StageMovePlan = {
    direction: check.direction,
    fields: [],
    opensEvaluation: false,
    blockers: [],
    needsReason: check.direction === 'backward',
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

function suppliable(field: StageFactField, facts: ProjectFacts, from: Stage, to: Stage): boolean {
  const stage = stageIndex(STAGE_FACT_STAGE[field]);
  if (stage <= stageIndex(from) || stage > stageIndex(to)) return false;
  return STAGE_FACT_STAGE[field] !== 'signed' || !facts.signedOn;
}

/** Inputs holding an amount or an area (decimal strings), and dates. */
export const DECIMAL_FIELDS: readonly MoveField[] = ['plannedInvestment', 'signedAmount', 'landAreaMu'];
export const DATE_FIELDS: readonly MoveField[] = [
  'signedOn',
  'landApprovedOn',
  'constructionStartedOn',
  'completedOn',
];
