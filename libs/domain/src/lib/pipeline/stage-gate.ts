import type { Wan } from '../money';
import { STAGES, STAGE_LABELS, type Stage } from '../stage';
import { isPositiveWan } from './amount';
import { isPassingConclusion, type EvaluationConclusion } from './evaluation';
import { effectiveLandRoute, isExistingSiteRoute, type LandRoute, type SiteDocumentKind } from './land-route';
import type { ProjectStatus } from './project';
import type { RuleProblem } from './rule-problem';

/**
 * Stage gates (BRIEF §3; plan §(七) asks each 环节 to state its requirements): what must be true of a
 * project to enter each of the seven stages. The API refuses a move with the list of what is
 * missing; the form asks for exactly those fields. Gates are cumulative: entering a stage needs
 * the requirements of every stage up to it, so a project found already under construction can be
 * entered at 项目开工 once everything before is known.
 */

/** Facts recorded when a project reaches signing, land, construction and production. */
export interface StageFacts {
  /** 签约金额 in 万元: the initial agreement plus every supplementary increment. */
  signedAmount: Wan | null;
  signedOn: string | null;
  agreementRef: string | null;
  landParcel: string | null;
  /** 用地面积 in 亩, decimal string. */
  landAreaMu: string | null;
  landApprovalRef: string | null;
  landApprovedOn: string | null;
  /**
   * 用地方式 (issue 21 §3). Absent or null: 新增供地, judged as before. 既有用地 / 闲置厂房 (盘活存量)
   * need, instead of the land approval, the site (landParcel), its document and its area.
   */
  landRoute?: LandRoute | null;
  /** 场地权属证明: 产权 or 租赁. */
  siteDocumentKind?: SiteDocumentKind | null;
  /** 产权证号 or 租赁合同编号. */
  siteDocumentRef?: string | null;
  /** The date of the title or of the lease. */
  siteDocumentOn?: string | null;
  /** 厂房面积 in 平方米, decimal string (闲置厂房). */
  plantAreaSqm?: string | null;
  constructionStartedOn: string | null;
  constructionPermitRef: string | null;
  completedOn: string | null;
}

/** Names of the stage facts, as fields of StageMoveInput and keys of a refusal. */
export const STAGE_FACT_FIELDS = [
  'signedAmount',
  'signedOn',
  'agreementRef',
  'landParcel',
  'landAreaMu',
  'landApprovalRef',
  'landApprovedOn',
  'landRoute',
  'siteDocumentKind',
  'siteDocumentRef',
  'siteDocumentOn',
  'plantAreaSqm',
  'constructionStartedOn',
  'constructionPermitRef',
  'completedOn',
] as const satisfies readonly (keyof StageFacts)[];

/** The stage whose gate asks for each fact: it is supplied when moving into that stage. */
export const STAGE_FACT_STAGE: Record<keyof StageFacts, Stage> = {
  signedAmount: 'signed',
  signedOn: 'signed',
  agreementRef: 'signed',
  landParcel: 'land',
  landAreaMu: 'land',
  landApprovalRef: 'land',
  landApprovedOn: 'land',
  landRoute: 'land',
  siteDocumentKind: 'land',
  siteDocumentRef: 'land',
  siteDocumentOn: 'land',
  plantAreaSqm: 'land',
  constructionStartedOn: 'construction',
  constructionPermitRef: 'construction',
  completedOn: 'production',
};

/** Everything the gates look at. */
export interface ProjectFacts extends StageFacts {
  name: string | null;
  chain: string | null;
  hasInvestor: boolean;
  sourceChannel: string | null;
  responsibleUnitId: number | null;
  ownerId: string | null;
  /** 计划投资 / estimated investment, 万元. */
  plannedInvestment: Wan | null;
  /** Logged contacts (visit, negotiation, call, meeting, site inspection). */
  contactCount: number;
  /** At least one evaluation record exists, concluded or not. */
  evaluationOpened: boolean;
  /** The conclusion of the most recently concluded evaluation. */
  latestConclusion: EvaluationConclusion | null;
  /** 淘汰类: once an evaluation finds it, the project can never be signed. */
  eliminatedCategory: boolean;
  status: ProjectStatus;
}

/** One thing missing before a stage can be entered. `field` is the input (or record) to supply. */
export interface StageRequirement extends RuleProblem {
  stage: Stage;
}

interface GateRule {
  field: string;
  zh: string;
  en: string;
  met: (facts: ProjectFacts) => boolean;
  /** The rule applies only to projects it holds for (a land route); always, when absent. */
  applies?: (facts: Pick<StageFacts, 'landRoute'>) => boolean;
}

const newLand = (f: Pick<StageFacts, 'landRoute'>) => effectiveLandRoute(f.landRoute) === 'new-land';
const existingSite = (f: Pick<StageFacts, 'landRoute'>) => isExistingSiteRoute(f.landRoute);

const filled = (value: string | null | undefined) => typeof value === 'string' && value.trim().length > 0;

/** The gate of each stage, in the words the form shows. */
const GATES: Record<Stage, GateRule[]> = {
  lead: [
    { field: 'name', zh: '请填写项目名称', en: 'Enter the project name', met: (f) => filled(f.name) },
    { field: 'chain', zh: '请选择所属产业链', en: 'Choose the chain', met: (f) => filled(f.chain) },
    {
      field: 'investor',
      zh: '请选择企业库中的投资方，或填写尚未登记的投资方名称',
      en: 'Choose the investor from the enterprise library, or name an investor not yet registered',
      met: (f) => f.hasInvestor,
    },
    {
      field: 'sourceChannel',
      zh: '请选择招商渠道',
      en: 'Choose the source channel',
      met: (f) => filled(f.sourceChannel),
    },
    {
      field: 'responsibleUnitId',
      zh: '请选择责任单位',
      en: 'Choose the responsible unit',
      met: (f) => f.responsibleUnitId !== null,
    },
    {
      field: 'ownerId',
      zh: '请指定项目负责人',
      en: 'Choose the staff member who owns the project',
      met: (f) => filled(f.ownerId),
    },
  ],
  negotiation: [
    {
      field: 'activities',
      zh: '请至少登记一次对接（走访、洽谈、电话、会议或实地考察）',
      en: 'Log at least one contact with the investor (visit, negotiation, call, meeting or site inspection)',
      met: (f) => f.contactCount > 0,
    },
    {
      field: 'plannedInvestment',
      zh: '请填写计划总投资（万元）',
      en: 'Enter the planned investment (万元)',
      met: (f) => isPositiveWan(f.plannedInvestment),
    },
  ],
  evaluation: [
    {
      field: 'evaluation',
      zh: '请先发起项目评估',
      en: 'Open an evaluation record for the project first',
      met: (f) => f.evaluationOpened,
    },
  ],
  signed: [
    {
      field: 'evaluation',
      zh: '签约前须有结论为“通过”或“有条件通过”的项目评估',
      en: 'Signing needs an evaluation concluded as pass or pass with conditions',
      met: (f) => isPassingConclusion(f.latestConclusion),
    },
    {
      field: 'eliminatedCategory',
      zh: '该项目属于淘汰类，不得签约',
      en: 'The project is in the eliminated category (淘汰类) and can never be signed',
      met: (f) => !f.eliminatedCategory,
    },
    {
      field: 'signedAmount',
      zh: '请填写签约金额（万元）',
      en: 'Enter the signed amount (万元)',
      met: (f) => isPositiveWan(f.signedAmount),
    },
    { field: 'signedOn', zh: '请填写签约日期', en: 'Enter the signing date', met: (f) => filled(f.signedOn) },
    {
      field: 'agreementRef',
      zh: '请填写协议编号',
      en: 'Enter the agreement reference',
      met: (f) => filled(f.agreementRef),
    },
  ],
  land: [
    {
      field: 'landParcel',
      zh: '请填写供地地块',
      en: 'Enter the land parcel',
      met: (f) => filled(f.landParcel),
      applies: newLand,
    },
    {
      field: 'landParcel',
      zh: '请填写项目场地（地址或名称）',
      en: 'Enter the site (address or name)',
      met: (f) => filled(f.landParcel),
      applies: existingSite,
    },
    {
      field: 'landAreaMu',
      zh: '请填写用地面积（亩）',
      en: 'Enter the land area (亩)',
      met: (f) => isPositiveWan(f.landAreaMu),
      applies: (f) => f.landRoute !== 'idle-plant',
    },
    {
      field: 'plantAreaSqm',
      zh: '请填写厂房面积（平方米）',
      en: 'Enter the plant area (m²)',
      met: (f) => isPositiveWan(f.plantAreaSqm),
      applies: (f) => f.landRoute === 'idle-plant',
    },
    {
      field: 'landApprovalRef',
      zh: '请填写供地批复文号',
      en: 'Enter the land approval reference',
      met: (f) => filled(f.landApprovalRef),
      applies: newLand,
    },
    {
      field: 'landApprovedOn',
      zh: '请填写供地批复日期',
      en: 'Enter the land approval date',
      met: (f) => filled(f.landApprovedOn),
      applies: newLand,
    },
    {
      field: 'siteDocumentKind',
      zh: '请选择场地权属证明类型（产权或租赁）',
      en: 'Choose whether the site is owned (title) or leased',
      met: (f) => f.siteDocumentKind === 'property-title' || f.siteDocumentKind === 'lease',
      applies: existingSite,
    },
    {
      field: 'siteDocumentRef',
      zh: '请填写产权证号或租赁合同编号',
      en: 'Enter the title deed or lease contract number',
      met: (f) => filled(f.siteDocumentRef),
      applies: existingSite,
    },
    {
      field: 'siteDocumentOn',
      zh: '请填写产权证或租赁合同的日期',
      en: 'Enter the date of the title deed or lease contract',
      met: (f) => filled(f.siteDocumentOn),
      applies: existingSite,
    },
  ],
  construction: [
    {
      field: 'constructionStartedOn',
      zh: '请填写开工日期',
      en: 'Enter the construction start date',
      met: (f) => filled(f.constructionStartedOn),
    },
    {
      field: 'constructionPermitRef',
      zh: '请填写施工许可证号',
      en: 'Enter the construction permit reference',
      met: (f) => filled(f.constructionPermitRef),
    },
  ],
  production: [
    {
      field: 'completedOn',
      zh: '请填写竣工投产日期',
      en: 'Enter the completion date',
      met: (f) => filled(f.completedOn),
    },
  ],
};

/**
 * What a stage asks for on its own (not cumulative) of a project on the given land route (none:
 * 新增供地), for the UI to explain the pipeline.
 */
export function stageGateRequirements(stage: Stage, landRoute: LandRoute | null = null): StageRequirement[] {
  return GATES[stage]
    .filter((rule) => !rule.applies || rule.applies({ landRoute }))
    .map(({ field, zh, en }) => ({ stage, field, zh, en }));
}

/** What each stage asks for on its own (not cumulative) of a new allocation (新增供地). */
export const STAGE_GATE_REQUIREMENTS: Record<Stage, StageRequirement[]> = Object.fromEntries(
  STAGES.map((stage) => [stage, stageGateRequirements(stage)]),
) as Record<Stage, StageRequirement[]>;

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** Whether a stage is 项目签约 or later (the signing counts). */
export function isSignedStage(stage: Stage): boolean {
  return stageIndex(stage) >= stageIndex('signed');
}

/** Everything missing before the project may be in `target` (empty: the gate is open). */
export function missingForStage(facts: ProjectFacts, target: Stage): StageRequirement[] {
  const missing: StageRequirement[] = [];
  for (const stage of STAGES.slice(0, stageIndex(target) + 1)) {
    missing.push(...missingAtStage(facts, stage));
  }
  return missing;
}

export type StageMoveDirection = 'forward' | 'backward';

export interface StageMoveCheck {
  direction: StageMoveDirection | null;
  /** Empty when the move may be made. */
  missing: StageRequirement[];
}

/**
 * May a project move from `from` to `to`? Forward moves pass the gates; backward moves are always
 * possible but need a reason; only an active project moves.
 */
export function checkStageMove(
  facts: ProjectFacts,
  from: Stage,
  to: Stage,
  reason: string | null | undefined,
): StageMoveCheck {
  if (from === to) {
    return {
      direction: null,
      missing: [
        {
          stage: to,
          field: 'to',
          zh: `项目已处于“${STAGE_LABELS[to]}”阶段`,
          en: `The project is already in the stage ${to}`,
        },
      ],
    };
  }
  const missing: StageRequirement[] = [];
  if (facts.status !== 'active') {
    missing.push({
      stage: to,
      field: 'status',
      zh: facts.status === 'paused' ? '项目已暂缓，请先恢复推进再调整阶段' : '项目已终止，请先恢复推进再调整阶段',
      en: `The project is ${facts.status}; make it active again before moving it`,
    });
  }
  const direction: StageMoveDirection = stageIndex(to) > stageIndex(from) ? 'forward' : 'backward';
  if (direction === 'backward') {
    if (!filled(reason)) {
      missing.push({
        stage: to,
        field: 'reason',
        zh: `退回到“${STAGE_LABELS[to]}”须说明原因`,
        en: `Moving back to the stage ${to} needs a reason`,
      });
    }
    return { direction, missing };
  }
  return { direction, missing: [...missing, ...missingForStage(facts, to)] };
}

/**
 * Dates of the stage facts that contradict each other or today (Asia/Shanghai): nothing recorded
 * as done may lie in the future, and production cannot come before construction started.
 */
export function stageFactProblems(facts: Partial<StageFacts>, today: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const past: [keyof StageFacts, string][] = [
    ['signedOn', '签约日期'],
    ['landApprovedOn', '供地批复日期'],
    ['siteDocumentOn', '产权证或租赁合同日期'],
    ['constructionStartedOn', '开工日期'],
    ['completedOn', '竣工投产日期'],
  ];
  for (const [field, label] of past) {
    const value = facts[field];
    if (value && value > today) {
      problems.push({
        field,
        zh: `${label}不能晚于今天（${today}）`,
        en: `${field} cannot be later than today (${today})`,
      });
    }
  }
  if (facts.completedOn && facts.constructionStartedOn && facts.completedOn < facts.constructionStartedOn) {
    problems.push({
      field: 'completedOn',
      zh: `竣工投产日期不能早于开工日期（${facts.constructionStartedOn}）`,
      en: `The completion date cannot be before the construction start (${facts.constructionStartedOn})`,
    });
  }
  return problems;
}

/**
 * Facts of one land route given on a project that follows the other (400): an approval belongs to
 * 新增供地, a title or lease to 既有用地 / 闲置厂房, a plant's m² to 闲置厂房. `facts` are the
 * project's land facts as they would be after the write (recorded, then the request's).
 */
export function landRouteProblems(facts: Partial<StageFacts>): RuleProblem[] {
  const route = effectiveLandRoute(facts.landRoute);
  const problems: RuleProblem[] = [];
  const given = (v: string | null | undefined) => v !== null && v !== undefined && v !== '';
  if (route === 'new-land') {
    for (const field of ['siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn'] as const) {
      if (given(facts[field])) {
        problems.push({
          field,
          zh: '产权证或租赁合同只用于既有用地或闲置厂房（盘活存量），新增供地请填写供地批复；或将用地方式改为既有用地、闲置厂房',
          en: 'A title or lease belongs to an existing site or idle plant; a new allocation gives its land approval (or change the land route)',
        });
      }
    }
  }
  if (route !== 'idle-plant' && given(facts.plantAreaSqm)) {
    problems.push({
      field: 'plantAreaSqm',
      zh: '厂房面积（平方米）只用于闲置厂房；其他用地方式请填写用地面积（亩）',
      en: 'The plant area (m²) belongs to an idle plant; other routes give the land area in 亩',
    });
  }
  return problems;
}

/**
 * The land facts a route does not use: setting a project's route clears them (the other route's
 * title or lease, a plant's m²), so a project moved back and forward on another route, or whose
 * route is corrected, keeps no stale document. An approval is kept on every route.
 */
export function landFactsClearedBy(route: LandRoute): (keyof StageFacts)[] {
  if (route === 'new-land') return ['siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn', 'plantAreaSqm'];
  if (route === 'existing-site') return ['plantAreaSqm'];
  return [];
}

/** The facts with a new route applied: the fields it does not use cleared, then `route` set. */
export function withLandRoute<F extends Partial<StageFacts>>(facts: F, route: LandRoute): F {
  const next: F = { ...facts, landRoute: route };
  for (const field of landFactsClearedBy(route)) (next as Record<string, unknown>)[field] = null;
  return next;
}

/** What the gate of `stage` alone still misses (not cumulative), as when its facts are corrected. */
export function missingAtStage(facts: ProjectFacts, stage: Stage): StageRequirement[] {
  return GATES[stage]
    .filter((rule) => (!rule.applies || rule.applies(facts)) && !rule.met(facts))
    .map(({ field, zh, en }) => ({ stage, field, zh, en }));
}
