import { createTestDatabase, type TestDatabase } from '@crm/api/testing';
import { DataSource } from 'typeorm';
import { MIGRATIONS, prepareDatabase, REFERENCE_2025, seedReference } from '@crm/migrations';

/**
 * The seeded 2025 reference data against the annex (格尔木市"5+2"产业链招商专班工作任务), with the
 * expected values written out here from the text, not read back from the seed file.
 */
const ANNEX = [
  {
    code: 'clean-energy', nameZh: '清洁能源产业链', kind: 'leading', liaison: '赵冬',
    responsible: ['肖军', '胡红梅'], units: ['市能源局', '市数据局'],
    cooperating: ['昆仑经济技术开发区管委会', '市发展和改革委员会', '市工业信息化和科技局'],
    firms: ['中国华电集团有限公司格尔木分公司'], signed: '1400000', threshold: '100000', count: 5, funds: '650000',
    atLeast: { signed: false, big: true, funds: false },
  },
  {
    code: 'salt-lake-chemical', nameZh: '盐湖化工产业链', kind: 'leading', liaison: '徐进',
    responsible: ['胡红梅', '胡文娟'], units: ['昆仑经济技术开发区管委会', '市工业信息化和科技局'],
    cooperating: ['察尔汗工行委', '市自然资源局', '市水利局'],
    firms: ['青海盐湖工业股份有限公司', '青海汇信资产管理有限公司'], signed: '400000', threshold: '100000', count: 1, funds: '180000',
    atLeast: { signed: true, big: true, funds: true },
  },
  {
    code: 'metallurgy', nameZh: '金属冶金产业链', kind: 'leading', liaison: '徐进',
    responsible: ['赵文才'], units: ['昆仑经济技术开发区管委会'],
    cooperating: ['市工业信息化和科技局', '市自然资源局', '青海省柴达木综合地质矿产勘查院'],
    firms: ['青海西矿稀贵金属有限公司', '青海金川矿业有限责任公司'], signed: '150000', threshold: '50000', count: 1, funds: '50000',
    atLeast: { signed: true, big: true, funds: false },
  },
  {
    code: 'oil-gas-chemical', nameZh: '油气能源化工产业链', kind: 'leading', liaison: '赵冬',
    responsible: ['赵文才', '胡红梅'], units: ['昆仑经济技术开发区管委会', '市工业信息化和科技局', '市能源局', '市发展和改革委员会'],
    cooperating: [], firms: ['格尔木炼油厂'], signed: '100000', threshold: '50000', count: 1, funds: '50000',
    atLeast: { signed: true, big: true, funds: true },
  },
  {
    code: 'land-port-logistics', nameZh: '陆港物流产业链', kind: 'leading', liaison: '徐进',
    responsible: ['严仕吉'], units: ['陆港园区管委会'],
    cooperating: ['察尔汗工行委', '市发展和改革委员会', '市工业信息化和科技局', '市交通运输局'],
    firms: ['格尔木陆港枢纽投资开发有限责任公司'], signed: '100000', threshold: '10000', count: 1, funds: '40000',
    atLeast: { signed: true, big: true, funds: true },
  },
  {
    code: 'culture-tourism', nameZh: '文化旅游产业链', kind: 'special', liaison: '阿英德',
    responsible: ['仓尼么才让'], units: ['市文体旅游广电局'], cooperating: [],
    firms: ['格尔木文化旅游投资集团有限公司'], signed: '30000', threshold: '10000', count: 1, funds: '20000',
    atLeast: { signed: true, big: true, funds: true },
  },
  {
    code: 'agri-pastoral', nameZh: '特色农牧产业链', kind: 'special', liaison: '胡开东',
    responsible: ['龚国庆'], units: ['市农牧局'], cooperating: ['东城区工行委', '西城区工行委'],
    firms: ['格尔木农垦（集团）有限公司'], signed: '20000', threshold: '10000', count: 1, funds: '10000',
    atLeast: { signed: true, big: true, funds: true },
  },
];

/*
 * The projects each key task names, as "chain seq: name→stage", the stage being what the words
 * commit to by year end: 建成 → production, 开工 → construction, 落地 → signed, 对接 / 衔接 /
 * 实质进展 → negotiation, 谋划 / 前期工作 → lead; 加快（推进）…建设, 年内建成运营和开工建设一批 and
 * 签约项目落地实施 → construction.
 */
const P = 'production', C = 'construction', S = 'signed', N = 'negotiation', L = 'lead';
const MILESTONES: Record<string, [string, string][]> = {
  'clean-energy 2': [['东方电气高原叶片制造', P], ['远景能源风电整机制造', P]],
  'clean-energy 3': [
    ['昆仑云谷智算产业园', N], ['柴达木绿色微电网', N], ['耘驰算力中心', N],
    ['江苏德春电力智慧能源智能设备制造', N], ['江苏盈丰电力装备制造', N],
    ['厦门海辰科技储能Pack系统集成装备制造', S], ['上海晶环嘉远废旧光伏组件回收利用', S],
  ],
  'salt-lake-chemical 2': [
    ['国达化工60万吨钾肥复合肥造粒及20万吨微量水溶肥', P], ['盐湖沃锦40万吨熔盐', P],
    ['盐湖股份4万吨基础锂盐和500万吨工业盐', P], ['汇信新材料2万吨高质碳酸锂', P], ['格尔木盐化食用盐车间搬迁改造提升', P],
  ],
  'salt-lake-chemical 3': [
    ['40万吨硝酸钾', S], ['30万吨高端专用肥', S], ['3万吨食品级氯化钾', S],
    ['西藏正沃3万吨高纯碳酸锂', S], ['青海锂业年产30万吨硫酸钾', S], ['卤水提锂中试', S],
  ],
  'salt-lake-chemical 4': [
    ['100万吨氢氧化镁（氧化镁）综合利用', N], ['绿氢-绿氨-金属镁-高纯氢氧化镁-氯化铵一体化', L], ['天行化工含氟新材料', L],
  ],
  'metallurgy 1': [['新疆矿业哈西雅图多金属矿', P], ['鸿鑫矿业二期', C], ['生光矿业铁多金属矿', C]],
  'metallurgy 2': [['天能控股集团铅酸储能电池', S], ['云南镇沅华硕贵金属金精粉精炼', S], ['昆龙伟业铅锌矿采选加工', S]],
  'metallurgy 3': [
    ['中光宏图石墨负极材料', N], ['江丰电子碳化硅', N], ['金川集团镍正极材料', N], ['西矿集团电解铜', N], ['镁系轻型材料', N],
  ],
  'oil-gas-chemical 2': [
    ['格尔木炼油厂扩能', C], ['格尔木炼油厂绿色工厂建设', C], ['东方电气“离网制氢·储氢”示范', C], ['深能集团氢制合成氨一体化', C],
  ],
  'oil-gas-chemical 3': [
    ['昆仑能源日处理100万立方米天然气', S], ['华电海西新能源弃电制氢用氢示范', S], ['华润2MW电解水制氢', S], ['山西国际能源绿电制氢一体化', S],
  ],
  'land-port-logistics 1': [['兴华源智慧供应链产业园', C], ['青海潮源工程机械产业园', C], ['昆仑国际物流园', C]],
  'land-port-logistics 2': [['陆港北片区铁路作业区', C], ['陆港海关监管场所', C], ['达布逊物流园区', C]],
  'land-port-logistics 3': [
    ['陆港现代化仓储中心', N], ['国际陆港综合保税区', N], ['国际陆港跨境电商中心', N], ['陆港小商品加工贸易中心', N],
  ],
  'culture-tourism 1': [['梦幻盐湖景区开发建设', C], ['东台吉乃尔湖景区开发建设', C], ['昆仑大峡谷', C], ['胡杨林沙漠公园', C]],
  'culture-tourism 2': [
    ['西王母瑶池景区', L], ['昆仑文化公园', L], ['六子湖生态文化教育基地', L], ['国际丝路公园', L],
    ['乌图美仁“沙漠之眼”', L], ['那贝雅丹', L], ['盐湖雅丹', L],
  ],
  'agri-pastoral 1': [['特色生物产业园锁鲜、烘干、原浆生产线', C], ['保鲜、冷链仓储物流设施', C]],
  'agri-pastoral 2': [['5万亩饲草基地', C]],
};

/** The numbers key tasks state with their unit: 算力标准机架4000个以上、规模超过10000P; 5万亩饲草基地. */
const GOALS: Record<string, [string, string, string][]> = {
  'clean-energy 3': [['算力标准机架', '个', '4000.0000'], ['算力规模', 'P', '10000.0000']],
  'agri-pastoral 2': [['饲草基地建设', '万亩', '5.0000']],
};

describe('reference seed for 2025', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
    await dataSource.initialize();
    await prepareDatabase(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const names = async (sql: string, code: string): Promise<string[]> =>
    (await dataSource.query(sql, [code])).map((r: { name: string }) => r.name);

  it('has the seven chains, five leading and two special, in the plan order', async () => {
    const rows = await dataSource.query(`SELECT code, name_zh, kind FROM chain ORDER BY sort_order`);
    expect(rows).toEqual(ANNEX.map((c) => ({ code: c.code, name_zh: c.nameZh, kind: c.kind })));
  });

  it('counts each chain under the plan’s sector: 特色农牧 agri-pastoral, 文化旅游 and 陆港 modern services, the rest manufacturing', async () => {
    const rows = await dataSource.query(`SELECT code, sector FROM chain ORDER BY sort_order`);
    expect(rows).toEqual([
      { code: 'clean-energy', sector: 'manufacturing' },
      { code: 'salt-lake-chemical', sector: 'manufacturing' },
      { code: 'metallurgy', sector: 'manufacturing' },
      { code: 'oil-gas-chemical', sector: 'manufacturing' },
      { code: 'land-port-logistics', sector: 'modern-services' },
      { code: 'culture-tourism', sector: 'modern-services' },
      { code: 'agri-pastoral', sector: 'agri-pastoral' },
    ]);
  });

  it.each(ANNEX)('$nameZh has the leaders, units, anchor firms and targets of the annex', async (chain) => {
    const leaders = (role: string) =>
      names(
        `SELECT p.name FROM chain_leader cl JOIN person p ON p.id = cl.person_id JOIN chain c ON c.id = cl.chain_id
         WHERE c.code = $1 AND cl.role = '${role}' ORDER BY cl.sort_order`,
        chain.code,
      );
    const units = (role: string) =>
      names(
        `SELECT u.name FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id JOIN chain c ON c.id = cu.chain_id
         WHERE c.code = $1 AND cu.role = '${role}' ORDER BY cu.sort_order`,
        chain.code,
      );
    expect(await leaders('liaison')).toEqual([chain.liaison]);
    expect(await leaders('responsible')).toEqual(chain.responsible);
    expect(await units('responsible')).toEqual(chain.units);
    expect(await units('cooperating')).toEqual(chain.cooperating);
    expect(
      await names(
        `SELECT e.name FROM chain_anchor_firm f JOIN enterprise e ON e.id = f.enterprise_id JOIN chain c ON c.id = f.chain_id
         WHERE c.code = $1 ORDER BY f.sort_order`,
        chain.code,
      ),
    ).toEqual(chain.firms);
    const [target] = await dataSource.query(
      `SELECT signed_amount::text, big_project_threshold::text, big_project_min_count, funds_in_place::text,
              signed_at_least, big_project_at_least, funds_at_least
       FROM chain_target t JOIN chain c ON c.id = t.chain_id WHERE c.code = $1 AND t.year = 2025`,
      [chain.code],
    );
    expect(target).toEqual({
      signed_amount: `${chain.signed}.000000`,
      big_project_threshold: `${chain.threshold}.000000`,
      big_project_min_count: chain.count,
      funds_in_place: `${chain.funds}.000000`,
      signed_at_least: chain.atLeast.signed,
      big_project_at_least: chain.atLeast.big,
      funds_at_least: chain.atLeast.funds,
    });
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE c.code = $1`,
      [chain.code],
    );
    expect(count).toBeGreaterThanOrEqual(3);
  });

  it('adds the chain targets up to the city targets: 220 亿 signed, 100 亿 in place', async () => {
    const [sums] = await dataSource.query(
      `SELECT sum(signed_amount)::text AS signed, sum(funds_in_place)::text AS funds FROM chain_target WHERE year = 2025`,
    );
    expect(sums).toEqual({ signed: '2200000.000000', funds: '1000000.000000' });
  });

  it('publishes the 2025 plan with the city totals as written: 220亿元以上 signed, 100亿元 in place', async () => {
    const rows = await dataSource.query(
      `SELECT year, status, city_signed_amount::text AS signed, city_signed_at_least AS signed_at_least,
              city_funds_in_place::text AS funds, city_funds_at_least AS funds_at_least, published_at
       FROM annual_plan`,
    );
    expect(rows).toEqual([
      {
        year: 2025,
        status: 'published',
        signed: '2200000.000000',
        signed_at_least: true,
        funds: '1000000.000000',
        funds_at_least: false,
        published_at: new Date('2024-12-31T16:00:00Z'),
      },
    ]);
  });

  it('sets the sector growth of funds in place: 特色农牧 +5%, 制造业 +20%, 现代服务业 +10%', async () => {
    expect(
      await dataSource.query(`SELECT year, sector, growth_rate::text AS rate FROM sector_growth_target ORDER BY sector`),
    ).toEqual([
      { year: 2025, sector: 'agri-pastoral', rate: '5.00' },
      { year: 2025, sector: 'manufacturing', rate: '20.00' },
      { year: 2025, sector: 'modern-services', rate: '10.00' },
    ]);
  });

  it('gives each key task the projects it names, at the stage its words commit to, and its stated goals', async () => {
    const milestones: { task: string; name: string; stage: string; wording: string; project_id: string | null }[] =
      await dataSource.query(
        `SELECT c.code || ' ' || k.seq AS task, m.project_name AS name, m.target_stage AS stage, m.wording, m.project_id
         FROM key_task_milestone m JOIN key_task k ON k.id = m.key_task_id JOIN chain c ON c.id = k.chain_id
         WHERE k.year = 2025 ORDER BY c.sort_order, k.seq, m.seq`,
      );
    const grouped: Record<string, [string, string][]> = {};
    for (const m of milestones) (grouped[m.task] ??= []).push([m.name, m.stage]);
    expect(grouped).toEqual(MILESTONES);
    for (const m of milestones) {
      expect(m.project_id).toBeNull();
      expect(m.wording.length).toBeGreaterThan(0);
    }
    // Each named project appears in its key task's text (an ellipsis stands for the words between).
    const texts: { task: string; text: string }[] = await dataSource.query(
      `SELECT c.code || ' ' || k.seq AS task, k.text FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE k.year = 2025`,
    );
    const textOf = new Map(texts.map((t) => [t.task, t.text]));
    for (const m of milestones) {
      const text = textOf.get(m.task) ?? '';
      for (const piece of m.name.split(/、|(?<=产业园)/)) {
        expect([m.name, text.includes(piece.replace(/景区开发建设$|生产线$|设施$/, ''))]).toEqual([m.name, true]);
      }
      for (const piece of m.wording.split('…')) expect([m.wording, text.includes(piece)]).toEqual([m.wording, true]);
    }
    const goals: { task: string; label: string; unit: string; target: string; achieved: string }[] = await dataSource.query(
      `SELECT c.code || ' ' || k.seq AS task, g.label, g.measure_unit AS unit, g.target::text, g.achieved::text
       FROM key_task_goal g JOIN key_task k ON k.id = g.key_task_id JOIN chain c ON c.id = k.chain_id
       ORDER BY c.sort_order, k.seq, g.seq`,
    );
    const goalsByTask: Record<string, [string, string, string][]> = {};
    for (const g of goals) (goalsByTask[g.task] ??= []).push([g.label, g.unit, g.target]);
    expect(goalsByTask).toEqual(GOALS);
    expect(goals.every((g) => g.achieved === '0.0000')).toBe(true);
  });

  it('does not put back a milestone or goal the office removed', async () => {
    const [task] = await dataSource.query(
      `SELECT k.id FROM key_task k JOIN chain c ON c.id = k.chain_id WHERE c.code = 'clean-energy' AND k.year = 2025 AND k.seq = 3`,
    );
    const count = async () =>
      (
        await dataSource.query(
          `SELECT (SELECT count(*)::int FROM key_task_milestone WHERE key_task_id = $1) AS m,
                  (SELECT count(*)::int FROM key_task_goal WHERE key_task_id = $1) AS g,
                  (SELECT count(*)::int FROM sector_growth_target WHERE year = 2025) AS s`,
          [task.id],
        )
      )[0];
    await dataSource.query(`DELETE FROM key_task_milestone WHERE key_task_id = $1 AND seq = 7`, [task.id]);
    await dataSource.query(`DELETE FROM key_task_goal WHERE key_task_id = $1 AND seq = 2`, [task.id]);
    await dataSource.query(`DELETE FROM sector_growth_target WHERE year = 2025 AND sector = 'manufacturing'`);
    const before = await count();
    expect(before).toEqual({ m: 6, g: 1, s: 2 });
    await seedReference(dataSource.manager, REFERENCE_2025);
    expect(await count()).toEqual(before);
  });

  it('keeps one unit per body, whatever spelling the text uses', async () => {
    const spellings: [string, string][] = [
      ['市发改委', '市发展和改革委员会'],
      ['市发展改革委', '市发展和改革委员会'],
      ['市工业信息化科技局', '市工业信息化和科技局'],
      ['察尔汗行委', '察尔汗工行委'],
      ['自然资源局', '市自然资源局'],
    ];
    for (const [alias, canonical] of spellings) {
      const rows = await dataSource.query(
        `SELECT u.name FROM unit_alias a JOIN unit u ON u.id = a.unit_id WHERE a.alias = $1`,
        [alias],
      );
      expect(rows).toEqual([{ name: canonical }]);
    }
    const clashes = await dataSource.query(`SELECT alias FROM unit_alias WHERE alias IN (SELECT name FROM unit)`);
    expect(clashes).toEqual([]);
  });

  it('keeps one person per name across chains', async () => {
    const [{ people, xuJinChains }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM person) AS people,
              (SELECT count(*)::int FROM chain_leader cl JOIN person p ON p.id = cl.person_id
                WHERE p.name = '徐进' AND cl.role = 'liaison') AS "xuJinChains"`,
    );
    expect(people).toBe(11);
    expect(xuJinChains).toBe(3);
  });

  it('changes nothing when run a second time', async () => {
    const snapshot = async () =>
      dataSource.query(
        `SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain t) AS chain,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM person t) AS person,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM unit t) AS unit,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM unit_alias t) AS unit_alias,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM enterprise t) AS enterprise,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain_leader t) AS chain_leader,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain_unit t) AS chain_unit,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain_anchor_firm t) AS anchor,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM key_task t) AS key_task,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM key_task_unit t) AS key_task_unit,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain_target t) AS chain_target,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM annual_plan t) AS annual_plan,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM sector_growth_target t) AS sector_growth,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM key_task_milestone t) AS milestones,
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM key_task_goal t) AS goals`,
      );
    const before = await snapshot();
    await seedReference(dataSource.manager, REFERENCE_2025);
    await prepareDatabase(dataSource);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a seed whose names do not resolve, before writing anything', async () => {
    const broken = {
      ...REFERENCE_2025,
      chains: [{ ...REFERENCE_2025.chains[0], liaisonLeader: '无此人' }],
    };
    await expect(seedReference(dataSource.manager, broken)).rejects.toThrow(/unknown person 无此人/);
  });
});
