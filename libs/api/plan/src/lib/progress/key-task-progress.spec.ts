import { createTestDatabase, type TestDatabase } from '@crm/api/testing';
import { ensureSampleUser, MIGRATIONS, prepareDatabase } from '@crm/migrations';
import { DataSource } from 'typeorm';
import { keyTaskProgress } from './key-task-progress';

/*
 * Key-task progress on a fixture of a year of its own (2031, as data): milestones linked by id, by
 * name, to a dropped project, to nothing, to a name only another chain has; goals at known shares.
 * The expected states are computed here, independently of the domain's rules: stages are compared
 * as whole numbers (reached × 12 against needed × month) and goals likewise.
 */
const ORDER = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'];

function expectedMilestone(stage: string | null, status: string | null, target: string, month: number): string {
  if (stage === null || status === 'dropped') return 'behind';
  const reached = ORDER.indexOf(stage) + 1;
  const needed = ORDER.indexOf(target) + 1;
  if (reached >= needed) return 'done';
  return reached * 12 >= needed * month ? 'on-track' : 'behind';
}

function expectedGoal(achieved: number, target: number, month: number): { rate: string; state: string } {
  const hundredths = Math.round((achieved * 10000) / target);
  const rate = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  if (achieved >= target) return { rate, state: 'done' };
  return { rate, state: achieved * 12 >= target * month ? 'on-track' : 'behind' };
}

describe('keyTaskProgress', () => {
  const YEAR = 2031;
  let database: TestDatabase;
  let ds: DataSource;
  let ownerId: string;
  const chain: Record<string, number> = {};
  const unit: Record<string, number> = {};
  const task: Record<string, number> = {};
  const project: Record<string, string> = {};

  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);

  async function addProject(name: string, chainCode: string, stage: string, status = 'active'): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         status_reason, created_by)
       VALUES ($1, $2, '某公司', 'other', $3, $4, $5, $6, $7, $4) RETURNING id`,
      [name, chain[chainCode], unit['市能源局'], ownerId, stage, status, status === 'dropped' ? '企业放弃' : null],
    );
    return id;
  }

  async function addTask(key: string, chainCode: string, seq: number, units: string[]): Promise<void> {
    const [{ id }] = await q(`INSERT INTO key_task (chain_id, year, seq, text) VALUES ($1, $2, $3, $4) RETURNING id`, [
      chain[chainCode],
      YEAR,
      seq,
      `${key}的任务文本`,
    ]);
    task[key] = id;
    for (const [i, u] of units.entries()) {
      await q(`INSERT INTO key_task_unit (key_task_id, unit_id, sort_order) VALUES ($1, $2, $3)`, [id, unit[u], i]);
    }
  }

  async function addMilestone(key: string, seq: number, name: string, target: string, projectId: string | null) {
    await q(
      `INSERT INTO key_task_milestone (key_task_id, seq, project_name, project_id, target_stage, wording)
       VALUES ($1, $2, $3, $4, $5, '年内建成')`,
      [task[key], seq, name, projectId, target],
    );
  }

  async function addGoal(key: string, seq: number, label: string, target: string, achieved: string) {
    await q(
      `INSERT INTO key_task_goal (key_task_id, seq, label, measure_unit, target, achieved) VALUES ($1, $2, $3, '个', $4, $5)`,
      [task[key], seq, label, target, achieved],
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
    await ds.initialize();
    await prepareDatabase(ds);
    ownerId = await ensureSampleUser(ds.manager);
    for (const r of await q(`SELECT id, code FROM chain`)) chain[r.code] = r.id;
    for (const r of await q(`SELECT id, name FROM unit`)) unit[r.name] = r.id;

    await addTask('能源一', 'clean-energy', 1, ['市能源局', '市数据局']);
    await addTask('能源二', 'clean-energy', 2, ['市数据局']);
    await addTask('冶金一', 'metallurgy', 1, ['昆仑经济技术开发区管委会', '市能源局']);

    project['signed'] = await addProject('甲项目', 'clean-energy', 'signed');
    project['named'] = await addProject('乙项目', 'clean-energy', 'production');
    project['dropped'] = await addProject('丙项目', 'clean-energy', 'construction', 'dropped');
    project['other'] = await addProject('丁项目', 'metallurgy', 'production');
    project['twinDropped'] = await addProject('戊项目', 'clean-energy', 'construction', 'dropped');
    project['twin'] = await addProject('戊项目', 'clean-energy', 'negotiation');
    project['paused'] = await addProject('己项目', 'metallurgy', 'land', 'paused');

    await addMilestone('能源一', 1, '甲项目', 'production', project['signed']); // linked: 4 of 7
    await addMilestone('能源一', 2, '乙项目', 'construction', null); // by name: done
    await addMilestone('能源一', 3, '丙项目', 'production', project['dropped']); // dropped: behind
    await addMilestone('能源一', 4, '未建项目', 'signed', null); // nothing: behind
    await addMilestone('能源一', 5, '丁项目', 'signed', null); // only in another chain: behind
    await addMilestone('能源二', 1, '戊项目', 'signed', null); // two by that name: the one not dropped
    await addMilestone('冶金一', 1, '己项目', 'production', project['paused']); // paused at 5 of 7
    await addGoal('能源一', 1, '算力标准机架', '4000', '2000');
    await addGoal('能源一', 2, '算力规模', '10000', '1000');
    await addGoal('冶金一', 1, '示范工厂', '3', '3');
  });

  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  const fixture = [
    { task: '能源一', seq: 1, stage: 'signed', status: 'active', target: 'production', project: 'signed' },
    { task: '能源一', seq: 2, stage: 'production', status: 'active', target: 'construction', project: 'named' },
    { task: '能源一', seq: 3, stage: 'construction', status: 'dropped', target: 'production', project: 'dropped' },
    { task: '能源一', seq: 4, stage: null, status: null, target: 'signed', project: null },
    { task: '能源一', seq: 5, stage: null, status: null, target: 'signed', project: null },
    { task: '能源二', seq: 1, stage: 'negotiation', status: 'active', target: 'signed', project: 'twin' },
    { task: '冶金一', seq: 1, stage: 'land', status: 'paused', target: 'production', project: 'paused' },
  ];
  const goalFixture = [
    { task: '能源一', seq: 1, achieved: 2000, target: 4000 },
    { task: '能源一', seq: 2, achieved: 1000, target: 10000 },
    { task: '冶金一', seq: 1, achieved: 3, target: 3 },
  ];

  it.each([1, 2, 6, 7, 9, 12])('equals an independent computation at month %i', async (month) => {
    const progress = await keyTaskProgress(ds.manager, { year: YEAR, month });
    expect(progress.map((p) => [p.chainCode, p.seq])).toEqual([
      ['clean-energy', 1],
      ['clean-energy', 2],
      ['metallurgy', 1],
    ]);
    for (const p of progress) {
      const key = Object.keys(task).find((k) => task[k] === p.id) as string;
      const ms = fixture.filter((f) => f.task === key);
      expect(p.milestones.map((m) => [m.seq, m.currentStage, m.projectId, m.state])).toEqual(
        ms.map((f) => [
          f.seq,
          f.stage,
          f.project ? project[f.project] : null,
          expectedMilestone(f.stage, f.status, f.target, month),
        ]),
      );
      const gs = goalFixture.filter((g) => g.task === key);
      expect(p.goals.map((g) => ({ seq: g.seq, rate: g.rate, state: g.state }))).toEqual(
        gs.map((g) => ({ seq: g.seq, ...expectedGoal(g.achieved, g.target, month) })),
      );
      const states = [
        ...ms.map((f) => expectedMilestone(f.stage, f.status, f.target, month)),
        ...gs.map((g) => expectedGoal(g.achieved, g.target, month).state),
      ];
      expect({ done: p.done, onTrack: p.onTrack, behind: p.behind }).toEqual({
        done: states.filter((s) => s === 'done').length,
        onTrack: states.filter((s) => s === 'on-track').length,
        behind: states.filter((s) => s === 'behind').length,
      });
    }
  });

  it('carries the task text, its units in order, and each milestone and goal as stored', async () => {
    const [first] = await keyTaskProgress(ds.manager, { year: YEAR, month: 6 });
    expect(first).toMatchObject({ text: '能源一的任务文本', units: ['市能源局', '市数据局'] });
    expect(first.milestones[0]).toMatchObject({
      projectName: '甲项目',
      targetStage: 'production',
      wording: '年内建成',
      state: 'on-track',
    });
    expect(first.goals[0]).toMatchObject({
      label: '算力标准机架',
      measureUnit: '个',
      target: '4000.0000',
      achieved: '2000.0000',
      achievedOn: null,
      rate: '50.00',
      state: 'on-track',
    });
  });

  it('follows a milestone to its project as the project moves', async () => {
    await q(`UPDATE project SET stage = 'production' WHERE id = $1`, [project['signed']]);
    const [first] = await keyTaskProgress(ds.manager, { year: YEAR, month: 12 });
    expect(first.milestones[0]).toMatchObject({ currentStage: 'production', state: 'done' });
    await q(`UPDATE project SET stage = 'signed' WHERE id = $1`, [project['signed']]);
  });

  it('narrows to chains and to the tasks a unit is responsible for', async () => {
    const metallurgy = await keyTaskProgress(ds.manager, { year: YEAR, month: 3, chainIds: [chain['metallurgy']] });
    expect(metallurgy.map((p) => p.id)).toEqual([task['冶金一']]);
    const energy = await keyTaskProgress(ds.manager, { year: YEAR, month: 3, unitId: unit['市能源局'] });
    expect(energy.map((p) => p.id)).toEqual([task['能源一'], task['冶金一']]);
    const data = await keyTaskProgress(ds.manager, {
      year: YEAR,
      month: 3,
      unitId: unit['市数据局'],
      chainIds: [chain['clean-energy']],
    });
    expect(data.map((p) => p.id)).toEqual([task['能源一'], task['能源二']]);
    expect(await keyTaskProgress(ds.manager, { year: YEAR + 1, month: 3 })).toEqual([]);
  });

  it('reads the seeded plan: every named project behind until a project is there, every goal at zero', async () => {
    const seeded = await keyTaskProgress(ds.manager, { year: 2025, month: 2 });
    expect(seeded.length).toBeGreaterThan(20);
    const milestones = seeded.flatMap((p) => p.milestones);
    const goals = seeded.flatMap((p) => p.goals);
    expect(milestones.length).toBeGreaterThan(50);
    expect(milestones.every((m) => m.state === 'behind' && m.currentStage === null)).toBe(true);
    expect(goals.map((g) => [g.label, g.rate, g.state])).toEqual([
      ['算力标准机架', '0.00', 'behind'],
      ['算力规模', '0.00', 'behind'],
      ['饲草基地建设', '0.00', 'behind'],
    ]);
  });
});
