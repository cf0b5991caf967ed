import {
  booleanFromLabel,
  chainFromLabel,
  isSignedStage,
  missingForStage,
  normaliseEnterpriseName,
  PROJECT_STATUS_LABELS,
  PROJECT_TEXT_LIMITS as L,
  sourceChannelFromLabel,
  STAGE_FACT_STAGE,
  STAGE_LABELS,
  stageFromLabel,
  stageIndex,
  STAGES,
  statusFromLabel,
  trimDecimal,
  wanInputProblem,
  type HeaderMapping,
  type ProjectFacts,
  type ProjectLedgerField,
  type ProjectStatus,
  type SourceChannel,
  type Stage,
  type StageFacts,
} from '@crm/domain';
import { readCreditCode, type LibraryFirm } from './enterprise-import.planner';
import { RowReader, type PlannedRow, type RowError } from './import-row';
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
  status: ProjectStatus;
  stage: Stage;
  eliminatedCategory: boolean;
  version: number;
}

export interface ProjectPlanContext {
  chains: { id: number; code: string; nameZh: string }[];
  /** Unit names and aliases (as written) → unit id. */
  units: Map<string, number>;
  library: LibraryFirm[];
  existing: ExistingProject[];
  /** Chains the importing user may write to; null: all (office, admin). */
  editableChainIds: number[] | null;
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
  facts.constructionStartedOn = r.date('constructionStartedOn');
  facts.constructionPermitRef = r.text('constructionPermitRef', L.constructionPermitRef, '施工许可证号');
  facts.completedOn = r.date('completedOn');
  const location = r.text('location', L.location, '建设地点');
  const industry = r.text('industry', L.industry, '所属行业');
  let major: boolean | undefined;
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
      ? ({ name, chainId, enterpriseId, investorName, stage, status, sourceChannel, responsibleUnitId, plannedInvestment, location, industry, major, ...facts } as ProjectRowData)
      : null;
  return { data, errors: r.errors, reader: r, name };
}

const headerField = (f: keyof StageFacts): ProjectLedgerField => f;

/**
 * Record-based gate items (a logged contact, an evaluation) cannot come from a sheet: the ledger
 * itself is the office's record of them, so the import checks the facts a sheet carries and
 * leaves those to the pipeline's records. A project found 淘汰类 stays unsignable.
 */
function gateProblems(data: ProjectRowData, existing: ExistingProject | undefined, ownerKnown: boolean): RowError[] {
  const merged: ProjectFacts = {
    name: data.name,
    chain: String(data.chainId),
    hasInvestor: true,
    sourceChannel: data.sourceChannel ?? existing?.sourceChannel ?? 'other',
    responsibleUnitId: data.responsibleUnitId,
    ownerId: ownerKnown ? 'owner' : null,
    plannedInvestment: data.plannedInvestment ?? existing?.plannedInvestment ?? null,
    contactCount: 1,
    evaluationOpened: true,
    latestConclusion: 'pass',
    eliminatedCategory: existing?.eliminatedCategory ?? false,
    status: data.status,
    signedAmount: data.signedAmount ?? existing?.signedAmount ?? null,
    signedOn: data.signedOn ?? existing?.signedOn ?? null,
    agreementRef: data.agreementRef ?? existing?.agreementRef ?? null,
    landParcel: data.landParcel ?? existing?.landParcel ?? null,
    landAreaMu: data.landAreaMu ?? existing?.landAreaMu ?? null,
    landApprovalRef: data.landApprovalRef ?? existing?.landApprovalRef ?? null,
    landApprovedOn: data.landApprovedOn ?? existing?.landApprovedOn ?? null,
    constructionStartedOn: data.constructionStartedOn ?? existing?.constructionStartedOn ?? null,
    constructionPermitRef: data.constructionPermitRef ?? existing?.constructionPermitRef ?? null,
    completedOn: data.completedOn ?? existing?.completedOn ?? null,
  };
  return missingForStage(merged, data.stage).map((m) => ({
    column: null,
    header: '项目阶段',
    zh: `未满足“${STAGE_LABELS[m.stage]}”环节的条件：${m.zh}`,
    en: `The ${m.stage} gate is not met: ${m.en}`,
  }));
}

const same = (a: unknown, b: unknown) =>
  (typeof a === 'string' && typeof b === 'string' && /^\d+(\.\d+)?$/.test(a) && /^\d+(\.\d+)?$/.test(b)
    ? trimDecimal(a) === trimDecimal(b)
    : a === b);

/**
 * What each row does to the pipeline. A row matches a project by chain + project name (as
 * normalised for firms); a match with nothing new is skipped, so the same file imported twice
 * changes nothing. Stages only move forward through the gates; pausing, dropping and amending a
 * signed agreement need a reason or a record and stay in the app.
 */
export function planProjectRows(
  mapping: HeaderMapping<ProjectLedgerField>,
  rows: SheetRow[],
  ctx: ProjectPlanContext,
): PlannedRow<ProjectRowData | { name?: string }>[] {
  const existing = new Map(ctx.existing.map((p) => [projectKey(p.chainId, p.name), p]));
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const { data, errors, name } = readRow(mapping, row, ctx);
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
    if (!project) {
      if (data.status !== 'active') {
        errors.push({ column: null, header: '项目状态', zh: `新项目不能直接${PROJECT_STATUS_LABELS[data.status]}（须说明原因），请导入后在系统中办理`, en: 'A new project is imported as active; pause or drop it in the app' });
      }
      // A gate is judged on what was read: a cell already in error is not reported twice.
      if (!errors.length) errors.push(...gateProblems(data, undefined, true));
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
    if (stageIndex(data.stage) < stageIndex(project.stage)) {
      errors.push({ column: null, header: '项目阶段', zh: `导入不能把项目退回到“${STAGE_LABELS[data.stage]}”（系统中为“${STAGE_LABELS[project.stage]}”），退回请在系统中说明原因`, en: 'An import does not move a project back' });
    }
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
    if (!errors.length && stageIndex(data.stage) > stageIndex(project.stage)) errors.push(...gateProblems(data, project, true));
    change('enterpriseId', data.enterpriseId, project.enterpriseId);
    change('investorName', data.investorName, project.investorName);
    change('sourceChannel', data.sourceChannel, project.sourceChannel);
    change('responsibleUnitId', data.responsibleUnitId, project.responsibleUnitId);
    change('plannedInvestment', data.plannedInvestment, project.plannedInvestment);
    change('location', data.location, project.location);
    change('industry', data.industry, project.industry);
    change('major', data.major, project.major);
    change('stage', data.stage, project.stage);
    for (const f of FACT_FIELDS) if (!SIGNING_FACTS.includes(f) || !isSignedStage(project.stage)) change(f, data[f], project[f]);
    return Object.keys(after).length ? result('update', project.id, { before, after }) : result('skip', project.id);
  });
}
