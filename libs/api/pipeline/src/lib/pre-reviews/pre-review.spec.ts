import { signInAs, type SignedInAgent } from '@crm/api/testing';
import {
  addDays,
  EVALUATION_DIMENSIONS,
  shanghaiToday,
  type EvaluationView,
  type PreReviewRequestView,
} from '@crm/domain';
import { count, createLead, createPipelineWorld, type PipelineWorld } from '../../test/pipeline-world';

/**
 * 各部门预审 (issue 21 §1): the task force asks units from the evaluation; only the asked unit's
 * staff see and answer; the conclusion waits for every opinion unless the office overrides with a
 * reason; every step audited; bad input refused field by field with nothing written.
 */
describe('部门预审 /api/projects/:id/evaluations/:evaluationId/pre-reviews, /api/pre-reviews', () => {
  let w: PipelineWorld;
  let land: SignedInAgent; // 市自然资源局
  let ecology: SignedInAgent; // 市生态环境局
  let reform: SignedInAgent; // 市发展和改革委员会
  let water: SignedInAgent; // 市水利局: never asked on the first project
  const unit: Record<string, number> = {};
  let today: string;

  beforeAll(async () => {
    w = await createPipelineWorld();
    [land, ecology, reform, water] = await Promise.all([
      signInAs(w.t, { roles: ['staff'], unit: '市自然资源局' }),
      signInAs(w.t, { roles: ['staff'], unit: '市生态环境局' }),
      signInAs(w.t, { roles: ['staff'], unit: '市发展和改革委员会' }),
      signInAs(w.t, { roles: ['staff'], unit: '市水利局' }),
    ]);
    const rows: { id: number; name: string }[] = await w.t.dataSource.query(
      `SELECT id, name FROM unit WHERE name = ANY ($1)`,
      [['市自然资源局', '市生态环境局', '市发展和改革委员会', '市水利局']],
    );
    for (const r of rows) unit[r.name] = r.id;
    today = shanghaiToday(w.t.clock.now());
  });
  afterAll(() => w.close());

  /** A lead of 清洁能源 with an open evaluation whose six dimensions and 淘汰类 check are done. */
  async function readyEvaluation(name: string): Promise<{ projectId: string; evaluation: EvaluationView }> {
    const { id: projectId } = await createLead(w, { name });
    const opened = await w.staff
      .post(`/api/projects/${projectId}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({
          dimension,
          rating: 'acceptable',
          note: '符合要求',
        })),
        eliminatedCategory: false,
      })
      .expect(201);
    return { projectId, evaluation: opened.body };
  }

  const evaluationOf = async (projectId: string): Promise<EvaluationView> =>
    (await w.staff.get(`/api/projects/${projectId}`).expect(200)).body.evaluations.at(-1);

  const auditOf = (entityType: string, entityId: string) =>
    w.t.dataSource.query(
      `SELECT action, user_id, before, after, project_id FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [entityType, entityId],
    );

  it('asks units, refuses the conclusion while an opinion is missing, and accepts it once every opinion arrived', async () => {
    const { projectId, evaluation } = await readyEvaluation('预审测试项目甲');
    const base = `/api/projects/${projectId}/evaluations/${evaluation.id}`;
    const dueOn = addDays(today, 10);

    const asked = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市自然资源局'],
        topic: '  项目用地是否符合国土空间规划 ',
        dueOn,
      })
      .expect(201);
    expect(asked.body).toMatchObject({
      evaluationId: evaluation.id,
      projectId,
      projectName: '预审测试项目甲',
      unit: { id: unit['市自然资源局'], name: '市自然资源局' },
      topic: '项目用地是否符合国土空间规划',
      dueOn,
      status: 'pending',
      requestedBy: { id: w.staff.user.id },
      answer: null,
    });
    const eco = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市生态环境局'],
        topic: '环境影响与生态红线',
        dueOn,
      })
      .expect(201);
    // The same unit on the same topic twice is a mistake.
    const twice = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市自然资源局'],
        topic: '项目用地是否符合国土空间规划',
        dueOn,
      })
      .expect(409);
    expect(twice.body.message).toContain('请勿重复发送');

    // Each unit's queue holds its own requests only; the task force's unit has none.
    const landQueue = await land.get('/api/pre-reviews').expect(200);
    expect(landQueue.body.map((r: PreReviewRequestView) => r.id)).toEqual([asked.body.id]);
    expect((await ecology.get('/api/pre-reviews').expect(200)).body.map((r: PreReviewRequestView) => r.id)).toEqual([
      eco.body.id,
    ]);
    expect((await w.staff.get('/api/pre-reviews').expect(200)).body).toEqual([]);
    await land.get(`/api/pre-reviews/${asked.body.id}`).expect(200);

    // A unit not asked: the request does not exist for it (404), nor for the task force itself.
    await water.get(`/api/pre-reviews/${asked.body.id}`).expect(404);
    const stranger = await water.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'agree' }).expect(404);
    expect(stranger.body.message).toContain('没有找到该预审征求意见');
    await w.staff.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'agree' }).expect(404);
    await ecology.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'agree' }).expect(404);

    // Concluding now: refused, naming both units.
    const early = await w.staff
      .post(`${base}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: evaluation.version,
      })
      .expect(422);
    expect(early.body.missing.map((m: { field: string }) => m.field)).toEqual(['preReviews']);
    expect(early.body.message).toContain('市自然资源局、市生态环境局');
    expect((await evaluationOf(projectId)).conclusion).toBeNull();

    // 附条件同意 with its conditions; a second answer is refused.
    const answered = await land
      .post(`/api/pre-reviews/${asked.body.id}/answer`, {
        answer: 'conditional',
        text: '须先完成用地预审和选址意见书',
      })
      .expect(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      answer: 'conditional',
      answerText: '须先完成用地预审和选址意见书',
      answeredBy: { id: land.user.id },
    });
    const again = await land.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'agree' }).expect(409);
    expect(again.body.message).toContain('不能重复回复');
    expect(again.body.current.answer).toBe('conditional');
    // Answered: the task force can no longer withdraw it.
    await w.staff.post(`${base}/pre-reviews/${asked.body.id}/withdrawal`).expect(409);

    const stillWaiting = await w.staff
      .post(`${base}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: evaluation.version,
      })
      .expect(422);
    expect(stillWaiting.body.message).toContain('市生态环境局');
    expect(stillWaiting.body.message).not.toContain('市自然资源局');

    await ecology.post(`/api/pre-reviews/${eco.body.id}/answer`, { answer: 'agree' }).expect(200);
    const concluded = await w.staff
      .post(`${base}/conclusion`, {
        conclusion: 'conditional',
        conditions: '落实用地预审',
        concludedOn: today,
        version: evaluation.version,
      })
      .expect(200);
    expect(concluded.body.conclusion).toBe('conditional');
    expect(concluded.body.preReviewOverride).toBeNull();
    // The conclusion shows every opinion: unit, answer, text, who, when.
    expect(concluded.body.preReviews).toEqual([
      expect.objectContaining({
        unit: { id: unit['市自然资源局'], name: '市自然资源局' },
        answer: 'conditional',
        answerText: '须先完成用地预审和选址意见书',
        answeredBy: expect.objectContaining({ id: land.user.id }),
        answeredAt: expect.any(String),
      }),
      expect.objectContaining({
        unit: { id: unit['市生态环境局'], name: '市生态环境局' },
        answer: 'agree',
        answerText: null,
        answeredBy: expect.objectContaining({ id: ecology.user.id }),
      }),
    ]);
    // Nothing more is asked of a concluded evaluation; its queue entries are gone.
    await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市水利局'],
        topic: '取水',
        dueOn,
      })
      .expect(422);
    expect((await land.get('/api/pre-reviews').expect(200)).body).toEqual([]);
    expect((await land.get('/api/pre-reviews?filter=all').expect(200)).body).toHaveLength(1);

    // The asked unit's staff were told of the request, the asker of the answer.
    const notices = (userId: string) =>
      w.t.dataSource.query(`SELECT kind, link FROM notification WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
    expect(await notices(land.user.id)).toEqual([{ kind: 'pre-review-requested', link: '/pre-reviews' }]);
    expect(await notices(water.user.id)).toEqual([]);
    expect(await notices(w.staff.user.id)).toEqual(
      expect.arrayContaining([{ kind: 'pre-review-answered', link: `/projects/${projectId}` }]),
    );

    // Audited: who asked, who answered, what.
    const askAudit = await auditOf('pre_review_request', asked.body.id);
    expect(askAudit).toEqual([
      expect.objectContaining({
        action: 'create',
        user_id: w.staff.user.id,
        project_id: projectId,
        after: {
          evaluationId: evaluation.id,
          unitId: unit['市自然资源局'],
          topic: '项目用地是否符合国土空间规划',
          dueOn,
          notified: [land.user.id],
        },
      }),
      expect.objectContaining({
        action: 'update',
        user_id: land.user.id,
        project_id: projectId,
        before: { status: 'pending' },
        after: {
          status: 'answered',
          answer: 'conditional',
          answerText: '须先完成用地预审和选址意见书',
        },
      }),
    ]);
  });

  it('lets the office override missing opinions with a reason (audited), after which the conclusion is accepted', async () => {
    const { projectId, evaluation } = await readyEvaluation('预审测试项目乙');
    const base = `/api/projects/${projectId}/evaluations/${evaluation.id}`;
    const dueOn = addDays(today, 5);
    const asked = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市发展和改革委员会'],
        topic: '产业政策符合性',
        dueOn,
      })
      .expect(201);
    // Asked by mistake, withdrawn: it no longer holds the conclusion, and cannot be answered.
    const mistaken = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市水利局'],
        topic: '取水许可',
        dueOn,
      })
      .expect(201);
    const withdrawn = await w.staff.post(`${base}/pre-reviews/${mistaken.body.id}/withdrawal`).expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawnBy: { id: w.staff.user.id },
    });
    const late = await water.post(`/api/pre-reviews/${mistaken.body.id}/answer`, { answer: 'agree' }).expect(409);
    expect(late.body.message).toContain('已被专班撤回');

    const refusedFirst = await w.staff
      .post(`${base}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: evaluation.version,
      })
      .expect(422);
    expect(refusedFirst.body.message).toContain('市发展和改革委员会');
    expect(refusedFirst.body.message).not.toContain('市水利局');

    // Only the office overrides, and only with a reason.
    await w.staff
      .post(`${base}/pre-review-override`, {
        reason: '急需签约',
        version: evaluation.version,
      })
      .expect(403);
    const noReason = await w.office
      .post(`${base}/pre-review-override`, {
        reason: '  ',
        version: evaluation.version,
      })
      .expect(400);
    expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
    expect(noReason.body.errors.reason[0]).toContain('理由');
    expect((await evaluationOf(projectId)).preReviewOverride).toBeNull();

    const reason = '市发改委逾期未复，经领导小组同意先行评估，意见到后补入';
    const overridden = await w.office
      .post(`${base}/pre-review-override`, {
        reason,
        version: evaluation.version,
      })
      .expect(200);
    expect(overridden.body.preReviewOverride).toMatchObject({
      reason,
      by: { id: w.office.user.id },
      missingUnits: [{ id: unit['市发展和改革委员会'], name: '市发展和改革委员会' }],
    });
    expect(overridden.body.version).toBe(evaluation.version + 1);
    await w.office
      .post(`${base}/pre-review-override`, {
        reason,
        version: overridden.body.version,
      })
      .expect(409);

    const concluded = await w.staff
      .post(`${base}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: overridden.body.version,
      })
      .expect(200);
    expect(concluded.body.conclusion).toBe('pass');
    expect(concluded.body.preReviews.map((r: PreReviewRequestView) => r.status)).toEqual(['pending', 'withdrawn']);
    // The opinion arriving after the conclusion is refused, in words.
    const after = await reform.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'agree' }).expect(409);
    expect(after.body.message).toContain('已有结论');

    expect(await auditOf('evaluation', evaluation.id)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        user_id: w.office.user.id,
        project_id: projectId,
        before: { preReviewOverrideReason: null },
        after: {
          preReviewOverrideReason: reason,
          missingUnitIds: [unit['市发展和改革委员会']],
        },
      }),
    );
    expect(await auditOf('pre_review_request', mistaken.body.id)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        user_id: w.staff.user.id,
        after: { status: 'withdrawn' },
      }),
    );
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { projectId, evaluation } = await readyEvaluation('预审测试项目丙');
    const base = `/api/projects/${projectId}/evaluations/${evaluation.id}`;
    const requests = await count(w.t, 'pre_review_request');
    const projectAudit = async (): Promise<number> =>
      (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE project_id = $1`, [projectId]))[0].n;
    const audits = await projectAudit();

    const unknown = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: 987654,
        topic: '用地',
        dueOn: addDays(today, 3),
      })
      .expect(400);
    expect(Object.keys(unknown.body.errors)).toEqual(['unitId']);
    expect(unknown.body.errors.unitId[0]).toContain('没有编号为 987654 的单位');
    const past = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市自然资源局'],
        topic: '用地',
        dueOn: addDays(today, -1),
      })
      .expect(400);
    expect(Object.keys(past.body.errors)).toEqual(['dueOn']);
    expect(past.body.errors.dueOn[0]).toContain('不能早于今天');
    const shapeless = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: 'x',
        topic: '',
        dueOn: '2026-02-30',
        extra: 1,
      })
      .expect(400);
    expect(Object.keys(shapeless.body.errors).sort()).toEqual(['dueOn', 'extra', 'topic', 'unitId']);
    // Roles and chains: a leader may not ask (403); another chain's staff do not see the project (404).
    await w.leader
      .post(`${base}/pre-reviews`, {
        unitId: unit['市自然资源局'],
        topic: '用地',
        dueOn: today,
      })
      .expect(403);
    await w.otherStaff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市自然资源局'],
        topic: '用地',
        dueOn: today,
      })
      .expect(404);
    expect(await count(w.t, 'pre_review_request')).toBe(requests);

    const asked = await w.staff
      .post(`${base}/pre-reviews`, {
        unitId: unit['市生态环境局'],
        topic: '环评',
        dueOn: today,
      })
      .expect(201);
    const afterAsk = await projectAudit();
    expect(afterAsk).toBe(audits + 1);
    const noText = await ecology
      .post(`/api/pre-reviews/${asked.body.id}/answer`, {
        answer: 'disagree',
        text: ' ',
      })
      .expect(400);
    expect(Object.keys(noText.body.errors)).toEqual(['text']);
    expect(noText.body.errors.text[0]).toContain('不同意时，请写明理由');
    const noConditions = await ecology
      .post(`/api/pre-reviews/${asked.body.id}/answer`, {
        answer: 'conditional',
      })
      .expect(400);
    expect(noConditions.body.errors.text[0]).toContain('请写明条件');
    const badAnswer = await ecology.post(`/api/pre-reviews/${asked.body.id}/answer`, { answer: 'maybe' }).expect(400);
    expect(Object.keys(badAnswer.body.errors)).toEqual(['answer']);
    const [row] = await w.t.dataSource.query(`SELECT answer, version FROM pre_review_request WHERE id = $1`, [
      asked.body.id,
    ]);
    expect(row).toEqual({ answer: null, version: 1 });
    expect(await projectAudit()).toBe(afterAsk);
    // 不同意 with its reasons is taken.
    await ecology
      .post(`/api/pre-reviews/${asked.body.id}/answer`, {
        answer: 'disagree',
        text: '项目选址位于生态保护红线内',
      })
      .expect(200);
  });

  it('captures the third-party findings (可行性, 产出效益, 平衡周期) and asks for them before concluding', async () => {
    const { projectId, evaluation } = await readyEvaluation('预审测试项目丁');
    const path = `/api/projects/${projectId}/evaluations/${evaluation.id}`;
    const bad = await w.staff
      .patch(path, {
        version: evaluation.version,
        balancePeriodYears: '0',
        feasibility: 5,
      })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['balancePeriodYears', 'feasibility']);
    expect(bad.body.errors.balancePeriodYears[0]).toContain('平衡周期');

    const third = await w.staff
      .patch(path, {
        version: evaluation.version,
        thirdParty: true,
        institution: '青海某工程咨询有限公司',
      })
      .expect(200);
    const missing = await w.staff
      .post(`${path}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: third.body.version,
      })
      .expect(422);
    expect(missing.body.missing.map((m: { field: string }) => m.field)).toEqual([
      'feasibility',
      'outputBenefit',
      'balancePeriodYears',
    ]);
    const found = await w.staff
      .patch(path, {
        version: third.body.version,
        feasibility: '技术路线成熟，资源条件具备，可行',
        outputBenefit: '达产后年产值约8亿元，税收约6000万元',
        balancePeriodYears: '6.5',
      })
      .expect(200);
    expect(found.body).toMatchObject({
      feasibility: '技术路线成熟，资源条件具备，可行',
      outputBenefit: '达产后年产值约8亿元，税收约6000万元',
      balancePeriodYears: '6.5',
    });
    const [audit] = (await auditOf('evaluation', evaluation.id)).slice(-1);
    expect(audit.after).toMatchObject({
      balancePeriodYears: '6.5',
      feasibility: '技术路线成熟，资源条件具备，可行',
    });
    await w.staff
      .post(`${path}/conclusion`, {
        conclusion: 'pass',
        concludedOn: today,
        version: found.body.version,
      })
      .expect(200);
  });
});
