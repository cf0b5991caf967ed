import { generateSyntheticProjects, insertSyntheticProjects, loadSamplePipeline } from '@crm/migrations';
import { createLead, createPipelineWorld, type PipelineWorld } from '../../test/pipeline-world';

describe('project list GET /api/projects', () => {
  let w: PipelineWorld;
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const sqlIds = async (where: string, params: unknown[] = []) =>
    ids(await w.t.dataSource.query(`SELECT p.id FROM project p WHERE ${where} ORDER BY p.id`, params));
  const listed = async (query: Record<string, unknown>, agent = () => w.office) => {
    const all: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const res: { body: { items: { id: string }[]; total: number; nextCursor: string | null } } = await agent()
        .get('/api/projects')
        .query({ ...query, limit: 97, ...(cursor ? { cursor } : {}) })
        .expect(200);
      all.push(...ids(res.body.items));
      total = res.body.total;
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all.length).toBe(total);
    return all;
  };

  beforeAll(async () => {
    w = await createPipelineWorld();
    await loadSamplePipeline(w.t.dataSource.manager);
    await insertSyntheticProjects(w.t.dataSource.manager, generateSyntheticProjects(600, 7));
    await createLead(w, { name: 'CATL Pack 储能系统', investorName: '宁德时代新能源科技股份有限公司' });
  });
  afterAll(() => w.close());

  it.each([
    ['updatedAt', 'desc', 'p.updated_at DESC, p.id DESC'],
    ['name', 'asc', 'p.name::text ASC, p.id ASC'],
    ['amount', 'desc', 'coalesce(p.amount, 0) DESC, p.id DESC'],
    ['lastActivityOn', 'asc', "coalesce(p.last_activity_on, '-infinity'::date) ASC, p.id ASC"],
    ['nextFollowUpOn', 'asc', "coalesce(p.next_follow_up_on, 'infinity'::date) ASC, p.id ASC"],
    ['stageEnteredAt', 'asc', 'p.stage_since ASC, p.id ASC'],
  ])('pages through every project sorted by %s %s, each once, in order', async (sort, order, orderBy) => {
    const expected = ids(await w.t.dataSource.query(`SELECT p.id FROM project p ORDER BY ${orderBy}`));
    expect(await listed({ sort, order })).toEqual(expected);
  });

  it('filters by chain, stage, status, unit, owner, amount, major, idleness and due follow-ups', async () => {
    const today = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
    const [owner] = await w.t.dataSource.query(
      `SELECT owner_id FROM project GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const [unit] = await w.t.dataSource.query(
      `SELECT responsible_unit_id AS id FROM project GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{ chain: 'salt-lake-chemical' }, 'chain_id = 2', []],
      [{ stage: 'negotiation,evaluation' }, "stage IN ('negotiation', 'evaluation')", []],
      [{ status: 'paused' }, "status = 'paused'", []],
      [{ unitId: unit.id }, 'responsible_unit_id = $1', [unit.id]],
      [{ ownerId: owner.owner_id }, 'owner_id = $1', [owner.owner_id]],
      [{ minAmount: '10000', maxAmount: '50000.5' }, 'amount BETWEEN 10000 AND 50000.5', []],
      [{ major: 'true', chain: 'clean-energy', stage: 'signed' }, "major AND chain_id = 1 AND stage = 'signed'", []],
      [
        { idleDays: 60 },
        `coalesce(last_activity_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date) <= ${today} - 60`,
        [],
      ],
      [{ followUpDue: 'true' }, `status = 'active' AND next_follow_up_on <= ${today}`, []],
    ];
    for (const [query, where, params] of cases) {
      const got = await listed(query);
      const expected = await sqlIds(where, params);
      expect([query, got.sort()]).toEqual([query, expected]);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('searches Chinese text in the name and the investor, and Latin without case', async () => {
    const cases: [string, string][] = [
      ['碳酸锂', '%碳酸锂%'],
      ['宁德时代', '%宁德时代%'],
      ['陆港', '%陆港%'],
      ['pack', '%pack%'],
      ['100%', '%100\\%%'],
    ];
    for (const [q, like] of cases) {
      const got = (await listed({ q })).sort();
      const expected = await sqlIds(`lower(p.name) LIKE $1 OR lower(p.investor_name) LIKE $1`, [like]);
      expect([q, got]).toEqual([q, expected]);
    }
    expect((await listed({ q: 'catl' })).length).toBe(1);
  });

  it('follows a linked enterprise when the library renames it', async () => {
    const [firm] = await w.t.dataSource.query(`SELECT id FROM enterprise WHERE name = '格尔木炼油厂'`);
    const before = await listed({ q: '格尔木炼油厂' });
    expect(before.length).toBeGreaterThan(0);
    await w.t.dataSource.query(`UPDATE enterprise SET name = '中国石油青海油田格尔木炼油厂' WHERE id = $1`, [firm.id]);
    expect((await listed({ q: '青海油田' })).sort()).toEqual([...before].sort());
    const page = await w.office.get('/api/projects').query({ q: '青海油田', limit: 1 }).expect(200);
    expect(page.body.items[0].investor).toEqual({ enterpriseId: firm.id, name: '中国石油青海油田格尔木炼油厂' });
  });

  it('shows staff only the chains they may read', async () => {
    const got = (await listed({}, () => w.staff)).sort();
    expect(got).toEqual(await sqlIds('p.chain_id = 1 OR 1 = ANY (p.related_chain_ids)'));
    const leaders = (await listed({ chain: 'salt-lake-chemical' }, () => w.leader)).length;
    expect(leaders).toBe(0);
  });

  it('refuses bad queries with field messages', async () => {
    const res = await w.office
      .get('/api/projects')
      .query({ stage: 'won', status: 'x', limit: 500, sort: 'random', minAmount: '-1', idleDays: 0, cursor: 'abc' })
      .expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['idleDays', 'limit', 'minAmount', 'sort', 'stage', 'status']);
    const cursor = await w.office.get('/api/projects').query({ cursor: 'not-a-cursor' }).expect(400);
    expect(cursor.body.errors.cursor[0]).toContain('游标');
    const page = await w.office.get('/api/projects').query({ limit: 5, sort: 'name', order: 'asc' }).expect(200);
    await w.office.get('/api/projects').query({ limit: 5, cursor: page.body.nextCursor }).expect(400);
  });
});
