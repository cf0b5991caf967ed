import { addDays, shanghaiToday } from '@crm/domain';
import {
  advance,
  count,
  createLead,
  createPipelineWorld,
  evaluate,
  FACTS,
  logContact,
  versionOf,
  type PipelineWorld,
} from '../../test/pipeline-world';

describe('stage gates through POST /api/projects/:id/stage-moves', () => {
  let w: PipelineWorld;
  const move = (id: string, body: Record<string, unknown>) => w.staff.post(`/api/projects/${id}/stage-moves`, body);
  const stageOf = async (id: string) =>
    (await w.t.dataSource.query(`SELECT stage FROM project WHERE id = $1`, [id]))[0].stage;
  const fields = (body: { missing: { field: string }[] }) => body.missing.map((m) => m.field);

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  it('refuses 对接洽谈 without a contact and an estimated investment, naming both, and writes nothing', async () => {
    const { id, version } = await createLead(w);
    const moves = await count(w.t, 'project_stage_move');
    const res = await move(id, { to: 'negotiation', version }).expect(422);
    expect(fields(res.body)).toEqual(['activities', 'plannedInvestment']);
    expect(res.body.message).toContain('不能进入“对接洽谈”阶段');
    expect(res.body.message).toContain('请至少登记一次对接');
    expect(res.body.message).toContain('Enter the planned investment');
    expect(res.body.errors.plannedInvestment[0]).toContain('计划总投资');
    expect(await stageOf(id)).toBe('lead');
    expect(await count(w.t, 'project_stage_move')).toBe(moves);

    // A promotion event is not a contact with this investor.
    await w.staff
      .post(`/api/projects/${id}/activities`, {
        kind: 'promotion-event',
        occurredOn: '2025-01-05',
        summary: '青洽会推介',
      })
      .expect(201);
    await w.staff.patch(`/api/projects/${id}`, { plannedInvestment: '150000', version }).expect(200);
    const still = await move(id, { to: 'negotiation', version: await versionOf(w, id) }).expect(422);
    expect(fields(still.body)).toEqual(['activities']);

    await logContact(w, id);
    const moved = await move(id, { to: 'negotiation', version: await versionOf(w, id) }).expect(201);
    expect(moved.body).toMatchObject({ stage: 'negotiation', status: 'active' });
  });

  it('refuses 项目评估 until an evaluation is opened', async () => {
    const { id } = await createLead(w);
    await advance(w, id, 'negotiation');
    const res = await move(id, { to: 'evaluation', version: await versionOf(w, id) }).expect(422);
    expect(fields(res.body)).toEqual(['evaluation']);
    expect(res.body.message).toContain('请先发起项目评估');
    await w.staff.post(`/api/projects/${id}/evaluations`, {}).expect(201);
    await move(id, { to: 'evaluation', version: await versionOf(w, id) }).expect(201);
  });

  it('signs only with a passed evaluation, the amount, the date and the agreement reference', async () => {
    const { id } = await createLead(w);
    await advance(w, id, 'negotiation');
    await w.staff.post(`/api/projects/${id}/evaluations`, {}).expect(201);
    await move(id, { to: 'evaluation', version: await versionOf(w, id) }).expect(201);

    const bare = await move(id, { to: 'signed', version: await versionOf(w, id) }).expect(422);
    expect(fields(bare.body)).toEqual(['evaluation', 'signedAmount', 'signedOn', 'agreementRef']);
    expect(bare.body.missing[0].zh).toContain('通过');
    expect(await count(w.t, 'project_agreement')).toBe(0);

    // The open evaluation is not a passed one, even with every fact given.
    const open = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(422);
    expect(fields(open.body)).toEqual(['evaluation']);

    const [evaluation] = await w.t.dataSource.query(
      `SELECT id, version FROM project_evaluation WHERE project_id = $1`,
      [id],
    );
    await w.staff
      .patch(`/api/projects/${id}/evaluations/${evaluation.id}`, {
        version: evaluation.version,
        eliminatedCategory: false,
        dimensions: ['ecology', 'safety', 'energy', 'technology', 'investment-intensity', 'benefit'].map(
          (dimension) => ({ dimension, rating: 'favourable', note: '良好' }),
        ),
      })
      .expect(200);
    await w.staff
      .post(`/api/projects/${id}/evaluations/${evaluation.id}/conclusion`, {
        conclusion: 'fail',
        concludedOn: '2025-02-01',
        version: evaluation.version + 1,
      })
      .expect(200);
    const failed = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(422);
    expect(fields(failed.body)).toEqual(['evaluation']);

    await evaluate(w, id, 'conditional');
    const signed = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(201);
    expect(signed.body).toMatchObject({
      stage: 'signed',
      signedAmount: '120000.000000',
      signedOn: '2025-03-01',
      agreementRef: 'GEM-QN-2025-001',
    });
  });

  it('never signs a 淘汰类 project, whatever comes after', async () => {
    const { id } = await createLead(w, { name: '某淘汰类工艺项目' });
    await advance(w, id, 'negotiation');
    await evaluate(w, id, 'fail', true);
    await move(id, { to: 'evaluation', version: await versionOf(w, id) }).expect(201);
    const refused = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(422);
    expect(fields(refused.body)).toContain('eliminatedCategory');
    expect(refused.body.message).toContain('淘汰类');

    // A later evaluation cannot pass it: the conclusion itself is refused for a 淘汰类 finding...
    const opened = await w.staff
      .post(`/api/projects/${id}/evaluations`, {
        eliminatedCategory: true,
        dimensions: ['ecology', 'safety', 'energy', 'technology', 'investment-intensity', 'benefit'].map(
          (dimension) => ({ dimension, rating: 'acceptable', note: '复评' }),
        ),
      })
      .expect(201);
    const pass = await w.staff
      .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
        conclusion: 'pass',
        concludedOn: '2025-02-10',
        version: opened.body.version,
      })
      .expect(422);
    expect(pass.body.missing.map((m: { field: string }) => m.field)).toEqual(['conclusion']);
    // ...and one that says "not eliminated" does not lift it: the finding sticks to the project.
    await w.staff
      .patch(`/api/projects/${id}/evaluations/${opened.body.id}`, {
        eliminatedCategory: false,
        version: opened.body.version,
      })
      .expect(200);
    await w.staff
      .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
        conclusion: 'pass',
        concludedOn: '2025-02-10',
        version: opened.body.version + 1,
      })
      .expect(200);
    const again = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(422);
    expect(fields(again.body)).toEqual(['eliminatedCategory']);
    expect(
      await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project_agreement WHERE project_id = $1`, [id]),
    ).toEqual([{ n: 0 }]);
  });

  it('asks for land, construction and completion facts, and refuses completion before the start', async () => {
    const { id } = await createLead(w);
    await advance(w, id, 'signed');
    const land = await move(id, { to: 'land', version: await versionOf(w, id), landParcel: 'A-3' }).expect(422);
    expect(fields(land.body)).toEqual(['landAreaMu', 'landApprovalRef', 'landApprovedOn']);
    await move(id, { to: 'land', version: await versionOf(w, id), ...FACTS.land }).expect(201);
    const start = await move(id, { to: 'construction', version: await versionOf(w, id) }).expect(422);
    expect(fields(start.body)).toEqual(['constructionStartedOn', 'constructionPermitRef']);
    await move(id, { to: 'construction', version: await versionOf(w, id), ...FACTS.construction }).expect(201);
    const done = await move(id, { to: 'production', version: await versionOf(w, id) }).expect(422);
    expect(fields(done.body)).toEqual(['completedOn']);
    const early = await move(id, {
      to: 'production',
      version: await versionOf(w, id),
      completedOn: '2025-04-30',
    }).expect(400);
    expect(early.body.errors.completedOn[0]).toContain('不能早于开工日期');
    const future = await move(id, {
      to: 'production',
      version: await versionOf(w, id),
      completedOn: addDays(shanghaiToday(), 1),
    }).expect(400);
    expect(future.body.errors.completedOn[0]).toContain('不能晚于今天');
    await move(id, { to: 'production', version: await versionOf(w, id), ...FACTS.production }).expect(201);
    expect(await stageOf(id)).toBe('production');
  });

  it('skips stages only when every gate on the way is open', async () => {
    const { id } = await createLead(w);
    await logContact(w, id);
    await w.staff
      .patch(`/api/projects/${id}`, { plannedInvestment: '80000', version: await versionOf(w, id) })
      .expect(200);
    await evaluate(w, id);
    const skipped = await move(id, { to: 'land', version: await versionOf(w, id), ...FACTS.land }).expect(422);
    expect(fields(skipped.body)).toEqual(['signedAmount', 'signedOn', 'agreementRef']);
    await move(id, { to: 'land', version: await versionOf(w, id), ...FACTS.signed, ...FACTS.land }).expect(201);
    expect(await stageOf(id)).toBe('land');
  });

  it('moves back only with a reason, and records every move as history', async () => {
    const { id } = await createLead(w);
    await advance(w, id, 'signed');
    const noReason = await move(id, { to: 'negotiation', version: await versionOf(w, id) }).expect(422);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect(noReason.body.message).toContain('须说明原因');
    await move(id, {
      to: 'negotiation',
      version: await versionOf(w, id),
      reason: '投资方调整投资规模，需重新洽谈',
    }).expect(201);

    // Facts belong to the move into their stage; the signing already recorded is not recorded twice.
    const misplaced = await move(id, { to: 'evaluation', version: await versionOf(w, id), landParcel: 'A-3' }).expect(
      400,
    );
    expect(misplaced.body.errors.landParcel[0]).toContain('只在推进到“项目供地”阶段时填写');
    await move(id, { to: 'evaluation', version: await versionOf(w, id) }).expect(201);
    const twice = await move(id, { to: 'signed', version: await versionOf(w, id), ...FACTS.signed }).expect(400);
    expect(twice.body.errors.agreementRef[0]).toContain('补充协议');
    await move(id, { to: 'signed', version: await versionOf(w, id) }).expect(201);

    const detail = await w.staff.get(`/api/projects/${id}`).expect(200);
    const history = detail.body.stageMoves.map(
      (m: { from: string | null; to: string; direction: string | null; reason: string | null }) => [
        m.from,
        m.to,
        m.direction,
        m.reason,
      ],
    );
    expect(history).toEqual([
      [null, 'lead', null, null],
      ['lead', 'negotiation', 'forward', null],
      ['negotiation', 'evaluation', 'forward', null],
      ['evaluation', 'signed', 'forward', null],
      ['signed', 'negotiation', 'backward', '投资方调整投资规模，需重新洽谈'],
      ['negotiation', 'evaluation', 'forward', null],
      ['evaluation', 'signed', 'forward', null],
    ]);
    expect(detail.body.stageMoves.every((m: { movedBy: { id: string } }) => m.movedBy.id === w.staff.user.id)).toBe(
      true,
    );
    expect(detail.body.stageSpans.map((s: { stage: string }) => s.stage)).toEqual([
      'lead',
      'negotiation',
      'evaluation',
      'signed',
      'negotiation',
      'evaluation',
      'signed',
    ]);
    expect(detail.body.stageSpans.at(-1).leftAt).toBeNull();
    const [{ n }] = await w.t.dataSource.query(
      `SELECT count(*)::integer AS n FROM audit_log WHERE project_id = $1 AND action = 'stage-move'`,
      [id],
    );
    expect(n).toBe(6);
  });

  it('moves only an active project, and a paused one after it is resumed', async () => {
    const { id } = await createLead(w);
    await logContact(w, id);
    await w.staff.patch(`/api/projects/${id}`, { plannedInvestment: '1', version: await versionOf(w, id) }).expect(200);
    await w.staff
      .post(`/api/projects/${id}/status`, {
        status: 'paused',
        reason: '投资方暂缓决策',
        version: await versionOf(w, id),
      })
      .expect(200);
    const paused = await move(id, { to: 'negotiation', version: await versionOf(w, id) }).expect(422);
    expect(fields(paused.body)).toEqual(['status']);
    const noReason = await w.staff
      .post(`/api/projects/${id}/status`, { status: 'dropped', version: await versionOf(w, id) })
      .expect(422);
    expect(noReason.body.errors.reason[0]).toContain('原因');
    await w.staff.post(`/api/projects/${id}/status`, { status: 'active', version: await versionOf(w, id) }).expect(200);
    await move(id, { to: 'negotiation', version: await versionOf(w, id) }).expect(201);
  });

  it('lets only staff of the chain move it: others 403, strangers 404', async () => {
    const { id, version } = await createLead(w);
    await w.leader.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version }).expect(403);
    await w.office.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version }).expect(403);
    await w.otherStaff.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version }).expect(404);
  });
});
