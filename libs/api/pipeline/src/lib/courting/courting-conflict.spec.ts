import { signInAs, type SignedInAgent } from '@crm/api/testing';
import { count, createPipelineWorld, type PipelineWorld } from '../../test/pipeline-world';

/**
 * 撞车提醒 (issue 20 §3): a lead opened with a firm, or a firm of its group, that another chain or
 * unit already works with tells both task forces and the office at once, once per pair of projects.
 */
describe('courting alert', () => {
  let w: PipelineWorld;
  let stranger: SignedInAgent;
  let seq = 0;

  const firm = async (parentId: string | null = null): Promise<string> => {
    const name = `撞车测试企业${++seq}有限公司`;
    const [{ id }] = await w.t.dataSource.query(
      `INSERT INTO enterprise (name, normalised_name, parent_enterprise_id, created_at, updated_at) VALUES ($1, $1, $2, $3, $3) RETURNING id`,
      [name, parentId, w.t.clock.now()],
    );
    return id;
  };
  const open = (agent: SignedInAgent, enterpriseId: string, chain: string, unitId: number) =>
    agent.post('/api/projects', {
      name: `撞车测试项目${++seq}`,
      chain,
      enterpriseId,
      sourceChannel: 'through-firms',
      responsibleUnitId: unitId,
    });
  const conflictsOf = (projectId: string) =>
    w.t.dataSource.query(`SELECT * FROM courting_conflict WHERE $1 IN (project_a_id, project_b_id)`, [projectId]);
  const noticesTo = async (userId: string) =>
    Number(
      (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'courting-conflict' AND user_id = $1`, [userId]))[0].n,
    );

  beforeAll(async () => {
    w = await createPipelineWorld();
    // 陆港园区管委会 serves 陆港经济 only: unrelated to both chains below.
    stranger = await signInAs(w.t, { roles: ['staff'], unit: '陆港园区管委会' });
  }, 180_000);
  afterAll(() => w.close());

  it('fires once per pair when two chains open leads with one firm at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const f = await firm();
      const [a, b] = await Promise.all([
        open(w.staff, f, 'clean-energy', w.unitId).expect(201),
        open(w.otherStaff, f, 'culture-tourism', w.otherUnitId).expect(201),
      ]);
      const conflicts = await conflictsOf(a.body.id);
      expect(conflicts).toHaveLength(1);
      expect([conflicts[0].project_a_id, conflicts[0].project_b_id].sort()).toEqual([a.body.id, b.body.id].sort());
      const notices: { user_id: string; n: number }[] = await w.t.dataSource.query(
        `SELECT user_id, count(*)::int AS n FROM notification WHERE kind = 'courting-conflict' AND link LIKE '%' || $1
         GROUP BY user_id`,
        [conflicts[0].id],
      );
      const byUser = new Map(notices.map((r) => [r.user_id, r.n]));
      // Both task forces (each owner) and the office, each told once.
      expect(byUser.get(w.staff.user.id)).toBe(1);
      expect(byUser.get(w.otherStaff.user.id)).toBe(1);
      expect(byUser.get(w.office.user.id)).toBe(1);
      expect(byUser.has(stranger.user.id)).toBe(false);
      expect([...byUser.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it('reaches the group (parent and subsidiary), names who and since when, and ignores the same chain and unit', async () => {
    const parent = await firm();
    const sub = await firm(parent);
    const first = await open(w.staff, parent, 'clean-energy', w.unitId).expect(201);
    const again = await open(w.staff, parent, 'clean-energy', w.unitId).expect(201);
    expect(await conflictsOf(again.body.id)).toEqual([]);

    const before = await noticesTo(w.otherStaff.user.id);
    const viaSub = await open(w.otherStaff, sub, 'culture-tourism', w.otherUnitId).expect(201);
    const conflicts = await conflictsOf(viaSub.body.id);
    const pairs = (list: string[][]) => list.map((pair) => [...pair].sort().join(' ')).sort();
    expect(pairs(conflicts.map((c: { project_a_id: string; project_b_id: string }) => [c.project_a_id, c.project_b_id]))).toEqual(
      pairs([
        [first.body.id, viaSub.body.id],
        [again.body.id, viaSub.body.id],
      ]),
    );
    expect(await noticesTo(w.otherStaff.user.id)).toBe(before + 2);
    const [notice] = await w.t.dataSource.query(
      `SELECT title, body FROM notification WHERE kind = 'courting-conflict' AND user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [w.office.user.id],
    );
    expect(notice.title).toContain('撞车提醒');
    expect(notice.body).toContain('清洁能源');
    expect(notice.body).toContain('负责人');
    expect(notice.body).toMatch(/\d{4}-\d{2}-\d{2} 起/);
  });

  it('lists conflicts to those who may see them; the office decides who leads, audited', async () => {
    const f = await firm();
    const a = await open(w.staff, f, 'clean-energy', w.unitId).expect(201);
    const b = await open(w.otherStaff, f, 'culture-tourism', w.otherUnitId).expect(201);
    const [conflict] = await conflictsOf(b.body.id);

    const listed = async (agent: SignedInAgent) =>
      ((await agent.get('/api/courting-conflicts').expect(200)).body.items as { id: string }[]).map((c) => c.id);
    expect(await listed(w.staff)).toContain(conflict.id);
    expect(await listed(w.otherStaff)).toContain(conflict.id);
    expect(await listed(w.office)).toContain(conflict.id);
    expect(await listed(stranger)).toEqual([]);

    const decision = `/api/courting-conflicts/${conflict.id}/decision`;
    await w.staff.post(decision, { leadProjectId: a.body.id }).expect(403);
    const wrong = await w.office.post(decision, { leadProjectId: (await open(w.staff, await firm(), 'clean-energy', w.unitId)).body.id }).expect(422);
    expect(wrong.body.errors.leadProjectId).toBeDefined();
    await w.office.post(decision, { leadProjectId: 'nope' }).expect(400);
    expect(await count(w.t, `audit_log WHERE entity_type = 'courting_conflict'`)).toBe(0);

    const decided = await w.office.post(decision, { leadProjectId: a.body.id, note: '清洁能源专班先行对接，由其牵头', version: 1 }).expect(200);
    expect(decided.body).toMatchObject({ leadProjectId: a.body.id, decisionNote: '清洁能源专班先行对接，由其牵头', version: 2 });
    const [audit] = await w.t.dataSource.query(
      `SELECT user_id, before, after FROM audit_log WHERE entity_type = 'courting_conflict' AND entity_id = $1`,
      [conflict.id],
    );
    expect(audit).toEqual({
      user_id: w.office.user.id,
      before: { leadProjectId: null, note: null },
      after: { leadProjectId: a.body.id, note: '清洁能源专班先行对接，由其牵头' },
    });
    expect(await listed(w.office)).not.toContain(conflict.id);
    const stale = await w.office.post(decision, { leadProjectId: b.body.id, version: 1 }).expect(409);
    expect(stale.body.current.leadProjectId).toBe(a.body.id);
  });
});
