import { createTestDatabase, type TestDatabase } from '@crm/api/testing';
import { ensureSampleUser, MIGRATIONS, prepareDatabase } from '@crm/migrations';
import { DataSource } from 'typeorm';
import { monthlyFigures } from '../reports/monthly-report.figures';
import { rollUpFigures } from './roll-up.figures';

/*
 * The key-task part of a unit's monthly report and of the roll-up: each milestone and goal of the
 * seeded 2025 plan with its state at the period's month end, against an independent computation
 * (stages and shares compared as whole numbers: reached × 12 against needed × month).
 */
const ORDER = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'];
const milestoneState = (stage: string | null, target: string, month: number) => {
  if (!stage) return 'behind';
  const reached = ORDER.indexOf(stage) + 1;
  const needed = ORDER.indexOf(target) + 1;
  return reached >= needed ? 'done' : reached * 12 >= needed * month ? 'on-track' : 'behind';
};
const goalState = (achieved: number, target: number, month: number) =>
  achieved >= target ? 'done' : achieved * 12 >= target * month ? 'on-track' : 'behind';

describe('key-task progress in the monthly report and the roll-up', () => {
  let database: TestDatabase;
  let ds: DataSource;
  let dataUnit: number;
  const linked: Record<string, string> = {};

  // 清洁能源 key task 3 of the seeded plan: its seven named projects and their committed stages, with
  // the projects the fixture puts at known stages (null: none there).
  const TASK3: [string, string, string | null][] = [
    ['昆仑云谷智算产业园', 'negotiation', 'negotiation'],
    ['柴达木绿色微电网', 'negotiation', 'lead'],
    ['耘驰算力中心', 'negotiation', null],
    ['江苏德春电力智慧能源智能设备制造', 'negotiation', null],
    ['江苏盈丰电力装备制造', 'negotiation', null],
    ['厦门海辰科技储能Pack系统集成装备制造', 'signed', 'evaluation'],
    ['上海晶环嘉远废旧光伏组件回收利用', 'signed', 'negotiation'],
  ];
  const GOALS: [string, number, number][] = [
    ['算力标准机架', 1500, 4000],
    ['算力规模', 10000, 10000],
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
    await ds.initialize();
    await prepareDatabase(ds);
    const owner = await ensureSampleUser(ds.manager);
    [{ id: dataUnit }] = await ds.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    for (const [name, , stage] of TASK3) {
      if (!stage) continue;
      const [{ id }] = await ds.query(
        `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, created_by)
         SELECT $1, c.id, '某公司', 'other', $2, $3, $4, $3 FROM chain c WHERE c.code = 'clean-energy' RETURNING id`,
        [name, dataUnit, owner, stage],
      );
      linked[name] = id;
    }
    // One linked by id (the others are matched by name).
    await ds.query(`UPDATE key_task_milestone SET project_id = $1 WHERE project_name = '柴达木绿色微电网'`, [
      linked['柴达木绿色微电网'],
    ]);
    for (const [label, achieved] of GOALS) {
      await ds.query(`UPDATE key_task_goal SET achieved = $2 WHERE label = $1`, [label, achieved]);
    }
  });

  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  const expectTask3 = (
    task: {
      milestones?: { projectName: string; projectId: string | null; currentStage: string | null; state: string }[];
      goals?: { label: string; rate: string; state: string }[];
      done?: number;
      onTrack?: number;
      behind?: number;
      units?: string[];
    },
    month: number,
  ) => {
    expect(task.units).toEqual(['市数据局', '市能源局', '昆仑经济技术开发区管委会', '市工业信息化和科技局', '中国移动格尔木分公司']);
    expect(task.milestones?.map((m) => [m.projectName, m.projectId, m.currentStage, m.state])).toEqual(
      TASK3.map(([name, target, stage]) => [name, linked[name] ?? null, stage, milestoneState(stage, target, month)]),
    );
    expect(task.goals?.map((g) => [g.label, g.rate, g.state])).toEqual(
      GOALS.map(([label, achieved, target]) => [
        label,
        ((achieved * 100) / target).toFixed(2),
        goalState(achieved, target, month),
      ]),
    );
    const states = [
      ...TASK3.map(([, target, stage]) => milestoneState(stage, target, month)),
      ...GOALS.map(([, achieved, target]) => goalState(achieved, target, month)),
    ];
    expect([task.done, task.onTrack, task.behind]).toEqual(
      ['done', 'on-track', 'behind'].map((s) => states.filter((x) => x === s).length),
    );
  };

  it.each(['2025-02', '2025-05', '2025-09'])('puts them in the unit’s monthly report for %s', async (period) => {
    const figures = await monthlyFigures(ds.manager, dataUnit, period, new Date());
    const clean = figures.chains.find((c) => c.chainCode === 'clean-energy');
    expect(clean?.keyTasks.map((k) => k.seq)).toEqual([1, 2, 3]);
    const task3 = clean?.keyTasks.find((k) => k.seq === 3);
    expect(task3).toMatchObject({ projectCount: 0, activeProjectCount: 0 });
    expectTask3(task3 ?? {}, Number(period.slice(5)));
    // Task 1 names no project and states no number.
    expect(clean?.keyTasks[0]).toMatchObject({ milestones: [], goals: [], done: 0, onTrack: 0, behind: 0 });
  });

  it.each(['2025-02', '2025-05', '2025-09'])('puts them in the roll-up for %s', async (period) => {
    const figures = await rollUpFigures(ds.manager, period, new Date());
    const clean = figures.chains.find((c) => c.chainCode === 'clean-energy');
    const task3 = clean?.keyTasks.find((k) => k.seq === 3);
    expect(task3).toMatchObject({ projectCount: 0, signedProjectCount: 0 });
    expectTask3(task3 ?? {}, Number(period.slice(5)));
    const salt = figures.chains.find((c) => c.chainCode === 'salt-lake-chemical');
    // 盐湖化工 task 2: five projects to build this year, none there yet.
    expect(salt?.keyTasks.find((k) => k.seq === 2)).toMatchObject({ done: 0, onTrack: 0, behind: 5 });
  });
});
