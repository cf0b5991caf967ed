import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { ChainView } from '@crm/domain';
import { ReferenceModule } from '../reference.module';

describe('chains, units and people', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule]);
    http = await signInAs(t, { roles: ['leader'], person: '徐进' });
  });
  afterAll(() => t.close());

  // The seeded plan's year: its key tasks are listed for a date in that year.
  const seedYear = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`))[0].year;

  it('lists the seven chains with their leaders, units, anchor firms, key tasks and targets', async () => {
    const res = await http.get(`/api/chains?on=${await seedYear()}-06-30`).expect(200);
    const chains = res.body as ChainView[];
    expect(chains.map((c) => c.nameZh)).toEqual([
      '清洁能源产业链',
      '盐湖化工产业链',
      '金属冶金产业链',
      '油气能源化工产业链',
      '陆港物流产业链',
      '文化旅游产业链',
      '特色农牧产业链',
    ]);
    const agri = chains.find((c) => c.code === 'agri-pastoral');
    expect(agri?.liaisonLeader?.name).toBe('胡开东');
    expect(agri?.responsibleUnits).toEqual([expect.objectContaining({ isLead: true, unit: expect.objectContaining({ name: '市农牧局' }) })]);
    const clean = chains[0];
    expect(clean.responsibleLeaders.map((p) => p.name)).toEqual(['肖军', '胡红梅']);
    expect(clean.targets).toEqual([
      {
        year: 2025,
        signedAmount: '1400000.000000',
        // As the plan writes each figure (…以上 or exact): the seed's marks.
        signedAtLeast: expect.any(Boolean),
        bigProjectThreshold: '100000.000000',
        bigProjectMinCount: 5,
        bigProjectAtLeast: expect.any(Boolean),
        fundsInPlace: '650000.000000',
        fundsAtLeast: expect.any(Boolean),
      },
    ]);
    expect(clean.keyTasks.length).toBeGreaterThanOrEqual(3);
    expect(clean.keyTasks[0].units.map((u) => u.name)).toContain('昆鹏能源公司');
  });

  it('lists the people, units and key tasks as they stand on the date asked', async () => {
    const year = await seedYear();
    const [person] = await t.dataSource.query(`INSERT INTO person (name, position) VALUES ('测试领导', '副市长') RETURNING id`);
    await t.dataSource.query(
      `UPDATE chain_leader SET valid_to = $1 WHERE role = 'responsible' AND chain_id = (SELECT id FROM chain WHERE code = 'culture-tourism')`,
      [`${year + 1}-06-30`],
    );
    await t.dataSource.query(
      `INSERT INTO chain_leader (chain_id, person_id, role, sort_order, valid_from)
       SELECT id, $1, 'responsible', 5, $2::date FROM chain WHERE code = 'culture-tourism'`,
      [person.id, `${year + 1}-07-01`],
    );
    const before = (await http.get(`/api/chains/culture-tourism?on=${year + 1}-06-30`).expect(200)).body as ChainView;
    const after = (await http.get(`/api/chains/culture-tourism?on=${year + 1}-07-01`).expect(200)).body as ChainView;
    expect(before.responsibleLeaders.map((p) => p.name)).toEqual(['仓尼么才让']);
    expect(after.responsibleLeaders.map((p) => p.name)).toEqual(['测试领导']);
    expect(after.asOf).toBe(`${year + 1}-07-01`);
    // The seeded year's key tasks are not the next year's.
    expect((await http.get(`/api/chains/culture-tourism?on=${year}-07-01`).expect(200)).body.keyTasks.length).toBeGreaterThan(0);
    expect(after.keyTasks).toEqual([]);
    const bad = await http.get('/api/chains?on=2025-02-30').expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['on']);
  });

  it('reads one chain by code and answers 404 for an unknown code', async () => {
    const res = await http.get('/api/chains/metallurgy').expect(200);
    expect(res.body.anchorFirms.map((f: { name: string }) => f.name)).toEqual(['青海西矿稀贵金属有限公司', '青海金川矿业有限责任公司']);
    const missing = await http.get('/api/chains/no-such-chain').expect(404);
    expect(missing.body.message).toContain('没有代码为');
  });

  it('resolves a unit by any of its spellings', async () => {
    const res = await http.get('/api/units').query({ name: '市发改委' }).expect(200);
    expect(res.body).toEqual([expect.objectContaining({ name: '市发展和改革委员会', kind: 'bureau' })]);
    const one = await http.get(`/api/units/${res.body[0].id}`).expect(200);
    expect(one.body.aliases).toEqual(expect.arrayContaining(['市发改委']));
    await http.get('/api/units/999999').expect(404);
    await http.get('/api/units/abc').expect(400);
  });

  it('lists people once each, whatever number of chains they serve', async () => {
    const res = await http.get('/api/people').expect(200);
    const names = res.body.map((p: { name: string }) => p.name);
    expect(names.filter((n: string) => n === '徐进')).toHaveLength(1);
    const xu = res.body.find((p: { name: string }) => p.name === '徐进');
    await http.get(`/api/people/${xu.id}`).expect(200, xu);
  });
});
