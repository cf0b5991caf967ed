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
  },
  {
    code: 'salt-lake-chemical', nameZh: '盐湖化工产业链', kind: 'leading', liaison: '徐进',
    responsible: ['胡红梅', '胡文娟'], units: ['昆仑经济技术开发区管委会', '市工业信息化和科技局'],
    cooperating: ['察尔汗工行委', '市自然资源局', '市水利局'],
    firms: ['青海盐湖工业股份有限公司', '青海汇信资产管理有限公司'], signed: '400000', threshold: '100000', count: 1, funds: '180000',
  },
  {
    code: 'metallurgy', nameZh: '金属冶金产业链', kind: 'leading', liaison: '徐进',
    responsible: ['赵文才'], units: ['昆仑经济技术开发区管委会'],
    cooperating: ['市工业信息化和科技局', '市自然资源局', '青海省柴达木综合地质矿产勘查院'],
    firms: ['青海西矿稀贵金属有限公司', '青海金川矿业有限责任公司'], signed: '150000', threshold: '50000', count: 1, funds: '50000',
  },
  {
    code: 'oil-gas-chemical', nameZh: '油气能源化工产业链', kind: 'leading', liaison: '赵冬',
    responsible: ['赵文才', '胡红梅'], units: ['昆仑经济技术开发区管委会', '市工业信息化和科技局', '市能源局', '市发展和改革委员会'],
    cooperating: [], firms: ['格尔木炼油厂'], signed: '100000', threshold: '50000', count: 1, funds: '50000',
  },
  {
    code: 'land-port-logistics', nameZh: '陆港物流产业链', kind: 'leading', liaison: '徐进',
    responsible: ['严仕吉'], units: ['陆港园区管委会'],
    cooperating: ['察尔汗工行委', '市发展和改革委员会', '市工业信息化和科技局', '市交通运输局'],
    firms: ['格尔木陆港枢纽投资开发有限责任公司'], signed: '100000', threshold: '10000', count: 1, funds: '40000',
  },
  {
    code: 'culture-tourism', nameZh: '文化旅游产业链', kind: 'special', liaison: '阿英德',
    responsible: ['仓尼么才让'], units: ['市文体旅游广电局'], cooperating: [],
    firms: ['格尔木文化旅游投资集团有限公司'], signed: '30000', threshold: '10000', count: 1, funds: '20000',
  },
  {
    code: 'agri-pastoral', nameZh: '特色农牧产业链', kind: 'special', liaison: '胡开东',
    responsible: ['龚国庆'], units: ['市农牧局'], cooperating: ['东城区工行委', '西城区工行委'],
    firms: ['格尔木农垦（集团）有限公司'], signed: '20000', threshold: '10000', count: 1, funds: '10000',
  },
];

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
      `SELECT signed_amount::text, big_project_threshold::text, big_project_min_count, funds_in_place::text
       FROM chain_target t JOIN chain c ON c.id = t.chain_id WHERE c.code = $1 AND t.year = 2025`,
      [chain.code],
    );
    expect(target).toEqual({
      signed_amount: `${chain.signed}.000000`,
      big_project_threshold: `${chain.threshold}.000000`,
      big_project_min_count: chain.count,
      funds_in_place: `${chain.funds}.000000`,
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
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM chain_target t) AS chain_target`,
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
