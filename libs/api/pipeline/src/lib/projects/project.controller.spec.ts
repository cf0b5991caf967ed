import { addDays, shanghaiToday } from '@crm/domain';
import {
  count,
  createLead,
  createPipelineWorld,
  logContact,
  totalsDiscrepancies,
  versionOf,
  type PipelineWorld,
} from '../../test/pipeline-world';

describe('projects /api/projects', () => {
  let w: PipelineWorld;

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  it('classifies a project by sector: the chain’s by default, another when chosen, refused when unknown', async () => {
    const byChain = await createLead(w, { name: '行业默认测试项目' });
    const detail = await w.staff.get(`/api/projects/${byChain.id}`).expect(200);
    expect(detail.body.project.sector).toBe('manufacturing');
    const chosen = await createLead(w, { name: '行业指定测试项目', sector: 'modern-services' });
    expect((await w.staff.get(`/api/projects/${chosen.id}`).expect(200)).body.project.sector).toBe('modern-services');
    const bad = await w.staff
      .post('/api/projects', {
        name: '行业错误测试项目',
        chain: 'clean-energy',
        investorName: '某公司',
        sourceChannel: 'other',
        responsibleUnitId: w.unitId,
        sector: 'mining',
      })
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['sector']);
    const patched = await w.staff
      .patch(`/api/projects/${byChain.id}`, { version: byChain.version, sector: 'agri-pastoral' })
      .expect(200);
    expect(patched.body.sector).toBe('agri-pastoral');
  });

  it('creates a lead with the creator as owner, its first history entry and an audit entry', async () => {
    const [firm] = await w.t.dataSource.query(`SELECT id FROM enterprise WHERE name = '青海盐湖工业股份有限公司'`);
    const [task] = await w.t.dataSource.query(
      `SELECT k.id FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE c.code = 'clean-energy' AND k.seq = 3`,
    );
    const res = await w.staff
      .post('/api/projects', {
        name: '  储能电池回收利用  ',
        chain: 'clean-energy',
        relatedChains: ['salt-lake-chemical'],
        enterpriseId: firm.id,
        sourceChannel: 'platform-expo',
        responsibleUnitId: w.unitId,
        plannedInvestment: 25000.5,
        location: '昆仑经济技术开发区',
        industry: '储能',
        keyTaskId: task.id,
        major: true,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name: '储能电池回收利用',
      chain: 'clean-energy',
      relatedChains: ['salt-lake-chemical'],
      investor: { enterpriseId: firm.id, name: '青海盐湖工业股份有限公司' },
      stage: 'lead',
      status: 'active',
      major: true,
      plannedInvestment: '25000.500000',
      signedAmount: '0.000000',
      owner: { id: w.staff.user.id },
      keyTask: { id: task.id, seq: 3 },
      version: 1,
    });
    const [audit] = await w.t.dataSource.query(`SELECT action, user_id FROM audit_log WHERE entity_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual({ action: 'create', user_id: w.staff.user.id });
    const detail = await w.staff.get(`/api/projects/${res.body.id}`).expect(200);
    expect(detail.body.stageMoves).toHaveLength(1);
    expect(detail.body.nextStage.stage).toBe('negotiation');
    expect(detail.body.nextStage.missing.map((m: { field: string }) => m.field)).toEqual(['activities']);
    expect(detail.body.canEdit).toBe(true);
  });

  it('refuses bad input with a message per field and writes nothing', async () => {
    const before = await count(w.t, 'project');
    const audits = await count(w.t, 'audit_log');
    const base = {
      name: '某项目',
      chain: 'clean-energy',
      investorName: '某投资方',
      sourceChannel: 'other',
      responsibleUnitId: w.unitId,
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, plannedInvestment: '-100' }, 'plannedInvestment', '不能为负数'],
      [{ ...base, plannedInvestment: '0' }, 'plannedInvestment', '大于0'],
      [{ ...base, plannedInvestment: '1.0000001' }, 'plannedInvestment', '6位小数'],
      [{ ...base, plannedInvestment: '1e9' }, 'plannedInvestment', '金额应为数字'],
      [{ ...base, budget: 1 }, 'budget', '不允许的字段'],
      [{ ...base, name: '项'.repeat(201) }, 'name', '200'],
      [{ ...base, name: '   ' }, 'name', '请填写项目名称'],
      [{ ...base, location: '址'.repeat(201) }, 'location', '200'],
      [{ ...base, chain: 'solar' }, 'chain', '产业链代码'],
      [{ ...base, sourceChannel: '朋友介绍' }, 'sourceChannel', '招商渠道'],
      [{ ...base, investorName: undefined }, 'investor', '投资方'],
      [
        { ...base, enterpriseId: '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11', investorName: undefined },
        'enterpriseId',
        '企业库中没有',
      ],
      [{ ...base, responsibleUnitId: 99999 }, 'responsibleUnitId', '责任单位'],
      [{ ...base, ownerId: w.leader.user.id }, 'ownerId', '专班工作人员'],
      [{ ...base, relatedChains: ['clean-energy'] }, 'relatedChains', '不能包含所属产业链'],
      [{ ...base, keyTaskId: 1 }, 'keyTaskId', '重点任务'],
    ];
    // key task 1 belongs to 清洁能源, so pick one of another chain for the last case.
    const [foreign] = await w.t.dataSource.query(
      `SELECT k.id FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE c.code = 'agri-pastoral' LIMIT 1`,
    );
    cases[cases.length - 1][0] = { ...base, keyTaskId: foreign.id };
    for (const [body, field, text] of cases) {
      const res = await w.staff.post('/api/projects', body).expect(400);
      expect([field, (res.body.errors[field] ?? []).join(' ')]).toEqual([field, expect.stringContaining(text)]);
    }
    expect(await count(w.t, 'project')).toBe(before);
    expect(await count(w.t, 'audit_log')).toBe(audits);
  });

  it('answers 409 with the current version to the second of two editors, overwriting nothing', async () => {
    const { id, version } = await createLead(w);
    const first = await w.staff.patch(`/api/projects/${id}`, { location: '察尔汗工业园', version }).expect(200);
    expect(first.body.version).toBe(version + 1);
    const second = await w.staff
      .patch(`/api/projects/${id}`, { location: '昆仑经济技术开发区', major: true, version })
      .expect(409);
    expect(second.body.current).toMatchObject({ id, location: '察尔汗工业园', major: false, version: version + 1 });
    expect(second.body.message).toContain('已被他人修改');
    const stale = await w.staff.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version }).expect(409);
    expect(stale.body.current.version).toBe(version + 1);
    const [row] = await w.t.dataSource.query(`SELECT location, major, version FROM project WHERE id = $1`, [id]);
    expect(row).toEqual({ location: '察尔汗工业园', major: false, version: version + 1 });
    await w.staff.patch(`/api/projects/${id}`, { name: '改名', version: version + 1 }).expect(200);
    // A save that changes nothing keeps the version.
    const same = await w.staff.patch(`/api/projects/${id}`, { name: '改名', version: version + 2 }).expect(200);
    expect(same.body.version).toBe(version + 2);
    await w.staff.patch(`/api/projects/${id}`, { name: '改名' }).expect(400);
  });

  it('lets exactly one of two simultaneous saves of the same version through', async () => {
    const { id, version } = await createLead(w, { name: '并发保存测试' });
    const results = await Promise.all([
      w.staff.patch(`/api/projects/${id}`, { location: '甲地', version }),
      w.staff.patch(`/api/projects/${id}`, { location: '乙地', version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.current.location).toBe(winner?.body.location);
    const [{ location }] = await w.t.dataSource.query(`SELECT location FROM project WHERE id = $1`, [id]);
    expect(location).toBe(winner?.body.location);
  });

  it('keeps the totals right under many simultaneous moves in one chain', async () => {
    const leads = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createLead(w, { name: `并发推进${i}`, plannedInvestment: `${i + 1}.5` })),
    );
    for (const { id } of leads) await logContact(w, id);
    const forward = await Promise.all(
      leads.map(async ({ id }) =>
        w.staff.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version: await versionOf(w, id) }),
      ),
    );
    expect(forward.map((r) => r.status)).toEqual(leads.map(() => 201));
    const mixed = await Promise.all(
      leads.map(async ({ id }, i) =>
        i % 2
          ? w.staff.post(`/api/projects/${id}/stage-moves`, {
              to: 'lead',
              reason: '重新摸底',
              version: await versionOf(w, id),
            })
          : w.staff.patch(`/api/projects/${id}`, { plannedInvestment: '1000', version: await versionOf(w, id) }),
      ),
    );
    expect(mixed.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(await totalsDiscrepancies(w.t)).toEqual([]);
  });

  it('refuses correcting land facts before the land stage, and an unknown or malformed id', async () => {
    const { id, version } = await createLead(w);
    const res = await w.staff.patch(`/api/projects/${id}`, { landParcel: 'A-1', version }).expect(400);
    expect(res.body.errors.landParcel[0]).toContain('尚未进入“项目供地”阶段');
    await w.staff.get('/api/projects/6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11').expect(404);
    await w.staff.get('/api/projects/not-a-uuid').expect(400);
  });

  it('lets staff read and edit their chains, leaders only read theirs, others see nothing', async () => {
    const { id, version } = await createLead(w, { name: '可见性测试项目' });
    await w.leader.get(`/api/projects/${id}`).expect(200);
    const leaderView = await w.leader.get(`/api/projects/${id}`).expect(200);
    expect(leaderView.body.canEdit).toBe(false);
    await w.office.get(`/api/projects/${id}`).expect(200);
    await w.otherStaff.get(`/api/projects/${id}`).expect(404);
    await w.otherStaff.patch(`/api/projects/${id}`, { name: 'x', version }).expect(404);
    await w.leader.patch(`/api/projects/${id}`, { name: 'x', version }).expect(403);
    await w.office.patch(`/api/projects/${id}`, { name: 'x', version }).expect(403);
    await w.leader.post('/api/projects', {}).expect(403);
    // Staff cannot put a project in a chain their unit does not serve.
    await w.otherStaff
      .post('/api/projects', {
        name: 'x',
        chain: 'clean-energy',
        investorName: 'y',
        sourceChannel: 'other',
        responsibleUnitId: w.unitId,
      })
      .expect(403);
    const list = await w.otherStaff.get('/api/projects').query({ q: '可见性' }).expect(200);
    expect(list.body.total).toBe(0);
    // A related chain makes it readable by that chain's people, still editable only by its own.
    await w.staff.patch(`/api/projects/${id}`, { relatedChains: ['culture-tourism'], version }).expect(200);
    await w.otherStaff.get(`/api/projects/${id}`).expect(200);
    await w.otherStaff.patch(`/api/projects/${id}`, { name: 'x', version: version + 1 }).expect(403);
  });

  it('shows the timeline in order: activities, stage moves, status changes, evaluations', async () => {
    const { id } = await createLead(w, { name: '时间线测试项目' });
    await logContact(w, id, '2025-01-03');
    await w.staff
      .post(`/api/projects/${id}/activities`, {
        kind: 'meeting',
        occurredOn: '2025-01-20',
        summary: '项目推进会',
        theirParticipants: ['李总'],
        nextStep: '报送项目建议书',
        nextFollowUpOn: '2025-02-05',
      })
      .expect(201);
    await w.staff
      .post(`/api/projects/${id}/status`, {
        status: 'paused',
        reason: '等待企业董事会决策',
        version: await versionOf(w, id),
      })
      .expect(200);
    const detail = await w.staff.get(`/api/projects/${id}`).expect(200);
    const kinds = detail.body.timeline.map((e: { kind: string; date: string }) => e.kind);
    expect(kinds.slice(-2)).toEqual(['meeting', 'visit'].map(() => 'activity'));
    expect(kinds).toEqual(expect.arrayContaining(['stage-move', 'status-change', 'activity']));
    const dates = detail.body.timeline.map((e: { date: string }) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(detail.body.project).toMatchObject({
      status: 'paused',
      statusReason: '等待企业董事会决策',
      lastActivityOn: '2025-01-20',
      nextFollowUpOn: '2025-02-05',
    });
  });

  it('refuses activities dated in the future or with a follow-up before them', async () => {
    const { id } = await createLead(w);
    const future = await w.staff
      .post(`/api/projects/${id}/activities`, { kind: 'call', occurredOn: addDays(shanghaiToday(), 1), summary: 'x' })
      .expect(400);
    expect(future.body.errors.occurredOn[0]).toContain('不能晚于今天');
    // Years ahead is refused by the date's plausible range already.
    await w.staff.post(`/api/projects/${id}/activities`, { kind: 'call', occurredOn: '2999-01-01', summary: 'x' }).expect(400);
    const back = await w.staff
      .post(`/api/projects/${id}/activities`, {
        kind: 'call',
        occurredOn: '2025-02-01',
        summary: 'x',
        nextFollowUpOn: '2025-01-01',
      })
      .expect(400);
    expect(back.body.errors.nextFollowUpOn[0]).toContain('不能早于');
    const bad = await w.staff
      .post(`/api/projects/${id}/activities`, {
        kind: 'lunch',
        occurredOn: '2025-02-30',
        summary: '',
        ourParticipants: ['x'.repeat(61)],
      })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['kind', 'occurredOn', 'ourParticipants', 'summary']);
  });
});
