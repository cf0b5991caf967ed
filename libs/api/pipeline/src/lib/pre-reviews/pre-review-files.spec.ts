import { FilesModule } from '@crm/api/files';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { addDays, EVALUATION_DIMENSIONS, shanghaiToday } from '@crm/domain';
import { PipelineModule } from '../pipeline.module';

/** A minimal PDF: the files area reads the type from the bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/**
 * A pre-review opinion carries files (issue 21 §1 "text, files"): the owner type pre_review_request
 * has the request's access — the asked unit's staff add them while the request stands, the
 * project's readers read them, a unit not asked gets 404.
 */
describe('files of a pre-review opinion', () => {
  let t: TestApp;
  let taskForce: SignedInAgent;
  let land: SignedInAgent;
  let water: SignedInAgent;
  let requestId: string;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, FilesModule], {
      SIGN_IN_RATE_PER_MINUTE: '1000',
    });
    [taskForce, land, water] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市自然资源局' }),
      signInAs(t, { roles: ['staff'], unit: '市水利局' }),
    ]);
    const units: { id: number; name: string }[] = await t.dataSource.query(
      `SELECT id, name FROM unit WHERE name IN ('市数据局', '市自然资源局')`,
    );
    const unitId = (name: string) => units.find((u) => u.name === name)?.id;
    const project = await taskForce
      .post('/api/projects', {
        name: '预审附件测试项目',
        chain: 'clean-energy',
        investorName: '预审附件测试投资公司',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId('市数据局'),
      })
      .expect(201);
    const evaluation = await taskForce
      .post(`/api/projects/${project.body.id}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({
          dimension,
          rating: 'acceptable',
          note: '符合要求',
        })),
      })
      .expect(201);
    const asked = await taskForce
      .post(`/api/projects/${project.body.id}/evaluations/${evaluation.body.id}/pre-reviews`, {
        unitId: unitId('市自然资源局'),
        topic: '用地预审',
        dueOn: addDays(shanghaiToday(t.clock.now()), 7),
      })
      .expect(201);
    requestId = asked.body.id;
  });
  afterAll(() => t.close());

  const upload = (agent: SignedInAgent) =>
    agent
      .upload('/api/files', 'file', PDF, '用地预审意见函.pdf')
      .field('ownerType', 'pre_review_request')
      .field('ownerId', requestId)
      .field('kind', 'opinion');
  const list = (agent: SignedInAgent) => agent.get(`/api/files?ownerType=pre_review_request&ownerId=${requestId}`);

  it('lets the asked unit attach its opinion letter, the task force read it, and a unit not asked see nothing (404)', async () => {
    const stored = await upload(land).expect(201);
    expect(stored.body).toMatchObject({
      ownerType: 'pre_review_request',
      ownerId: requestId,
      kind: 'opinion',
    });
    expect((await list(taskForce).expect(200)).body.items).toHaveLength(1);
    await list(water).expect(404);
    await upload(water).expect(404);
    // The task force reads the opinion's files but does not write the unit's opinion.
    await upload(taskForce).expect(403);
  });
});
