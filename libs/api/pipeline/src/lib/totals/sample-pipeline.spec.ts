import { missingForStage, STAGES, type ProjectFacts } from '@crm/domain';
import {
  generateSyntheticProjects,
  insertSyntheticProjects,
  INVESTOR_NOT_NAMED,
  loadSamplePipeline,
  SAMPLE_PIPELINE_2025,
  type SyntheticData,
} from '@crm/migrations';
import { createTestApp, type TestApp } from '@crm/api/testing';
import { PipelineModule } from '../pipeline.module';
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

  it('loads the named projects of the key tasks once, at the stage their wording implies, with no amounts', async () => {
    expect(await loadSamplePipeline(t.dataSource.manager)).toEqual({
      inserted: SAMPLE_PIPELINE_2025.length,
      skipped: 0,
    });
    expect(await loadSamplePipeline(t.dataSource.manager)).toEqual({
      inserted: 0,
      skipped: SAMPLE_PIPELINE_2025.length,
    });
    const rows: {
      name: string;
      code: string;
      stage: string;
      investor_name: string;
      planned: string | null;
      signed: string;
      task_chain: string;
      enterprise: string | null;
      reason: string;
    }[] = await t.dataSource.query(
      `SELECT p.name, c.code, p.stage, p.investor_name, p.planned_investment AS planned, p.signed_amount::text AS signed,
                kc.code AS task_chain, e.name AS enterprise, m.reason
         FROM project p JOIN chain c ON c.id = p.chain_id JOIN key_task k ON k.id = p.key_task_id JOIN chain kc ON kc.id = k.chain_id
         LEFT JOIN enterprise e ON e.id = p.enterprise_id JOIN project_stage_move m ON m.project_id = p.id`,
    );
    expect(rows).toHaveLength(SAMPLE_PIPELINE_2025.length);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('东方电气高原叶片制造')).toMatchObject({
      code: 'clean-energy',
      stage: 'production',
      investor_name: '东方电气',
    });
    expect(byName.get('鸿鑫矿业二期')).toMatchObject({ stage: 'construction' });
    expect(byName.get('厦门海辰科技储能Pack系统集成装备制造')).toMatchObject({ stage: 'evaluation' });
    expect(byName.get('天能控股集团铅酸储能电池')).toMatchObject({ code: 'metallurgy', stage: 'negotiation' });
    expect(byName.get('昆仑大峡谷')).toMatchObject({
      code: 'culture-tourism',
      stage: 'signed',
      investor_name: INVESTOR_NOT_NAMED,
    });
    expect(byName.get('陆港海关监管场所')).toMatchObject({ code: 'land-port-logistics', stage: 'land' });
    expect(byName.get('5万亩饲草基地')).toMatchObject({ code: 'agri-pastoral' });
    expect(byName.get('盐湖股份4万吨基础锂盐和500万吨工业盐')?.enterprise).toBe('青海盐湖工业股份有限公司');
    for (const r of rows) {
      expect([r.name, r.planned, r.signed, r.task_chain]).toEqual([r.name, null, '0.000000', r.code]);
      expect(r.reason).toContain('示例数据');
    }
    const chains = new Set(rows.map((r) => r.code));
    expect(chains.size).toBe(7);
    expect(await t.app.get(PipelineTotalsService).discrepancies()).toEqual([]);
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
