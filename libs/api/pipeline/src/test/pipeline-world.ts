import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { EVALUATION_DIMENSIONS, STAGES, type Stage } from '@crm/domain';
import { PipelineModule } from '../lib/pipeline.module';
import { PipelineTotalsService } from '../lib/totals/pipeline-totals.service';

/**
 * A test app with the pipeline and a cast of signed-in users:
 * - staff: unit 市数据局, which serves 清洁能源 only (reads and edits it)
 * - otherStaff: unit 市文体旅游广电局, serving 文化旅游 only
 * - leader: 肖军, a responsible leader of 清洁能源 (reads it, edits nothing)
 * - office, admin: read every chain
 */
export interface PipelineWorld {
  t: TestApp;
  staff: SignedInAgent;
  otherStaff: SignedInAgent;
  leader: SignedInAgent;
  office: SignedInAgent;
  admin: SignedInAgent;
  unitId: number;
  otherUnitId: number;
  close(): Promise<void>;
}

export async function createPipelineWorld(): Promise<PipelineWorld> {
  const t = await createTestApp([PipelineModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
  const [staff, otherStaff, leader, office, admin] = await Promise.all([
    signInAs(t, { roles: ['staff'], unit: '市数据局' }),
    signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
    signInAs(t, { roles: ['leader'], person: '肖军' }),
    signInAs(t, { roles: ['office'] }),
    signInAs(t, { roles: ['admin'] }),
  ]);
  const unitId = await unitIdOf(t, '市数据局');
  const otherUnitId = await unitIdOf(t, '市文体旅游广电局');
  return { t, staff, otherStaff, leader, office, admin, unitId, otherUnitId, close: () => t.close() };
}

async function unitIdOf(t: TestApp, name: string): Promise<number> {
  const [{ id }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = $1`, [name]);
  return id;
}

/** Counts rows of a table, to show a refused request wrote nothing. */
export async function count(t: TestApp, table: string): Promise<number> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::integer AS n FROM ${table}`);
  return n;
}

export function totalsDiscrepancies(t: TestApp) {
  return t.app.get(PipelineTotalsService).discrepancies();
}

/** A lead of 清洁能源, as staff creates it; `overrides` change any field. */
export async function createLead(
  w: PipelineWorld,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await w.staff
    .post('/api/projects', {
      name: '厦门海辰科技储能Pack系统集成装备制造',
      chain: 'clean-energy',
      investorName: '厦门海辰科技',
      sourceChannel: 'through-firms',
      responsibleUnitId: w.unitId,
      ...overrides,
    })
    .expect(201);
  return { id: res.body.id, version: res.body.version };
}

export async function versionOf(w: PipelineWorld, id: string): Promise<number> {
  const [{ version }] = await w.t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]);
  return version;
}

/** The facts each stage asks for, as a move into it sends them. */
export const FACTS: Partial<Record<Stage, Record<string, string>>> = {
  signed: { signedAmount: '120000', signedOn: '2025-03-01', agreementRef: 'GEM-QN-2025-001' },
  land: {
    landParcel: '昆仑经济技术开发区 A-3',
    landAreaMu: '120.5',
    landApprovalRef: '格自然资〔2025〕12号',
    landApprovedOn: '2025-04-01',
  },
  construction: { constructionStartedOn: '2025-05-01', constructionPermitRef: 'SG-2025-088' },
  production: { completedOn: '2025-10-01' },
};

/** Logs a contact (a visit) through the API. */
export async function logContact(w: PipelineWorld, id: string, occurredOn = '2025-01-10'): Promise<void> {
  await w.staff
    .post(`/api/projects/${id}/activities`, {
      kind: 'visit',
      occurredOn,
      summary: '赴企业总部走访，介绍园区条件',
      ourParticipants: ['张三'],
    })
    .expect(201);
}

/** Opens an evaluation, fills all six dimensions and concludes it. */
export async function evaluate(
  w: PipelineWorld,
  id: string,
  conclusion: 'pass' | 'conditional' | 'fail' = 'pass',
  eliminatedCategory = false,
): Promise<void> {
  const opened = await w.staff
    .post(`/api/projects/${id}/evaluations`, {
      dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
      eliminatedCategory,
    })
    .expect(201);
  await w.staff
    .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
      conclusion,
      conditions: conclusion === 'conditional' ? '配套建设污水处理设施' : undefined,
      concludedOn: '2025-02-01',
      version: opened.body.version,
    })
    .expect(200);
}

/** Takes a project forward, stage by stage, through the real routes and gates. */
export async function advance(
  w: PipelineWorld,
  id: string,
  to: Stage,
  facts: Partial<Record<Stage, Record<string, string>>> = FACTS,
): Promise<void> {
  const [{ stage }] = await w.t.dataSource.query(`SELECT stage FROM project WHERE id = $1`, [id]);
  for (const next of STAGES.slice(STAGES.indexOf(stage) + 1, STAGES.indexOf(to) + 1)) {
    if (next === 'negotiation') {
      await logContact(w, id);
      await w.staff
        .patch(`/api/projects/${id}`, { plannedInvestment: '150000', version: await versionOf(w, id) })
        .expect(200);
    }
    if (next === 'evaluation') await evaluate(w, id);
    await w.staff
      .post(`/api/projects/${id}/stage-moves`, { to: next, version: await versionOf(w, id), ...(facts[next] ?? {}) })
      .expect(201);
  }
}
