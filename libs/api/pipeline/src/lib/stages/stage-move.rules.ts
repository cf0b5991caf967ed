import {
  checkStageMove,
  landRouteProblems,
  withLandRoute,
  STAGE_FACT_FIELDS,
  STAGE_FACT_STAGE,
  STAGE_LABELS,
  stageFactProblems,
  stageIndex,
  type ProjectFacts,
  type RuleProblem,
  type Stage,
  type StageFacts,
  type StageMoveDirection,
  type StageMoveInput,
  type StageRequirement,
} from '@crm/domain';

/** A move as the project writer takes it: StageMoveInput without the version (the caller checks it). */
export type StageMoveRequest = Omit<StageMoveInput, 'version'>;

/** What a move would meet: input that cannot be right (400), and what the stage gates miss (422). */
export interface StageMoveVerdict {
  direction: StageMoveDirection | null;
  /** Facts given where they do not belong, or dates that contradict each other or today. */
  invalid: RuleProblem[];
  /** The gate items (libs/domain) still missing, each naming its stage. */
  missing: StageRequirement[];
  /** The stage facts the request supplies. */
  supplied: Partial<StageFacts>;
}

/** "不能进入“项目签约”阶段：… / Cannot enter the stage signed: …", naming every missing item. */
export function stageMoveRefusalMessage(to: Stage, missing: StageRequirement[]): string {
  return `不能进入“${STAGE_LABELS[to]}”阶段：${missing.map((m) => m.zh).join('；')} / Cannot move to the stage ${to}: ${missing
    .map((m) => m.en)
    .join('; ')}`;
}

/** The stage facts a request carries (the fields given). */
export function suppliedStageFacts(request: Partial<StageFacts>): Partial<StageFacts> {
  const supplied: Partial<StageFacts> = {};
  for (const field of STAGE_FACT_FIELDS) {
    if (request[field] !== undefined) Object.assign(supplied, { [field]: request[field] });
  }
  return supplied;
}

/**
 * Judges a move without writing: the one rule the pipeline's stage-move route, the web form and the
 * ledger import share (through ProjectWriter.checkMove, or directly by the import's preview, which
 * loads the same facts). `facts` are the project's facts as recorded (its records included: contacts,
 * evaluations); `today` is the clock's Shanghai day.
 *
 * Facts travel with a forward move into the stage that asks for them (or one passed on the way); a
 * signing already recorded is not recorded again; dates may not lie in the future nor contradict;
 * the day the stage was reached is not in the future. The estimated investment and an evaluation to
 * open, when the request carries them, count for the gates (the writer saves them in the move's
 * transaction).
 */
export function judgeStageMove(
  facts: ProjectFacts,
  from: Stage,
  request: StageMoveRequest,
  today: string,
): StageMoveVerdict {
  const supplied = suppliedStageFacts(request);
  // A route given with the move replaces the recorded one, and what the old route alone used.
  const recorded = supplied.landRoute ? withLandRoute(facts, supplied.landRoute) : facts;
  const invalid: RuleProblem[] = [];
  const fromIndex = stageIndex(from);
  const toIndex = stageIndex(request.to);
  for (const field of Object.keys(supplied) as (keyof StageFacts)[]) {
    const stage = STAGE_FACT_STAGE[field];
    if (stageIndex(stage) <= fromIndex || stageIndex(stage) > toIndex) {
      invalid.push({
        field,
        zh: `该项只在推进到“${STAGE_LABELS[stage]}”阶段时填写`,
        en: `This is supplied only when moving the project into the stage ${stage}`,
      });
    }
  }
  const signing = ['signedAmount', 'signedOn', 'agreementRef'] as const;
  if (signing.some((f) => supplied[f] !== undefined) && facts.signedOn) {
    invalid.push({
      field: 'agreementRef',
      zh: `该项目已登记签约协议（${facts.agreementRef}），再次推进无需重填；增加金额请登记补充协议`,
      en: `The project already has its agreement (${facts.agreementRef}); record a supplementary agreement to add to it`,
    });
  }
  const merged: Partial<StageFacts> = {
    constructionStartedOn: supplied.constructionStartedOn ?? facts.constructionStartedOn,
    completedOn: supplied.completedOn ?? facts.completedOn,
    ...supplied,
  };
  invalid.push(...stageFactProblems(merged, today));
  invalid.push(...landRouteProblems({ ...recorded, ...supplied }));
  if (request.reachedOn !== undefined && request.reachedOn > today) {
    invalid.push({
      field: 'reachedOn',
      zh: `进入该阶段的日期不能晚于今天（${today}）`,
      en: `The day the stage was reached cannot be later than today (${today})`,
    });
  }
  const gateFacts: ProjectFacts = {
    ...recorded,
    ...supplied,
    plannedInvestment: request.plannedInvestment ?? facts.plannedInvestment,
    evaluationOpened: facts.evaluationOpened || request.openEvaluation === true,
  };
  const check = checkStageMove(gateFacts, from, request.to, request.reason);
  return { direction: check.direction, invalid, missing: check.missing, supplied };
}
