import { judgeStageMove, type StageMoveVerdict } from '@crm/api/pipeline';
import {
  booleanFromLabel,
  chainFromLabel,
  isSignedStage,
  landRouteFromLabel,
  normaliseEnterpriseName,
  PROJECT_STATUS_LABELS,
  PROJECT_TEXT_LIMITS as L,
  siteDocumentKindFromLabel,
  sourceChannelFromLabel,
  STAGE_FACT_STAGE,
  STAGE_LABELS,
  stageFromLabel,
  stageIndex,
  STAGES,
  statusFromLabel,
  trimDecimal,
  wanInputProblem,
  LANDLINE_PATTERN,
  MOBILE_PATTERN,
  type HeaderMapping,
  type ImportContactPlan,
  type ProjectFacts,
  type ProjectLedgerField,
  stageFactProblems,
  type EvaluationConclusion,
  type ProjectStatus,
  type SourceChannel,
  type Stage,
  type StageFacts,
  type StageMoveInput,
} from '@crm/domain';
import { readCreditCode, type LibraryFirm } from './enterprise-import.planner';
import { RowReader, type PlannedRow } from './import-row';
import type { SheetRow } from './sheet-reader';

/** A project as a sheet row gives it, references resolved. */
export interface ProjectRowData extends Partial<StageFacts> {
  name: string;
  chainId: number;
  enterpriseId: string | null;
  investorName: string;
  stage: Stage;
  status: ProjectStatus;
  sourceChannel?: SourceChannel;
  responsibleUnitId: number;
  plannedInvestment?: string;
  location?: string;
  industry?: string;
  major?: boolean;
  /** 项目负责人 named by the row (a staff user serving the chain); unset: the default chosen on commit. */
  ownerId?: string;
  /** 招商活动 named by the row (by its name). */
  eventId?: string;
  /**
   * 联系人 and 联系电话 of the row: a contact of the project's firm, written by the contacts' writer
   * (planRowContacts); on the project's 备注 (contactNote) when the investor is not in the library.
   */
  contactName?: string;
  contactPhone?: string;
  /** What the row does to its firm's contact, as the preview shows it. */
  contact?: ImportContactPlan;
  /** The matched project's version when previewed: a commit after someone else's edit is refused. */
  version?: number;
}

/** A project already in the pipeline, as the planner compares it (decimals trimmed). */
export interface ExistingProject extends StageFacts {
  id: string;
  name: string;
  chainId: number;
  enterpriseId: string | null;
  investorName: string;
  sourceChannel: SourceChannel;
  responsibleUnitId: number;
  plannedInvestment: string | null;
  location: string | null;
  industry: string | null;
  major: boolean;
  eventId: string | null;
  notes: string | null;
  status: ProjectStatus;
  stage: Stage;
  eliminatedCategory: boolean;
  version: number;
  ownerId: string;
  ownerName: string;
  /** The records the stage gates read, as the pipeline's writer reads them. */
  contactCount: number;
  evaluationOpened: boolean;
  latestConclusion: EvaluationConclusion | null;
}

/** An active staff user who may own projects: the chains whose units they serve on the day. */
export interface OwnerCandidate {
  id: string;
  username: string;
  displayName: string;
  chainIds: number[];
}

export interface ProjectPlanContext {
  chains: { id: number; code: string; nameZh: string }[];
  /** Unit names and aliases (as written) → unit id. */
  units: Map<string, number>;
  library: LibraryFirm[];
  existing: ExistingProject[];
  /** Chains the importing user may write to; null: all (office, admin). */
  editableChainIds: number[] | null;
  /** The clock's Shanghai day: dates and who serves a chain are judged on it. */
  today: string;
  /** Units serving each chain on the day (chain_units_on). */
  servingUnits: Map<number, Set<number>>;
  /** Active staff users (chain_access on the day). */
  owners: OwnerCandidate[];
  /** 招商活动 by normalised name → id. */
  events: Map<string, string>;
}


/** The line a row's 联系人 and 联系电话 leave on the project's 备注. */
export function contactNote(name: string | undefined, phone: string | undefined): string | null {
  if (!name) return null;
  return phone ? `联系人：${name}（${phone}）` : `联系人：${name}`;
}

/** The project's 备注 with the row's contact line added once (a re-import of the same row adds nothing). */
export function notesWithContact(notes: string | null, line: string | null): string | null {
  if (!line || (notes ?? '').split('\n').includes(line)) return notes;
  return notes ? `${notes}\n${line}` : line;
}

export const projectKey = (chainId: number, name: string) => `${chainId}|${normaliseEnterpriseName(name)}`;

const FACT_FIELDS = Object.keys(STAGE_FACT_STAGE) as (keyof StageFacts)[];
const SIGNING_FACTS: (keyof StageFacts)[] = ['signedAmount', 'signedOn', 'agreementRef'];
const stageList = STAGES.map((s) => STAGE_LABELS[s]).join('、');

function readRow(mapping: HeaderMapping<ProjectLedgerField>, row: SheetRow, ctx: ProjectPlanContext) {
  const r = new RowReader(mapping, row.cells);
  const name = r.text('name', L.name, '项目名称');
  if (!name && !r.errors.length) r.fail('name', '项目名称不能为空', 'The project name is required');

  const chainText = r.text('chain');
  let chainId: number | undefined;
  if (!chainText) r.fail('chain', '所属产业链不能为空', 'The chain is required');
  else {
    const code = chainFromLabel(chainText);
    chainId = ctx.chains.find((c) => c.code === code || c.nameZh === chainText)?.id;
    if (!chainId) {
      r.fail('chain', `产业链“${chainText}”不存在，应为七条产业链之一（如 清洁能源产业链）`, `Unknown chain "${chainText}"`);
    } else if (ctx.editableChainIds && !ctx.editableChainIds.includes(chainId)) {
      r.fail('chain', `您所在单位不负责${chainText}，不能导入其项目`, `Your unit does not serve chain "${chainText}"`);
    }
  }

  const investorName = r.text('investorName', L.investorName, '投资方');
  if (!investorName && !r.errors.some((e) => e.header && e.column && e.zh.includes('投资方'))) {
    r.fail('investorName', '投资方不能为空（尚未确定的可写“待定”）', 'The investor is required');
  }
  const creditCode = readCreditCode(r, 'investorCreditCode');
  let enterpriseId: string | null = null;
  if (creditCode) {
    const firm = ctx.library.find((f) => f.creditCode === creditCode);
    if (firm) enterpriseId = firm.id;
    else r.fail('investorCreditCode', '企业库中没有这个信用代码的企业，请先导入企业或留空', 'No firm of the library has this credit code');
  } else if (investorName) {
    enterpriseId = ctx.library.find((f) => f.normalisedName === normaliseEnterpriseName(investorName))?.id ?? null;
  }

  const stageText = r.text('stage');
  const stage = stageText ? stageFromLabel(stageText) : null;
  if (!stageText) r.fail('stage', `项目阶段不能为空，应为：${stageList}`, 'The stage is required');
  else if (!stage) r.fail('stage', `项目阶段“${stageText}”不是七个环节之一：${stageList}`, `"${stageText}" is not one of the seven stages`);

  const statusText = r.text('status');
  let status: ProjectStatus = 'active';
  if (statusText) {
    const s = statusFromLabel(statusText);
    if (s) status = s;
    else r.fail('status', `项目状态“${statusText}”无法识别（推进中、暂缓、终止）`, `Unknown status "${statusText}"`);
  }
  const channelText = r.text('sourceChannel');
  let sourceChannel: SourceChannel | undefined;
  if (channelText) {
    sourceChannel = sourceChannelFromLabel(channelText) ?? undefined;
    if (!sourceChannel) r.fail('sourceChannel', `招商方式“${channelText}”无法识别`, `Unknown source channel "${channelText}"`);
  }
  const unitText = r.text('responsibleUnit');
  const responsibleUnitId = unitText ? ctx.units.get(unitText.replace(/\s+/g, '')) : undefined;
  if (!unitText) r.fail('responsibleUnit', '责任单位不能为空', 'The responsible unit is required');
  else if (!responsibleUnitId) r.fail('responsibleUnit', `责任单位“${unitText}”不在单位名录中`, `Unknown unit "${unitText}"`);

  const ownerText = r.text('owner', 60, '项目负责人');
  const facts: Partial<StageFacts> = {};
  const plannedInvestment = r.amount('plannedInvestment');
  facts.signedAmount = r.amount('signedAmount');
  facts.signedOn = r.date('signedOn');
  facts.agreementRef = r.text('agreementRef', L.agreementRef, '协议编号');
  facts.landParcel = r.text('landParcel', L.landParcel, '用地地块');
  const area = r.raw('landAreaMu');
  if (area !== null && area !== '') {
    const text = typeof area === 'number' ? String(area) : String(area).normalize('NFKC').trim();
    if (wanInputProblem(text)) r.fail('landAreaMu', '用地面积应为大于0的数字（亩）', 'The land area must be a number of 亩 above 0');
    else facts.landAreaMu = text;
  }
  facts.landApprovalRef = r.text('landApprovalRef', L.landApprovalRef, '用地批复文号');
  facts.landApprovedOn = r.date('landApprovedOn');
  readExistingSite(r, facts);
  facts.constructionStartedOn = r.date('constructionStartedOn');
  facts.constructionPermitRef = r.text('constructionPermitRef', L.constructionPermitRef, '施工许可证号');
  facts.completedOn = r.date('completedOn');
  const location = r.text('location', L.location, '建设地点');
  const industry = r.text('industry', L.industry, '所属行业');
  let major: boolean | undefined;
  const contactName = r.text('contactName', 100, '联系人');
  let contactPhone = r.text('contactPhone', 40, '联系电话');
  if (contactPhone) {
    contactPhone = contactPhone.normalize('NFKC').replace(/\s+/g, '');
    if (!MOBILE_PATTERN.test(contactPhone) && !LANDLINE_PATTERN.test(contactPhone)) {
      r.fail('contactPhone', `联系电话“${contactPhone}”不是有效的手机号码（11位）或固定电话`, 'The phone is neither a mobile number (11 digits) nor a landline');
    } else if (!contactName) {
      r.fail('contactName', '填写了联系电话，请同时填写联系人', 'A phone needs the contact’s name');
    }
  }
  const eventText = r.text('event', 200, '招商活动');
  let eventId: string | undefined;
  if (eventText) {
    eventId = ctx.events.get(normaliseEnterpriseName(eventText));
    if (!eventId) r.fail('event', `招商活动“${eventText}”不存在，请先在“招商活动”中登记该活动`, `No promotion event "${eventText}"`);
  }
  if (r.has('major')) {
    const text = r.text('major') ?? '';
    const value = booleanFromLabel(text);
    if (value === null) r.fail('major', `是否重大项目应填“是”或“否”`, 'major must be 是 or 否');
    else major = value;
  }

  if (stage) {
    for (const field of FACT_FIELDS) {
      if (facts[field] !== undefined && stageIndex(STAGE_FACT_STAGE[field]) > stageIndex(stage)) {
        r.fail(
          headerField(field),
          `项目阶段为“${STAGE_LABELS[stage]}”，不应填写${STAGE_LABELS[STAGE_FACT_STAGE[field]]}阶段的信息`,
          `The project is at ${stage}; ${field} belongs to a later stage`,
        );
      }
    }
  }
  for (const field of FACT_FIELDS) if (facts[field] === undefined) delete facts[field];
  const data =
    name && chainId && investorName && stage && responsibleUnitId
      ? ({ name, chainId, enterpriseId, investorName, stage, status, sourceChannel, responsibleUnitId, plannedInvestment, location, industry, major, eventId, contactName, contactPhone, ...facts } as ProjectRowData)
      : null;
  return { data, errors: r.errors, reader: r, name, ownerText, unitText };
}

/**
 * 盘活存量 (issue 21 §3): the row's 用地方式 and, for an existing site or idle plant, its title or
 * lease and a plant's area; the pipeline's gate (judgeStageMove) then asks for what is missing.
 */
function readExistingSite(r: RowReader<ProjectLedgerField>, facts: Partial<StageFacts>): void {
  const routeText = r.text('landRoute');
  if (routeText) {
    const route = landRouteFromLabel(routeText);
    if (route) facts.landRoute = route;
    else r.fail('landRoute', `用地方式“${routeText}”无法识别（新增供地、既有用地、闲置厂房）`, `Unknown land route "${routeText}"`);
  }
  const kindText = r.text('siteDocumentKind');
  if (kindText) {
    const kind = siteDocumentKindFromLabel(kindText);
    if (kind) facts.siteDocumentKind = kind;
    else r.fail('siteDocumentKind', `场地权属“${kindText}”无法识别（产权、租赁）`, `Unknown site document kind "${kindText}"`);
  }
  facts.siteDocumentRef = r.text('siteDocumentRef', L.siteDocumentRef, '产权证号或租赁合同编号');
  facts.siteDocumentOn = r.date('siteDocumentOn');
  const area = r.raw('plantAreaSqm');
  if (area !== null && area !== '') {
    const text = typeof area === 'number' ? String(area) : String(area).normalize('NFKC').trim();
    if (wanInputProblem(text)) r.fail('plantAreaSqm', '厂房面积应为大于0的数字（平方米）', 'The plant area must be a number of m² above 0');
    else facts.plantAreaSqm = text;
  }
}

const headerField = (f: keyof StageFacts): ProjectLedgerField => f;
/** Problems of these fields are placed at their column; the others (records, the gate) at 项目阶段. */
const LEDGER_FIELDS = new Set<string>([...FACT_FIELDS, 'plannedInvestment', 'owner', 'status', 'stage']);

/**
 * A move's verdict (the pipeline's own rule, judgeStageMove) as row errors: what the writer would
 * refuse on commit, with the same words as POST /api/projects/:id/stage-moves. Gate items name
 * their stage; a fact placed where it does not belong names its column.
 */
function moveErrors(r: RowReader<ProjectLedgerField>, verdict: StageMoveVerdict): void {
  for (const p of verdict.invalid) {
    const field = LEDGER_FIELDS.has(p.field) ? (p.field as ProjectLedgerField) : 'stage';
    r.fail(field, p.zh, p.en);
  }
  for (const m of verdict.missing) {
    const back = m.field === 'reason' ? '（导入不能退回阶段：请在系统中说明原因后退回）' : '';
    r.fail('stage', `未满足“${STAGE_LABELS[m.stage]}”环节的条件：${m.zh}${back}`, `The ${m.stage} gate is not met: ${m.en}`);
  }
}

/** The facts the gates read of a project the row would create (no contact, no evaluation yet). */
function newProjectFacts(data: ProjectRowData): ProjectFacts {
  return {
    name: data.name,
    chain: String(data.chainId),
    hasInvestor: true,
    sourceChannel: data.sourceChannel ?? 'other',
    responsibleUnitId: data.responsibleUnitId,
    ownerId: 'owner',
    plannedInvestment: data.plannedInvestment ?? null,
    contactCount: 0,
    evaluationOpened: false,
    latestConclusion: null,
    eliminatedCategory: false,
    status: data.status,
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
}

/** The facts the gates read of a matched project, with the row's changes of its own fields applied. */
function existingProjectFacts(p: ExistingProject, data: ProjectRowData): ProjectFacts {
  return {
    name: p.name,
    chain: String(p.chainId),
    hasInvestor: true,
    sourceChannel: data.sourceChannel ?? p.sourceChannel,
    responsibleUnitId: data.responsibleUnitId,
    ownerId: p.ownerId,
    plannedInvestment: data.plannedInvestment ?? p.plannedInvestment,
    contactCount: p.contactCount,
    evaluationOpened: p.evaluationOpened,
    latestConclusion: p.latestConclusion,
    eliminatedCategory: p.eliminatedCategory,
    status: p.status,
    signedAmount: p.signedOn ? p.signedAmount : null,
    signedOn: p.signedOn,
    agreementRef: p.agreementRef,
    landParcel: p.landParcel,
    landAreaMu: p.landAreaMu,
    landApprovalRef: p.landApprovalRef,
    landApprovedOn: p.landApprovedOn,
    landRoute: p.landRoute,
    siteDocumentKind: p.siteDocumentKind,
    siteDocumentRef: p.siteDocumentRef,
    siteDocumentOn: p.siteDocumentOn,
    plantAreaSqm: p.plantAreaSqm,
    constructionStartedOn: p.constructionStartedOn,
    constructionPermitRef: p.constructionPermitRef,
    completedOn: p.completedOn,
  };
}

/** The stage facts of the row that travel with a move from `from` to `to` (their stage lies between). */
function moveFacts(data: ProjectRowData, from: Stage): Omit<StageMoveInput, 'to' | 'version'> {
  const facts: Omit<StageMoveInput, 'to' | 'version'> = {};
  for (const f of FACT_FIELDS) {
    const value = data[f];
    if (typeof value === 'string' && stageIndex(STAGE_FACT_STAGE[f]) > stageIndex(from)) Object.assign(facts, { [f]: value });
  }
  return facts;
}

/** The owner a row names: a staff user by account name or display name (one only). */
function resolveOwner(text: string, ctx: ProjectPlanContext): { owner?: OwnerCandidate; zh?: string; en?: string } {
  const byUsername = ctx.owners.filter((o) => o.username === text);
  const matches = byUsername.length ? byUsername : ctx.owners.filter((o) => o.displayName === text);
  if (matches.length === 1) return { owner: matches[0] };
  if (matches.length > 1) {
    return { zh: `有多名专班人员叫“${text}”，请填写其登录账号`, en: `Several staff users are called "${text}"; give the account name` };
  }
  return {
    zh: `项目负责人“${text}”不是在职的专班工作人员账号（项目负责人应为负责该产业链的单位的专班人员）`,
    en: `The owner "${text}" is not an active staff user`,
  };
}

function chainName(ctx: ProjectPlanContext, chainId: number): string {
  return ctx.chains.find((c) => c.id === chainId)?.nameZh ?? String(chainId);
}

/** The unit serves the chain on the day (the writer's rule: 422 otherwise). */
function checkUnit(r: RowReader<ProjectLedgerField>, ctx: ProjectPlanContext, chainId: number, unitId: number, unitText: string | undefined): void {
  if (!ctx.servingUnits.get(chainId)?.has(unitId)) {
    r.fail(
      'responsibleUnit',
      `责任单位“${unitText ?? unitId}”${ctx.today}不负责${chainName(ctx, chainId)}，请选择负责该产业链的单位`,
      "The responsible unit does not serve the project's chain",
    );
  }
}

/** The owner serves the chain on the day. */
function checkOwner(r: RowReader<ProjectLedgerField>, ctx: ProjectPlanContext, chainId: number, owner: OwnerCandidate): void {
  if (!owner.chainIds.includes(chainId)) {
    r.fail(
      'owner',
      `项目负责人“${owner.displayName}”不是${chainName(ctx, chainId)}责任单位的专班工作人员（${ctx.today}），请选择该产业链的专班人员`,
      "The owner is not staff of a unit serving the project's chain",
    );
  }
}

const same = (a: unknown, b: unknown) =>
  (typeof a === 'string' && typeof b === 'string' && /^\d+(\.\d+)?$/.test(a) && /^\d+(\.\d+)?$/.test(b)
    ? trimDecimal(a) === trimDecimal(b)
    : a === b);

/**
 * What each row does to the pipeline. A row matches a project by chain + project name (as
 * normalised for firms); a match with nothing new is skipped, so the same file imported twice
 * changes nothing. A row is judged as the pipeline's project writer will judge it on commit: a new
 * project starts as 项目线索 and moves to the row's stage through the same gates (a logged contact
 * and an evaluation are records of the pipeline, so a new project goes no further than the gates
 * allow without them); a matched one moves through the gates on its own records. Pausing,
 * dropping, moving back and amending a signed agreement need a reason or a record and stay in the
 * app. The responsible unit and the owner must serve the chain on the day.
 */
export function planProjectRows(
  mapping: HeaderMapping<ProjectLedgerField>,
  rows: SheetRow[],
  ctx: ProjectPlanContext,
): PlannedRow<ProjectRowData | { name?: string }>[] {
  const existing = new Map(ctx.existing.map((p) => [projectKey(p.chainId, p.name), p]));
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const { data, errors, name, reader: r, ownerText, unitText } = readRow(mapping, row, ctx);
    const result = (action: PlannedRow<unknown>['action'], targetId: string | null = null, changes: PlannedRow<unknown>['changes'] = null) => ({
      number: row.number,
      action: errors.length ? ('error' as const) : action,
      targetId,
      // A row in error still shows which project it names.
      data: data ?? (name ? { name } : {}),
      changes,
      errors,
    });
    if (!data) return result('error');
    const key = projectKey(data.chainId, data.name);
    const earlier = seen.get(key);
    if (earlier) errors.push({ column: null, header: '项目名称', zh: `与第${earlier}行是同一产业链的同一项目`, en: `Same project as row ${earlier}` });
    seen.set(key, row.number);
    const project = existing.get(key);

    let owner: OwnerCandidate | undefined;
    const ownerUnchanged = !!project && !!ownerText && (ownerText === project.ownerName || ctx.owners.some((o) => o.id === project.ownerId && o.username === ownerText));
    if (ownerText && !ownerUnchanged) {
      const found = resolveOwner(ownerText, ctx);
      if (found.owner) owner = found.owner;
      else r.fail('owner', found.zh as string, found.en as string);
    }

    if (!project) {
      if (data.status !== 'active') {
        errors.push({ column: null, header: '项目状态', zh: `新项目不能直接${PROJECT_STATUS_LABELS[data.status]}（须说明原因），请导入后在系统中办理`, en: 'A new project is imported as active; pause or drop it in the app' });
      }
      // A rule is judged on what was read: a cell already in error is not reported twice.
      if (!errors.length) {
        checkUnit(r, ctx, data.chainId, data.responsibleUnitId, unitText);
        if (owner) {
          checkOwner(r, ctx, data.chainId, owner);
          data.ownerId = owner.id;
        }
        if (data.stage !== 'lead') {
          moveErrors(r, judgeStageMove(newProjectFacts(data), 'lead', { to: data.stage, reason: null, ...moveFacts(data, 'lead') }, ctx.today));
        }
      }
      return result('create');
    }
    data.version = project.version;
    // A named investor stays named unless the row gives a credit code or another name.
    if (!data.enterpriseId || (!mapping.columns.some((c) => c.field === 'investorCreditCode') && same(data.investorName, project.investorName))) {
      if (same(data.investorName, project.investorName)) data.enterpriseId = project.enterpriseId;
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = (field: string, next: unknown, current: unknown) => {
      if (next !== undefined && !same(next, current)) {
        before[field] = current;
        after[field] = next;
      }
    };
    if (data.status !== project.status) {
      errors.push({ column: null, header: '项目状态', zh: `项目状态的变更（系统中为“${PROJECT_STATUS_LABELS[project.status]}”）须说明原因，请在系统中办理`, en: 'Change the status in the app, with its reason' });
    }
    if (isSignedStage(project.stage)) {
      for (const f of SIGNING_FACTS) {
        if (data[f] !== undefined && !same(data[f], project[f])) {
          errors.push({ column: null, header: '签约金额', zh: '签约信息与系统不一致：补充协议请在系统中登记', en: 'Signing facts differ; record a supplementary agreement in the app' });
          break;
        }
      }
    }
    if (!errors.length) {
      if (data.responsibleUnitId !== project.responsibleUnitId) checkUnit(r, ctx, data.chainId, data.responsibleUnitId, unitText);
      if (owner && owner.id !== project.ownerId) checkOwner(r, ctx, data.chainId, owner);
    }
    if (owner && owner.id !== project.ownerId) data.ownerId = owner.id;
    if (!errors.length && data.stage !== project.stage) {
      moveErrors(
        r,
        judgeStageMove(existingProjectFacts(project, data), project.stage, { to: data.stage, reason: null, ...moveFacts(data, project.stage) }, ctx.today),
      );
    }
    // Facts of stages already reached are corrected like a PATCH: their dates checked against today and each other.
    if (!errors.length) {
      const corrected: Partial<StageFacts> = {};
      for (const f of ['landApprovedOn', 'constructionStartedOn', 'completedOn'] as const) {
        if (data[f] !== undefined && stageIndex(STAGE_FACT_STAGE[f]) <= stageIndex(project.stage) && !same(data[f], project[f])) corrected[f] = data[f];
      }
      if (Object.keys(corrected).length) {
        const merged = {
          landApprovedOn: corrected.landApprovedOn ?? project.landApprovedOn,
          constructionStartedOn: data.constructionStartedOn ?? project.constructionStartedOn,
          completedOn: data.completedOn ?? project.completedOn,
        };
        for (const p of stageFactProblems(merged, ctx.today)) r.fail(p.field as ProjectLedgerField, p.zh, p.en);
      }
    }
    change('enterpriseId', data.enterpriseId, project.enterpriseId);
    change('investorName', data.investorName, project.investorName);
    change('sourceChannel', data.sourceChannel, project.sourceChannel);
    change('responsibleUnitId', data.responsibleUnitId, project.responsibleUnitId);
    change('ownerId', data.ownerId, project.ownerId);
    change('plannedInvestment', data.plannedInvestment, project.plannedInvestment);
    change('location', data.location, project.location);
    change('industry', data.industry, project.industry);
    change('major', data.major, project.major);
    change('eventId', data.eventId, project.eventId);
    // A firm of the library gets the contact itself (planRowContacts); otherwise the 备注 keeps the line.
    if (!data.enterpriseId) {
      const notes = notesWithContact(project.notes, contactNote(data.contactName, data.contactPhone));
      change('notes', notes ?? undefined, project.notes);
    }
    change('stage', data.stage, project.stage);
    for (const f of FACT_FIELDS) if (!SIGNING_FACTS.includes(f) || !isSignedStage(project.stage)) change(f, data[f], project[f]);
    return Object.keys(after).length ? result('update', project.id, { before, after }) : result('skip', project.id);
  });
}
