import { ReferenceModule } from '@crm/api/reference';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type AnnualPlanView, type PlanChainTarget, type PlanChainTargetInput } from '@crm/domain';
import { PlanModule } from './plan.module';

/**
 * The year's plan through the API: draft next year's from this year's, edit, compare, publish;
 * bad input refused with the field named and nothing written; a published plan changed only with
 * a reason, audited with before and after; roles over dates; a unit renamed.
 */
describe('annual plan', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let staff: SignedInAgent;
  let leader: SignedInAgent;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  // The fixture's years: the seeded plan's, and the one drafted from it.
  let base: number;
  let next: number;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule, PlanModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    const [{ year }] = await t.dataSource.query(`SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`);
    base = year;
    next = base + 1;
  });
  afterAll(() => t.close());

  const plan = async (year: number): Promise<AnnualPlanView> => (await office.get(`/api/plans/${year}`).expect(200)).body;
  const auditCount = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);
  const rowCounts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM chain_target)::int AS targets, (SELECT count(*) FROM key_task)::int AS tasks,
                (SELECT count(*) FROM key_task_milestone)::int AS milestones, (SELECT count(*) FROM annual_plan)::int AS plans,
                (SELECT sum(version) FROM annual_plan)::int AS versions`,
      )
    )[0];

  it('reads the seeded plan: published, every chain with its targets', async () => {
    const seeded = await plan(base);
    expect(seeded.status).toBe('published');
    expect(seeded.targets).toHaveLength(7);
    expect(seeded.problems).toEqual([]);
    const list = (await leader.get('/api/plans').expect(200)).body;
    expect(list.map((p: { year: number }) => p.year)).toContain(base);
    await staff.get(`/api/plans/${base}`).expect(200);
    await office.get('/api/plans/1999').expect(400);
    const missing = await office.get(`/api/plans/${base + 40}`).expect(404);
    expect(missing.body.message).toContain('尚未录入');
  });

  it('drafts next year from this year: targets, sector growth and key tasks copied, a draft', async () => {
    await staff.post(`/api/plans/${next}/draft`, { fromYear: base }).expect(403);
    const drafted = (await office.post(`/api/plans/${next}/draft`, { fromYear: base }).expect(201)).body as AnnualPlanView;
    const source = await plan(base);
    expect(drafted.status).toBe('draft');
    expect(drafted.draftedFrom).toBe(base);
    expect(drafted.targets).toEqual(source.targets);
    expect(drafted.sectorGrowth).toEqual(source.sectorGrowth);
    expect(drafted.keyTasks.map((k) => [k.chainCode, k.seq, k.text, k.units])).toEqual(
      source.keyTasks.map((k) => [k.chainCode, k.seq, k.text, k.units]),
    );
    expect(drafted.keyTasks.every((k) => k.goals.every((g) => Number(g.achieved) === 0))).toBe(true);
    const again = await office.post(`/api/plans/${next}/draft`, { fromYear: base }).expect(409);
    expect(again.body.message).toContain('已存在');
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'annual_plan' AND entity_id = $1`, [
      String(next),
    ]);
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('edits a draft without a reason; refuses bad input naming the field and writes nothing', async () => {
    const before = await plan(next);
    const target = before.targets.find((x) => x.chainCode === 'metallurgy');
    if (!target) throw new Error('metallurgy target missing');
    const changed = { ...target, signedAmount: '180000' };
    const body = targetInput(changed);
    const saved = (await office.put(`/api/plans/${next}/targets/metallurgy`, body).expect(200)).body as AnnualPlanView;
    expect(saved.targets.find((x) => x.chainCode === 'metallurgy')?.signedAmount).toBe('180000.000000');
    expect(saved.version).toBe(before.version + 1);

    const counts = await rowCounts();
    const audits = await auditCount();
    const negative = await office.put(`/api/plans/${next}/targets/metallurgy`, { ...body, signedAmount: '-5' }).expect(400);
    expect(Object.keys(negative.body.errors)).toEqual(['signedAmount']);
    const unpaired = await office
      .put(`/api/plans/${next}/targets/metallurgy`, { ...body, bigProjectThreshold: '50000', bigProjectMinCount: 0 })
      .expect(400);
    expect(Object.keys(unpaired.body.errors)).toEqual(['bigProjectMinCount']);
    const unknownField = await office.put(`/api/plans/${next}/targets/metallurgy`, { ...body, hack: 1 }).expect(400);
    expect(unknownField.body.message).toBeDefined();
    await office.put(`/api/plans/${next}/targets/no-such-chain`, body).expect(404);
    const stale = await office
      .put(`/api/plans/${next}`, { version: before.version, citySignedAmount: '1', citySignedAtLeast: true, cityFundsInPlace: null, cityFundsAtLeast: false })
      .expect(409);
    expect(stale.body.current.version).toBe(saved.version);
    expect(await rowCounts()).toEqual(counts);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a milestone whose target stage is behind its project; staff of the task’s units record a goal', async () => {
    const [unit] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    const [project] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, created_by)
       SELECT '测试里程碑项目', c.id, '某公司', 'other', $1, u.id, 'negotiation', u.id
       FROM chain c, app_user u WHERE c.code = 'clean-energy' AND u.username = $2 RETURNING id`,
      [unit.id, staff.user.username],
    );
    const task = { chainCode: 'clean-energy', text: '新增重点任务', unitIds: [unit.id], goals: [] };
    const counts = await rowCounts();
    const behind = await office
      .post(`/api/plans/${next}/key-tasks`, { ...task, milestones: [{ projectName: '测试里程碑项目', projectId: project.id, targetStage: 'lead' }] })
      .expect(422);
    expect(Object.keys(behind.body.errors)).toEqual(['milestones.0.targetStage']);
    expect(await rowCounts()).toEqual(counts);

    const added = (
      await office
        .post(`/api/plans/${next}/key-tasks`, {
          ...task,
          milestones: [{ projectName: '测试里程碑项目', projectId: project.id, targetStage: 'signed', wording: '力争落地' }],
          goals: [{ label: '标准机架', measureUnit: '个', target: '4000' }],
        })
        .expect(201)
    ).body as AnnualPlanView;
    const created = added.keyTasks.find((k) => k.text === '新增重点任务');
    expect(created?.milestones).toEqual([
      expect.objectContaining({ projectName: '测试里程碑项目', projectId: project.id, targetStage: 'signed', wording: '力争落地' }),
    ]);
    expect(created?.goals).toEqual([expect.objectContaining({ label: '标准机架', measureUnit: '个', target: '4000.0000', achieved: '0.0000' })]);

    // Staff of one of the task's units record the goal's progress; staff of another unit cannot.
    const goal = created?.goals[0];
    const other = await signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' });
    await other.put(`/api/plans/${next}/key-tasks/${created?.id}/goals/${goal?.id}`, { achieved: '1200', achievedOn: `${next}-06-30` }).expect(404);
    await staff
      .put(`/api/plans/${next}/key-tasks/${created?.id}/goals/${goal?.id}`, { achieved: '1200', achievedOn: `${next + 1}-01-05` })
      .expect(400);
    const progress = await staff
      .put(`/api/plans/${next}/key-tasks/${created?.id}/goals/${goal?.id}`, { achieved: '1200', achievedOn: `${next}-06-30` })
      .expect(200);
    expect(progress.body).toEqual(expect.objectContaining({ achieved: '1200.0000', achievedOn: `${next}-06-30` }));
  });

  it('lists the differences from last year', async () => {
    const diff = (await leader.get(`/api/plans/${next}/diff`).expect(200)).body;
    expect(diff).toContainEqual({ area: 'target', subject: 'metallurgy', field: 'signedAmount', before: '150000+', after: '180000+' });
    expect(diff.some((d: { area: string; after: string }) => d.area === 'key-task' && d.after === '新增重点任务')).toBe(true);
  });

  it('refuses to publish an incomplete plan, naming what is missing', async () => {
    const blankYear = next + 1;
    const blank = (await office.post(`/api/plans/${blankYear}/draft`, {}).expect(201)).body as AnnualPlanView;
    expect(blank.targets).toEqual([]);
    const refused = await office.post(`/api/plans/${blankYear}/publish`, { version: blank.version }).expect(422);
    expect(Object.keys(refused.body.errors)).toEqual(
      expect.arrayContaining(['targets.clean-energy', 'targets.agri-pastoral', 'citySignedAmount', 'sectorGrowth.manufacturing']),
    );
    expect(refused.body.message).toContain('清洁能源产业链尚未填写工作目标');
    expect((await plan(blankYear)).status).toBe('draft');
  });

  it('publishes, then changes a published plan only with a reason, audited before and after', async () => {
    const draft = await plan(next);
    await staff.post(`/api/plans/${next}/publish`, { version: draft.version }).expect(403);
    const published = (await office.post(`/api/plans/${next}/publish`, { version: draft.version }).expect(200)).body as AnnualPlanView;
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBe('2026-11-20T02:00:00.000Z');
    expect(published.publishedBy).toBeTruthy();
    expect((await plan(base)).status).toBe('published');

    const target = published.targets.find((x) => x.chainCode === 'culture-tourism');
    if (!target) throw new Error('culture-tourism target missing');
    const body = targetInput(target);
    const audits = await auditCount();
    const noReason = await office.put(`/api/plans/${next}/targets/culture-tourism`, { ...body, fundsInPlace: '30000' }).expect(422);
    expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
    expect(await auditCount()).toBe(audits);
    expect((await plan(next)).targets.find((x) => x.chainCode === 'culture-tourism')?.fundsInPlace).toBe(target.fundsInPlace);

    await office
      .put(`/api/plans/${next}/targets/culture-tourism`, { ...body, fundsInPlace: '30000', reason: '市委常委会调整目标' })
      .expect(200);
    const [entry] = await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'chain_target' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [`${next}/culture-tourism`],
    );
    expect(entry.before.value.fundsInPlace).toBe(target.fundsInPlace);
    expect(entry.after.value.fundsInPlace).toBe('30000');
    expect(entry.after.reason).toBe('市委常委会调整目标');
    expect(entry.after.planStatus).toBe('published');
  });

  it('keeps roles over dates: one liaison at a time, the successor from a date', async () => {
    const roles = (await leader.get('/api/plans/roles?chain=metallurgy').expect(200)).body;
    const liaison = roles.find((r: { role: string }) => r.role === 'liaison');
    expect(liaison).toEqual(expect.objectContaining({ kind: 'leader', name: '徐进', validFrom: null, validTo: null }));
    const [successor] = await t.dataSource.query(`INSERT INTO person (name, position) VALUES ('测试继任', '副市长') RETURNING id`);
    const take = { chainCode: 'metallurgy', kind: 'leader', role: 'liaison', personId: successor.id, validFrom: `${next}-07-01` };
    const overlap = await office.post('/api/plans/roles', take).expect(422);
    expect(overlap.body.message).toContain('徐进');
    await office.patch(`/api/plans/roles/leader/${liaison.id}`, { validTo: `${next}-06-30` }).expect(200);
    await office.post('/api/plans/roles', take).expect(201);
    const before = (await leader.get(`/api/plans/roles?chain=metallurgy&on=${next}-06-30`).expect(200)).body;
    const after = (await leader.get(`/api/plans/roles?chain=metallurgy&on=${next}-07-01`).expect(200)).body;
    expect(before.filter((r: { role: string }) => r.role === 'liaison').map((r: { name: string }) => r.name)).toEqual(['徐进']);
    expect(after.filter((r: { role: string }) => r.role === 'liaison').map((r: { name: string }) => r.name)).toEqual(['测试继任']);
    // The database refuses an overlap even when the service is bypassed.
    await expect(
      t.dataSource.query(
        `INSERT INTO chain_leader (chain_id, person_id, role, sort_order, valid_from)
         SELECT id, $1, 'liaison', 9, $2::date FROM chain WHERE code = 'metallurgy'`,
        [successor.id, `${next}-08-01`],
      ),
    ).rejects.toThrow(/overlapping/);
  });

  it('renames a unit from a date: the old name is its history and still resolves', async () => {
    const [unit] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市农牧局'`);
    const renamed = await office.post(`/api/plans/units/${unit.id}/rename`, { name: '市农业农村和牧业局', from: `${next}-03-01` }).expect(201);
    expect(renamed.body).toEqual({ id: unit.id, name: '市农业农村和牧业局', formerNames: [{ name: '市农牧局', validTo: `${next}-02-28` }] });
    const resolved = (await staff.get(`/api/units?name=${encodeURIComponent('市农牧局')}`).expect(200)).body;
    expect(resolved.map((u: { id: number }) => u.id)).toEqual([unit.id]);
    const clash = await office.post(`/api/plans/units/${unit.id}/rename`, { name: '市能源局', from: `${next}-05-01` }).expect(409);
    expect(clash.body.message).toContain('市能源局');
  });

  it('keeps past years’ actual figures per chain and sector', async () => {
    await staff.put('/api/plans/baselines', { year: base - 1, chainCode: 'agri-pastoral', sector: 'agri-pastoral', amount: '9500' }).expect(403);
    await office.put('/api/plans/baselines', { year: base - 1, chainCode: 'agri-pastoral', sector: 'agri-pastoral', amount: '-1' }).expect(400);
    await office.put('/api/plans/baselines', { year: base - 1, chainCode: 'agri-pastoral', sector: 'agri-pastoral', amount: '9500' }).expect(200);
    await office
      .put('/api/plans/baselines', { year: base - 1, chainCode: 'agri-pastoral', sector: 'agri-pastoral', amount: '9600.5', note: '统计局口径' })
      .expect(200);
    const rows = (await leader.get(`/api/plans/baselines?year=${base - 1}`).expect(200)).body;
    expect(rows).toEqual([{ year: base - 1, chainCode: 'agri-pastoral', sector: 'agri-pastoral', amount: '9600.500000', note: '统计局口径', version: 2 }]);
  });
});

function targetInput(t: PlanChainTarget): PlanChainTargetInput {
  return {
    signedAmount: t.signedAmount,
    signedAtLeast: t.signedAtLeast,
    fundsInPlace: t.fundsInPlace,
    fundsAtLeast: t.fundsAtLeast,
    bigProjectThreshold: t.bigProjectThreshold,
    bigProjectMinCount: t.bigProjectMinCount,
    bigProjectAtLeast: t.bigProjectAtLeast,
  };
}
