import { missingForStage, STAGES, type ProjectFacts } from '@crm/domain';
import {
  generateSyntheticProjects,
  insertSyntheticProjects,
  INVESTOR_NOT_NAMED,
  loadSamplePipeline,
  SAMPLE_OWNER_USERNAME,
  SAMPLE_PIPELINE_2025,
  SAMPLE_STAGE,
  type SyntheticData,
} from '@crm/migrations';
import { createTestApp, type TestApp } from '@crm/api/testing';
import { PipelineModule } from '../pipeline.module';
import { toProjectFacts } from '../projects/project.rows';
import { ProjectStore } from '../projects/project.store';
import { PipelineTotalsService } from './pipeline-totals.service';

/** The gate facts of a generated project, from the generated records alone. */
function factsOf(data: SyntheticData, i: number): ProjectFacts {
  const p = data.projects[i];
  const initial = data.agreements.find((a) => a.projectId === p.id && a.kind === 'initial');
  const evaluation = data.evaluations.find((e) => e.projectId === p.id);
  return {
    name: p.name,
    chain: p.chain,
    hasInvestor: !!p.investorName,
    sourceChannel: p.sourceChannel,
    responsibleUnitId: 1,
    ownerId: 'x',
    plannedInvestment: p.plannedInvestment,
    contactCount: data.activities.filter((a) => a.projectId === p.id).length,
    evaluationOpened: !!evaluation,
    latestConclusion: evaluation?.conclusion ?? null,
    eliminatedCategory: !!evaluation?.eliminated,
    status: 'active',
    signedAmount: initial?.amount ?? null,
    signedOn: initial?.signedOn ?? null,
    agreementRef: initial?.agreementRef ?? null,
    landParcel: p.landParcel,
    landAreaMu: p.landAreaMu,
    landApprovalRef: p.landApprovalRef,
    landApprovedOn: p.landApprovedOn,
    constructionStartedOn: p.constructionStartedOn,
    constructionPermitRef: p.constructionPermitRef,
    completedOn: p.completedOn,
  };
}

describe('sample pipeline and synthetic projects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule]);
  });
  afterAll(() => t.close());

  it('loads the named projects of the key tasks once, at 信息收集 (the text gives no facts for a later gate), each its key task’s milestone', async () => {
    const n = SAMPLE_PIPELINE_2025.length;
    expect(await loadSamplePipeline(t.dataSource.manager)).toEqual({ inserted: n, skipped: 0, linked: n });
    expect(await loadSamplePipeline(t.dataSource.manager)).toEqual({ inserted: 0, skipped: n, linked: 0 });
    const rows: {
      id: string;
      name: string;
      code: string;
      stage: string;
      investor_name: string;
      planned: string | null;
      signed: string;
      task_chain: string;
      enterprise: string | null;
      reason: string;
      target_stage: string | null;
      wording: string | null;
    }[] = await t.dataSource.query(
      `SELECT p.id, p.name, c.code, p.stage, p.investor_name, p.planned_investment AS planned, p.signed_amount::text AS signed,
                kc.code AS task_chain, e.name AS enterprise, m.reason, ms.target_stage, ms.wording
         FROM project p JOIN chain c ON c.id = p.chain_id JOIN key_task k ON k.id = p.key_task_id JOIN chain kc ON kc.id = k.chain_id
         LEFT JOIN enterprise e ON e.id = p.enterprise_id JOIN project_stage_move m ON m.project_id = p.id
         LEFT JOIN key_task_milestone ms ON ms.project_id = p.id AND ms.key_task_id = k.id`,
    );
    expect(rows).toHaveLength(n);
    const byName = new Map(rows.map((r) => [r.name, r]));
    // The plan's 年内建成 / 开工建设 / 力争落地 is the year's milestone, not where the project is.
    expect(byName.get('东方电气高原叶片制造')).toMatchObject({
      code: 'clean-energy',
      stage: 'lead',
      investor_name: '东方电气',
      target_stage: 'production',
    });
    expect(byName.get('鸿鑫矿业二期')).toMatchObject({ stage: 'lead', target_stage: 'construction' });
    expect(byName.get('厦门海辰科技储能Pack系统集成装备制造')).toMatchObject({ stage: 'lead', target_stage: 'signed' });
    expect(byName.get('天能控股集团铅酸储能电池')).toMatchObject({ code: 'metallurgy', target_stage: 'signed' });
    expect(byName.get('昆仑大峡谷')).toMatchObject({
      code: 'culture-tourism',
      stage: 'lead',
      investor_name: INVESTOR_NOT_NAMED,
      target_stage: 'construction',
    });
    expect(byName.get('陆港海关监管场所')).toMatchObject({ code: 'land-port-logistics', target_stage: 'construction' });
    expect(byName.get('5万亩饲草基地')).toMatchObject({ code: 'agri-pastoral', target_stage: 'construction' });
    expect(byName.get('盐湖股份4万吨基础锂盐和500万吨工业盐')?.enterprise).toBe('青海盐湖工业股份有限公司');
    for (const r of rows) {
      expect([r.name, r.stage, r.planned, r.signed, r.task_chain]).toEqual([r.name, SAMPLE_STAGE, null, '0.000000', r.code]);
      expect(r.reason).toContain('示例数据');
      expect(r.reason).toContain('年内目标');
      // Every sample project is its key task's milestone of the same name.
      expect([r.name, r.target_stage === null]).toEqual([r.name, false]);
    }
    const chains = new Set(rows.map((r) => r.code));
    expect(chains.size).toBe(7);
    // Today: nothing at 竣工投产 because of 年内建成, nothing at or past 项目签约 without an agreement.
    expect(rows.filter((r) => ['signed', 'land', 'construction', 'production'].includes(r.stage))).toEqual([]);
    expect(await t.app.get(PipelineTotalsService).discrepancies()).toEqual([]);
  });

  it('puts no sample project past its stage’s gate, read as the pipeline reads a project', async () => {
    const store = t.app.get(ProjectStore);
    const ids: { id: string }[] = await t.dataSource.query(
      `SELECT p.id FROM project p JOIN app_user u ON u.id = p.owner_id WHERE u.username = $1`,
      [SAMPLE_OWNER_USERNAME],
    );
    expect(ids.length).toBe(SAMPLE_PIPELINE_2025.length);
    const closed: { name: string; stage: string; missing: string[] }[] = [];
    for (const { id } of ids) {
      const row = await store.find(t.dataSource.manager, id);
      if (!row) throw new Error(`no project ${id}`);
      const facts = toProjectFacts(row, await store.evaluationState(t.dataSource.manager, id));
      const missing = missingForStage(facts, row.stage);
      if (missing.length) closed.push({ name: row.name, stage: row.stage, missing: missing.map((m) => m.field) });
    }
    expect(closed).toEqual([]);
  });

  it('refuses a sample project whose stage its facts do not support, writing nothing', async () => {
    const [{ before }] = await t.dataSource.query(`SELECT count(*)::int AS before FROM project`);
    const claimed = { ...SAMPLE_PIPELINE_2025[0], name: '声称已建成的示例项目', stage: 'production' as const };
    await expect(loadSamplePipeline(t.dataSource.manager, [SAMPLE_PIPELINE_2025[1], claimed])).rejects.toThrow(
      /声称已建成的示例项目 cannot be at production: .*activities.*plannedInvestment.*evaluation.*signedAmount.*completedOn/,
    );
    const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM project`);
    expect(after).toBe(before);
  });

  it('generates the same projects for the same seed, and others for another', () => {
    const a = generateSyntheticProjects(500, 42);
    expect(JSON.stringify(generateSyntheticProjects(500, 42))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateSyntheticProjects(500, 43))).not.toBe(JSON.stringify(a));
    expect(new Set(a.projects.map((p) => p.id)).size).toBe(500);
    expect(new Set(a.projects.map((p) => p.stage))).toEqual(new Set(STAGES));
  });

  it('generates only projects whose stage gates are open', () => {
    const data = generateSyntheticProjects(2000, 9);
    const closed = data.projects
      .map((p, i) => ({ name: p.name, stage: p.stage, missing: missingForStage(factsOf(data, i), p.stage) }))
      .filter((x) => x.missing.length);
    expect(closed).toEqual([]);
  });

  it('writes synthetic projects with multi-row inserts, every total matching a recomputation', async () => {
    const data = generateSyntheticProjects(3000, 11);
    await insertSyntheticProjects(t.dataSource.manager, data, { batchSize: 700 });
    const [row] = await t.dataSource.query(
      `SELECT count(*)::integer AS n, (SELECT count(*)::integer FROM project_agreement) AS agreements,
              (SELECT count(*)::integer FROM fund_arrival) AS funds FROM project WHERE name LIKE '%（合成%'`,
    );
    expect(row).toEqual({ n: 3000, agreements: data.agreements.length, funds: data.fundArrivals.length });
    expect(await t.app.get(PipelineTotalsService).discrepancies()).toEqual([]);
  });
});
