import { EVALUATION_DIMENSIONS } from '@crm/domain';
import { createLead, createPipelineWorld, type PipelineWorld } from '../../test/pipeline-world';

describe('项目评估 /api/projects/:id/evaluations', () => {
  let w: PipelineWorld;
  let projectId: string;
  const all = (rating: string, note: string | null = '说明') =>
    EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating, note }));

  beforeAll(async () => {
    w = await createPipelineWorld();
    projectId = (await createLead(w, { name: '评估测试项目' })).id;
  });
  afterAll(() => w.close());

  it('opens one evaluation at a time, always with the six dimensions', async () => {
    const opened = await w.staff
      .post(`/api/projects/${projectId}/evaluations`, {
        dimensions: [{ dimension: 'ecology', rating: 'favourable', note: '无生态红线' }],
      })
      .expect(201);
    expect(opened.body.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual([...EVALUATION_DIMENSIONS]);
    expect(opened.body.dimensions[0]).toEqual({ dimension: 'ecology', rating: 'favourable', note: '无生态红线' });
    expect(opened.body).toMatchObject({
      conclusion: null,
      eliminatedCategory: null,
      openedBy: { id: w.staff.user.id },
      version: 1,
    });
    const second = await w.staff.post(`/api/projects/${projectId}/evaluations`, {}).expect(409);
    expect(second.body.current.id).toBe(opened.body.id);
  });

  it('names everything missing before a conclusion, and refuses a pass of a 淘汰类 project', async () => {
    const [open] = await w.t.dataSource.query(`SELECT id, version FROM project_evaluation WHERE project_id = $1`, [
      projectId,
    ]);
    const path = `/api/projects/${projectId}/evaluations/${open.id}`;
    const early = await w.staff
      .post(`${path}/conclusion`, { conclusion: 'pass', concludedOn: '2025-03-01', version: open.version })
      .expect(422);
    expect(early.body.missing.map((m: { field: string }) => m.field)).toEqual([
      'dimensions.safety.rating',
      'dimensions.safety.note',
      'dimensions.energy.rating',
      'dimensions.energy.note',
      'dimensions.technology.rating',
      'dimensions.technology.note',
      'dimensions.investment-intensity.rating',
      'dimensions.investment-intensity.note',
      'dimensions.benefit.rating',
      'dimensions.benefit.note',
      'eliminatedCategory',
    ]);
    expect(early.body.message).toContain('安全风险');

    const filled = await w.staff
      .patch(path, { version: open.version, dimensions: all('acceptable'), thirdParty: true, eliminatedCategory: true })
      .expect(200);
    expect(filled.body.version).toBe(open.version + 1);
    const stale = await w.staff.patch(path, { version: open.version, institution: 'x' }).expect(409);
    expect(stale.body.current.version).toBe(open.version + 1);
    const pass = await w.staff
      .post(`${path}/conclusion`, {
        conclusion: 'conditional',
        concludedOn: '2025-03-01',
        version: filled.body.version,
      })
      .expect(422);
    expect(pass.body.missing.map((m: { field: string }) => m.field)).toEqual([
      'institution',
      'feasibility',
      'outputBenefit',
      'balancePeriodYears',
      'conditions',
      'conclusion',
    ]);
    expect(pass.body.message).toContain('淘汰类');

    const future = await w.staff
      .post(`${path}/conclusion`, { conclusion: 'fail', concludedOn: '2999-01-01', version: filled.body.version })
      .expect(400);
    expect(future.body.errors.concludedOn[0]).toContain('不能晚于今天');
    const nobody = await w.staff
      .post(`${path}/conclusion`, {
        conclusion: 'fail',
        concludedOn: '2025-03-01',
        concludedById: '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11',
        version: filled.body.version,
      })
      .expect(400);
    expect(nobody.body.errors.concludedById[0]).toContain('评估人');

    const named = await w.staff
      .patch(path, {
        version: filled.body.version,
        institution: '青海某工程咨询有限公司',
        feasibility: '可行',
        outputBenefit: '年产值约5亿元',
        balancePeriodYears: '7',
      })
      .expect(200);
    const fail = await w.staff
      .post(`${path}/conclusion`, {
        conclusion: 'fail',
        concludedOn: '2025-03-01',
        concludedById: w.office.user.id,
        version: named.body.version,
      })
      .expect(200);
    expect(fail.body).toMatchObject({
      conclusion: 'fail',
      concludedOn: '2025-03-01',
      concludedBy: { id: w.office.user.id },
    });
    const project = await w.staff.get(`/api/projects/${projectId}`).expect(200);
    expect(project.body.project.eliminatedCategory).toBe(true);
    const changed = await w.staff.patch(path, { version: fail.body.version, institution: '某咨询公司' }).expect(422);
    expect(changed.body.message).toContain('已有结论');
  });

  it('refuses bad input field by field and other roles', async () => {
    const bad = await w.staff
      .post(`/api/projects/${projectId}/evaluations`, {
        dimensions: [{ dimension: 'beauty', rating: 'great', note: '注'.repeat(1001) }],
        thirdParty: 'yes',
      })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual([
      'dimensions.0.dimension',
      'dimensions.0.note',
      'dimensions.0.rating',
      'thirdParty',
    ]);
    const twice = await w.staff
      .post(`/api/projects/${projectId}/evaluations`, {
        dimensions: [{ dimension: 'safety' }, { dimension: 'safety' }],
      })
      .expect(400);
    expect(twice.body.errors.dimensions[0]).toContain('重复');
    await w.leader.post(`/api/projects/${projectId}/evaluations`, {}).expect(403);
    await w.otherStaff.post(`/api/projects/${projectId}/evaluations`, {}).expect(404);
  });
});
