import { createTestApp, createTestUser, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { PipelineModule } from '@crm/api/pipeline';
import {
  ALERT_KINDS,
  LEADER_ALERTS_PER_KIND,
  addDays,
  projectListParams,
  shanghaiToday,
  type AlertListView,
  type ChainCockpitView,
  type InstructionView,
  type ProjectListQuery,
} from '@crm/domain';
import { monthsBefore } from '../alerts/alert.service';
import { CockpitModule } from '../cockpit.module';

/**
 * The leader page, alerts and instructions, on fixtures written in SQL with dates relative to
 * today (so every "N months ago" is exact).
 */
describe('leader page, alerts and instructions', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let xu: SignedInAgent; // 徐进: leads 盐湖化工, 冶金, 陆港物流
  let xiao: SignedInAgent; // 肖军: leads 清洁能源
  let ownerAgent: SignedInAgent;
  let ownerId: string;
  let unitId: number;
  const today = shanghaiToday();
  const chainId: Record<string, number> = {};

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  /** A project of a chain; `daysAgo` sets when it was created and entered its stage. */
  async function project(
    name: string,
    chain: string,
    fields: { stage?: string; status?: string; major?: boolean; daysAgo?: number; keyTaskId?: number } = {},
  ): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         status_reason, major, key_task_id, created_at, stage_entered_at)
       VALUES ($1, $2, '投资方', 'other', $3, $4, $5::project_stage, $6::project_status,
         CASE WHEN $6::project_status = 'active' THEN NULL ELSE '原因' END, $7, $8,
         now() - make_interval(days => $9), now() - make_interval(days => $9))
       RETURNING id`,
      [name, chainId[chain], unitId, ownerId, fields.stage ?? 'lead', fields.status ?? 'active', fields.major ?? false,
        fields.keyTaskId ?? null, fields.daysAgo ?? 0],
    );
    return id;
  }
  const set = (id: string, sql: string, params: unknown[] = []) => q(`UPDATE project SET ${sql} WHERE id = $1`, [id, ...params]);
  const sign = (id: string, on: string) =>
    q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', 1000, $2, $3)`, [id, on, `A-${id}`]);
  const activity = (id: string, on: string, followUp: string | null = null) =>
    q(
      `INSERT INTO project_activity (project_id, kind, occurred_on, summary, next_follow_up_on) VALUES ($1, 'visit', $2, '走访', $3)`,
      [id, on, followUp],
    );

  async function listed(query: ProjectListQuery): Promise<string[]> {
    const res = await office.get(`/api/projects?${new URLSearchParams({ ...projectListParams(query), limit: '200' })}`).expect(200);
    return res.body.items.map((i: { id: string }) => i.id).sort();
  }

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [office, xu, xiao, ownerAgent] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '徐进' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      // Staff of a unit serving 盐湖化工 and 冶金: owns the projects.
      signInAs(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' }),
    ]);
    ownerId = ownerAgent.user.id;
    [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '昆仑经济技术开发区管委会'`);
    for (const r of await q(`SELECT id, code FROM chain`)) chainId[r.code] = r.id;
  });
  afterAll(() => t.close());

  describe('alerts', () => {
    type Key =
      | 'signedAtCutoff' | 'signedDayShort' | 'signedPaused' | 'landOld' | 'landNew' | 'landNoDate' | 'buildingLate'
      | 'buildingOnTime' | 'idleContact' | 'idleNever' | 'producing' | 'otherChain';
    const ids = {} as Record<Key, string>;

    beforeAll(async () => {
      await office
        .put('/api/settings/alerts', { signedNoLandMonths: 3, landNotStartedMonths: 4, constructionMonths: 12, idleDays: 20 })
        .expect(200);
      const c = 'metallurgy';
      // Each project gets a recent contact unless it is meant to be idle.
      const fresh = async (id: string) => activity(id, today);
      ids.signedAtCutoff = await project('签约满3个月', c, { stage: 'signed' });
      await sign(ids.signedAtCutoff, monthsBefore(today, 3));
      ids.signedDayShort = await project('签约差一天', c, { stage: 'signed' });
      await sign(ids.signedDayShort, addDays(monthsBefore(today, 3), 1));
      ids.signedPaused = await project('签约暂缓', c, { stage: 'signed', status: 'paused' });
      await sign(ids.signedPaused, monthsBefore(today, 10));
      ids.landOld = await project('供地5个月', c, { stage: 'land' });
      await set(ids.landOld, 'land_approved_on = $2', [monthsBefore(today, 5)]);
      ids.landNew = await project('供地1个月', c, { stage: 'land' });
      await set(ids.landNew, 'land_approved_on = $2', [monthsBefore(today, 1)]);
      ids.landNoDate = await project('供地无日期', c, { stage: 'land', daysAgo: 200 });
      ids.buildingLate = await project('开工13个月', c, { stage: 'construction' });
      await set(ids.buildingLate, 'construction_started_on = $2', [monthsBefore(today, 13)]);
      ids.buildingOnTime = await project('开工6个月', c, { stage: 'construction' });
      await set(ids.buildingOnTime, 'construction_started_on = $2', [monthsBefore(today, 6)]);
      ids.idleContact = await project('25天无跟进', c, { stage: 'negotiation', daysAgo: 60 });
      await activity(ids.idleContact, addDays(today, -25));
      ids.idleNever = await project('从未跟进', c, { stage: 'lead', daysAgo: 40 });
      ids.producing = await project('已投产', c, { stage: 'production', daysAgo: 400 });
      ids.otherChain = await project('清洁能源签约', 'clean-energy', { stage: 'signed' });
      await sign(ids.otherChain, monthsBefore(today, 8));
      for (const key of Object.keys(ids) as Key[]) {
        if (!['idleContact', 'idleNever', 'producing'].includes(key)) await fresh(ids[key]);
      }
      // 报告期 2025-04, past due: 工信局 has an extension far ahead; 经开区 submitted nothing.
      await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ('2025-04', '2025-03-31T16:00Z', '2025-04-25T16:00Z')`);
      await q(
        `INSERT INTO unit_deadline_extension (period, unit_id, extended_to, reason)
         SELECT '2025-04', id, '2099-01-01', '延期' FROM unit WHERE name = '市工业信息化和科技局'`,
      );
    });

    const expectedKinds = () => ({
      'signed-no-land': [ids.signedAtCutoff],
      'land-not-started': [ids.landOld, ids.landNoDate],
      'not-producing': [ids.buildingLate],
      idle: [ids.idleContact, ids.idleNever],
    });

    it('fire for exactly the projects that match, and the list behind each kind is the same projects', async () => {
      const res = await xu.get('/api/cockpit/alerts?chain=metallurgy').expect(200);
      const view = res.body as AlertListView;
      expect(view.settings).toEqual({ signedNoLandMonths: 3, landNotStartedMonths: 4, constructionMonths: 12, idleDays: 20, version: 8 });
      for (const [kind, expected] of Object.entries(expectedKinds())) {
        const fired = view.items.filter((a) => a.kind === kind).map((a) => a.project?.id).sort();
        expect({ kind, fired }).toEqual({ kind, fired: [...expected].sort() });
        expect({ kind, listed: await listed(view.queries[kind as keyof typeof view.queries] as ProjectListQuery) }).toEqual({
          kind,
          listed: [...expected].sort(),
        });
      }
      // Not producing: counted from the planned date, start + 12 months (about a month ago).
      const late = view.items.find((a) => a.kind === 'not-producing');
      expect(late?.days).toBeGreaterThanOrEqual(0);
      expect(late?.days).toBeLessThanOrEqual(31);
      const idle = view.items.find((a) => a.project?.id === ids.idleContact);
      expect(idle).toMatchObject({ since: addDays(today, -25), days: 25, link: `/projects/${ids.idleContact}` });
      const signed = view.items.find((a) => a.kind === 'signed-no-land');
      expect(signed?.since).toBe(monthsBefore(today, 3));
    });

    it('on the leader page: the longest-standing few of each kind, with the counts and the lists of the alert list', async () => {
      const list = (await xu.get('/api/cockpit/alerts?chain=metallurgy').expect(200)).body as AlertListView;
      const page = (await xu.get('/api/cockpit/chains/metallurgy').expect(200)).body as ChainCockpitView;
      expect(page.alertCounts).toEqual(list.counts);
      expect(page.alertQueries).toEqual(list.queries);
      for (const kind of ALERT_KINDS) {
        const listed = page.alerts.filter((a) => a.kind === kind);
        expect(listed).toEqual(list.items.filter((a) => a.kind === kind).slice(0, LEADER_ALERTS_PER_KIND));
      }
    });

    it('names the units late with the latest report, an extension counting', async () => {
      const view = (await xu.get('/api/cockpit/alerts?chain=salt-lake-chemical').expect(200)).body as AlertListView;
      const late = view.items.filter((a) => a.kind === 'report-late');
      // The units owing 2025-04 for 盐湖化工: its 责任单位 and the units of its 2025 key tasks (the
      // published plan's duty), but 工信局, whose extension runs far ahead.
      const owing: { name: string }[] = await q(
        `SELECT u.name FROM unit u WHERE u.name <> '市工业信息化和科技局' AND u.id IN (
           SELECT cu.unit_id FROM chain_unit cu WHERE cu.chain_id = $1 AND cu.role = 'responsible'
           UNION
           SELECT ku.unit_id FROM key_task k JOIN key_task_unit ku ON ku.key_task_id = k.id WHERE k.chain_id = $1 AND k.year = 2025)`,
        [chainId['salt-lake-chemical']],
      );
      expect(owing.map((u) => u.name)).toContain('昆仑经济技术开发区管委会');
      expect(late.map((a) => [a.unit?.name, a.period, a.since]).sort()).toEqual(
        owing.map((u) => [u.name, '2025-04', '2025-04-25']).sort(),
      );
      expect(view.counts['report-late']).toBe(owing.length);
    });

    it('gives a leader only the alerts of their chains, the office every chain', async () => {
      const mine = (await xu.get('/api/cockpit/alerts').expect(200)).body as AlertListView;
      expect(mine.items.some((a) => a.project?.id === ids.otherChain)).toBe(false);
      const all = (await office.get('/api/cockpit/alerts').expect(200)).body as AlertListView;
      expect(all.items.filter((a) => a.project?.id === ids.otherChain).map((a) => a.kind)).toEqual(['signed-no-land']);
      // The city view's badges count the same alerts.
      expect((await office.get('/api/cockpit').expect(200)).body.alertCounts).toEqual(all.counts);
      expect((await xu.get('/api/cockpit').expect(200)).body.alertCounts).toEqual(mine.counts);
      const theirs = (await xiao.get('/api/cockpit/alerts').expect(200)).body as AlertListView;
      expect(new Set(theirs.items.map((a) => a.chain.code))).toEqual(new Set(['clean-energy']));
    });

    it('lets the office set the Ns, audited, and refuses what is out of range', async () => {
      const res = await office
        .put('/api/settings/alerts', { signedNoLandMonths: 0, landNotStartedMonths: 4, constructionMonths: 12, idleDays: 20 })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('signedNoLandMonths');
      await xu.put('/api/settings/alerts', { signedNoLandMonths: 5, landNotStartedMonths: 4, constructionMonths: 12, idleDays: 20 }).expect(403);
      const [audit] = await q(`SELECT before, after FROM audit_log WHERE entity_type = 'alert-settings' ORDER BY id DESC LIMIT 1`);
      expect(audit.after).toEqual({ signedNoLandMonths: 3, landNotStartedMonths: 4, constructionMonths: 12, idleDays: 20 });
      expect((await xu.get('/api/settings/alerts').expect(200)).body.idleDays).toBe(20);
    });
  });

  describe('chain page', () => {
    let p1: string;
    let p2: string;
    let p3: string;
    let p4: string;

    /** Stage history: [stage, days ago][], the first the creation. */
    async function history(id: string, moves: [string, number][]) {
      let from: string | null = null;
      for (const [to, daysAgo] of moves) {
        await q(
          `INSERT INTO project_stage_move (project_id, from_stage, to_stage, reason, moved_at)
           VALUES ($1, $2::project_stage, $3::project_stage, '调整', now() - make_interval(days => $4))`,
          [id, from, to, daysAgo],
        );
        from = to;
      }
      const [stage, daysAgo] = moves[moves.length - 1];
      await set(id, `stage = $2::project_stage, stage_entered_at = now() - make_interval(days => $3)`, [stage, daysAgo]);
    }

    beforeAll(async () => {
      const c = 'salt-lake-chemical';
      const [{ id: taskId }] = await q(`SELECT id FROM key_task WHERE chain_id = $1 AND year = 2025 AND seq = 1`, [chainId[c]]);
      p1 = await project('一号', c, { major: true, keyTaskId: taskId });
      await history(p1, [['lead', 100], ['negotiation', 60], ['evaluation', 30]]);
      p2 = await project('二号', c);
      await history(p2, [['lead', 50], ['negotiation', 45], ['lead', 10]]);
      p3 = await project('三号', c);
      await history(p3, [['lead', 20]]);
      p4 = await project('四号', c, { major: true, status: 'dropped' });
      await history(p4, [['lead', 90], ['negotiation', 80], ['evaluation', 70], ['signed', 40]]);
      await activity(p1, addDays(today, -10), addDays(today, -3));
      await activity(p3, addDays(today, -1), addDays(today, 5));
      await q(
        `INSERT INTO reporting_period (period, opens_at, due_at) VALUES ('2025-05', '2025-04-30T16:00Z', '2025-05-25T16:00Z')
         ON CONFLICT DO NOTHING`,
      );
      await q(
        `INSERT INTO monthly_report (unit_id, period, state, work_done, problems, next_month_plan, submitted_at, late, snapshot)
         SELECT id, '2025-05', 'submitted', '开展招商', '用地指标不足，需市自然资源局协调', '继续对接', '2025-05-20T02:00Z', false, '{}'
         FROM unit WHERE name = '市工业信息化和科技局'`,
      );
    });

    it('shows the funnel, conversion, time per stage, stuck and overdue projects, reports and key tasks', async () => {
      const view = (await xu.get('/api/cockpit/chains/salt-lake-chemical?year=2025&month=6').expect(200)).body as ChainCockpitView;
      const funnel = Object.fromEntries(view.funnel.map((f) => [f.stage, f.count]));
      expect(funnel).toMatchObject({ lead: 2, negotiation: 0, evaluation: 1, signed: 0 });
      expect(await listed(view.funnel[0].query)).toEqual([p2, p3].sort());

      expect(view.conversions.slice(0, 5).map((c) => [c.from, c.reachedFrom, c.reachedTo, c.rate])).toEqual([
        ['lead', 4, 3, '75.00'],
        ['negotiation', 3, 2, '66.67'],
        ['evaluation', 2, 1, '50.00'],
        ['signed', 1, 0, '0.00'],
        ['land', 0, 0, null],
      ]);
      const d = Object.fromEntries(view.stageDurations.map((s) => [s.stage, s]));
      expect(d['lead']).toEqual({ stage: 'lead', completedStays: 3, medianDaysCompleted: 10, current: 2, medianDaysCurrent: 10 });
      expect(d['negotiation']).toMatchObject({ completedStays: 3, medianDaysCompleted: 30, current: 0, medianDaysCurrent: null });
      expect(d['evaluation']).toMatchObject({ completedStays: 1, medianDaysCompleted: 30, current: 1, medianDaysCurrent: 30 });

      expect(view.stuck.map((s) => [s.project.id, s.days])).toEqual([
        [p1, 30],
        [p3, 20],
        [p2, 10],
      ]);
      expect(await listed(view.stuckQuery)).toEqual([p1, p2, p3].sort());
      expect(view.majorProjects.map((p) => p.id)).toEqual([p1]);
      expect(view.overdueFollowUps.map((o) => [o.project.id, o.dueOn, o.daysOverdue])).toEqual([[p1, addDays(today, -3), 3]]);
      expect(view.overdueCount).toBe(1);
      expect(await listed(view.overdueQuery)).toEqual([p1]);

      const report = view.reports.find((r) => r.unit.name === '市工业信息化和科技局');
      expect(report).toMatchObject({ period: '2025-05', state: 'submitted', problems: '用地指标不足，需市自然资源局协调' });
      expect(view.reports.find((r) => r.unit.name === '察尔汗工行委')).toMatchObject({ period: null, problems: '' });

      const task = view.keyTasks.find((k) => k.seq === 1);
      expect(task).toMatchObject({ projectCount: 1, activeCount: 1, furthestStage: 'evaluation' });
      expect(task?.byStage.evaluation).toBe(1);
      expect(task && (await listed(task.query))).toEqual([p1]);
      expect(p4).toBeDefined();
    });
  });

  describe('instructions', () => {
    let id: string;

    beforeAll(async () => {
      id = await project('批示项目', 'metallurgy');
    });

    it('lets a leader of the chain write one: the owner is notified and the audit trail has it', async () => {
      const res = await xu.post(`/api/projects/${id}/instructions`, { text: '  请尽快协调用地。 ' }).expect(201);
      const view = res.body as InstructionView;
      expect(view).toMatchObject({ text: '请尽快协调用地。', personName: '徐进', project: { id, name: '批示项目' } });
      const notes = await q(`SELECT user_id, kind, title, body, link FROM notification WHERE link = $1`, [`/projects/${id}`]);
      expect(notes).toEqual([
        {
          user_id: ownerId,
          kind: 'leader-instruction',
          title: '领导批示：批示项目',
          body: '徐进批示：请尽快协调用地。',
          link: `/projects/${id}`,
        },
      ]);
      const [audit] = await q(`SELECT action, user_id, project_id, after FROM audit_log WHERE entity_type = 'instruction'`);
      expect(audit).toMatchObject({ action: 'create', user_id: xu.user.id, project_id: id, after: { text: '请尽快协调用地。' } });

      const listed = (await ownerAgent.get(`/api/projects/${id}/instructions`).expect(200)).body as InstructionView[];
      expect(listed.map((i) => i.id)).toEqual([view.id]);
      const page = (await xu.get('/api/cockpit/chains/metallurgy').expect(200)).body as ChainCockpitView;
      expect(page.instructions.map((i) => i.id)).toContain(view.id);
    });

    it('refuses anyone else, and an empty instruction', async () => {
      await xu.post(`/api/projects/${id}/instructions`, { text: '   ' }).expect(400);
      // 肖军 leads 清洁能源 only: this project does not exist for him.
      await xiao.post(`/api/projects/${id}/instructions`, { text: '批示' }).expect(404);
      await xiao.get(`/api/projects/${id}/instructions`).expect(404);
      // A leader who may read the chain (as staff of a unit serving it) but does not lead it.
      const both = await signInAs(t, { roles: ['leader', 'staff'], person: '肖军', unit: '昆仑经济技术开发区管委会' });
      await both.post(`/api/projects/${id}/instructions`, { text: '批示' }).expect(403);
      await office.post(`/api/projects/${id}/instructions`, { text: '批示' }).expect(403);
      const [{ n }] = await q(`SELECT count(*)::integer AS n FROM project_instruction`);
      expect(n).toBe(1);
      expect(createTestUser).toBeDefined();
    });
  });

  describe('key-task milestones and goals', () => {
    // The seeded 2025 plan of 特色农牧: task 1 names two projects to build (项目开工), task 2 the
    // 5万亩饲草基地 (项目开工) with the goal 5 万亩. The expected states are computed here.
    const ORDER = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'];
    const expected = (stage: string | null, target: string, month: number) => {
      if (!stage) return 'behind';
      const reached = ORDER.indexOf(stage) + 1;
      const needed = ORDER.indexOf(target) + 1;
      return reached >= needed ? 'done' : reached * 12 >= needed * month ? 'on-track' : 'behind';
    };
    let named: string;
    let linked: string;

    beforeAll(async () => {
      named = await project('特色生物产业园锁鲜、烘干、原浆生产线', 'agri-pastoral', { stage: 'signed' });
      linked = await project('冷链物流设施（一期）', 'agri-pastoral', { stage: 'construction' });
      await q(
        `UPDATE key_task_milestone SET project_id = $1 WHERE project_name = '保鲜、冷链仓储物流设施'`,
        [linked],
      );
      await q(`UPDATE key_task_goal SET achieved = 2 WHERE label = '饲草基地建设'`);
    });

    it.each([4, 6, 9])('shows each milestone and goal with its state at month %i', async (month) => {
      const view = (await office.get(`/api/cockpit/chains/agri-pastoral?year=2025&month=${month}`).expect(200))
        .body as ChainCockpitView;
      const [first, second] = view.keyTasks;
      expect(first.units).toEqual(['市农牧局', '格尔木农垦（集团）有限公司']);
      expect(first.milestones.map((m) => [m.projectName, m.projectId, m.currentStage, m.targetStage, m.state])).toEqual([
        ['特色生物产业园锁鲜、烘干、原浆生产线', named, 'signed', 'construction', expected('signed', 'construction', month)],
        ['保鲜、冷链仓储物流设施', linked, 'construction', 'construction', 'done'],
      ]);
      expect(second.milestones.map((m) => [m.projectName, m.projectId, m.state])).toEqual([['5万亩饲草基地', null, 'behind']]);
      const goalState = 2 * 12 >= 5 * month ? 'on-track' : 'behind';
      expect(second.goals.map((g) => [g.label, g.measureUnit, g.rate, g.state])).toEqual([
        ['饲草基地建设', '万亩', '40.00', goalState],
      ]);
      const states = [expected('signed', 'construction', month), 'done'];
      expect([first.done, first.onTrack, first.behind]).toEqual([
        states.filter((s) => s === 'done').length,
        states.filter((s) => s === 'on-track').length,
        states.filter((s) => s === 'behind').length,
      ]);
      expect([second.done, second.onTrack, second.behind]).toEqual([0, goalState === 'on-track' ? 1 : 0, goalState === 'behind' ? 2 : 1]);
      expect(view.keyTasks[2]).toMatchObject({ milestones: [], goals: [], done: 0, onTrack: 0, behind: 0 });
    });
  });
});
