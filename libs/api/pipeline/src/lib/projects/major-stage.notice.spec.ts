import { advance, createLead, createPipelineWorld, type PipelineWorld } from '../../test/pipeline-world';

/**
 * 重大项目随时报 (issue 16, item 5): a major project's signing, land approval, start and completion
 * tell the office and the chain's leaders at once, with the figures; other projects' moves do not.
 */
describe('major project stages reported at once', () => {
  let w: PipelineWorld;
  const notices = async (userId: string, projectId: string): Promise<{ title: string; body: string }[]> =>
    w.t.dataSource.query(
      `SELECT title, body FROM notification WHERE user_id = $1 AND kind = 'major-project' AND link = $2 ORDER BY created_at, id`,
      [userId, `/projects/${projectId}`],
    );

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  it('tells the office and the chain’s leaders at signing, land approval, start and completion, with the figures', async () => {
    const { id } = await createLead(w, { name: '重大项目随时报测试项目', major: true });
    await advance(w, id, 'production');
    const stageTitles = [
      '重大项目签约：重大项目随时报测试项目 / Major project signed: 重大项目随时报测试项目',
      '重大项目供地获批：重大项目随时报测试项目 / Major project land approved: 重大项目随时报测试项目',
      '重大项目开工：重大项目随时报测试项目 / Major project construction started: 重大项目随时报测试项目',
      '重大项目竣工投产：重大项目随时报测试项目 / Major project completed: 重大项目随时报测试项目',
    ];
    const office = await notices(w.office.user.id, id);
    // The office also heard of its creation as a major project.
    expect(office.map((n) => n.title)).toEqual([expect.stringContaining('重大项目：'), ...stageTitles]);
    const leader = await notices(w.leader.user.id, id);
    expect(leader.map((n) => n.title)).toEqual(stageTitles);
    // The figures: planned investment, signed, funds in place (万元), from the project's ledger.
    const [{ planned, signed, funds }] = await w.t.dataSource.query(
      `SELECT rtrim(rtrim(p.planned_investment::text, '0'), '.') AS planned,
              (SELECT rtrim(rtrim(sum(amount)::text, '0'), '.') FROM project_agreement WHERE project_id = p.id) AS signed,
              (SELECT coalesce(rtrim(rtrim(sum(amount)::text, '0'), '.'), '0') FROM fund_arrival WHERE project_id = p.id) AS funds
       FROM project p WHERE p.id = $1`,
      [id],
    );
    expect([planned, signed]).toEqual(['150000', '120000']);
    expect(leader[0].body).toContain(`计划投资 ${planned} 万元 · 签约额 ${signed} 万元 · 到位资金 ${funds} 万元`);
    expect(leader[0].body).toContain('清洁能源产业链 · 市数据局 · 厦门海辰科技');
    // Unit staff are not told.
    expect(await notices(w.staff.user.id, id)).toEqual([]);
  });

  it('says nothing of a project not flagged major', async () => {
    const { id } = await createLead(w, { name: '普通项目签约测试' });
    await advance(w, id, 'signed');
    expect(await notices(w.office.user.id, id)).toEqual([]);
    expect(await notices(w.leader.user.id, id)).toEqual([]);
  });
});
