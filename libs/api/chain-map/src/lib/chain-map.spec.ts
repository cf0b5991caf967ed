import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { loadWorkbook } from '@crm/api/core';
import { EVALUATION_DIMENSIONS, STAGES, type ChainMapLinkInput, type ChainMapView, type Stage } from '@crm/domain';
import { ChainMapModule } from './chain-map.module';

/**
 * 招商图谱 through the real routes: who may read and edit a chain's map, the per-link pipeline against
 * an independent sum, the gap flag and its clearing, drafting next year's map, and refused input.
 * Cast: 市数据局 staff serve 清洁能源 only; 市文体旅游广电局 staff serve 文化旅游 only; 肖军 leads 清洁能源.
 */
describe('chain maps', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let otherStaff: SignedInAgent;
  let leader: SignedInAgent;
  let office: SignedInAgent;
  let admin: SignedInAgent;
  let unitId: number;
  let huadian: string;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, ChainMapModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [staff, otherStaff, leader, office, admin] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['admin'] }),
    ]);
    [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    [{ id: huadian }] = await t.dataSource.query(`SELECT id FROM enterprise WHERE name = '中国华电集团有限公司格尔木分公司'`);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  /** A small map of 清洁能源 for a year: a strong link with the anchor firm, a weak one with a sub-link, a missing one. */
  function document(version: number, overrides: Partial<ChainMapLinkInput>[] = []): { version: number; links: ChainMapLinkInput[] } {
    const links: ChainMapLinkInput[] = [
      { tier: 'upstream', name: '电源建设', status: 'strong', firmIds: [huadian], targets: [] },
      {
        tier: 'upstream',
        name: '风电装备制造',
        status: 'weak',
        statusReason: '整机有项目，叶片配套不足',
        kind: 'strengthen',
        firmIds: [],
        targets: [{ name: '东方电气集团有限公司', tags: ['central-soe', 'fortune-500'] }],
      },
      { tier: 'upstream', parent: '风电装备制造', name: '叶片制造', status: 'missing', kind: 'fill', firmIds: [], targets: [] },
      {
        tier: 'midstream',
        name: '氢能',
        status: 'missing',
        statusReason: '本地尚无制氢企业',
        kind: 'fill',
        firmIds: [],
        targets: [{ name: '隆基绿能科技股份有限公司', tags: ['listed', 'private-500'], note: '对接中' }],
      },
    ];
    overrides.forEach((o, i) => Object.assign(links[i], o));
    return { version, links };
  }

  async function lead(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await staff
      .post('/api/projects', {
        name,
        chain: 'clean-energy',
        investorName: `${name}公司`,
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
        ...overrides,
      })
      .expect(201);
    return res.body.id;
  }
  const versionOf = async (id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]))[0].version;

  /** Forward through the real routes and gates. */
  async function advance(id: string, to: Stage, signedAmount = '1000'): Promise<void> {
    const [{ stage }] = await t.dataSource.query(`SELECT stage FROM project WHERE id = $1`, [id]);
    const facts: Partial<Record<Stage, Record<string, string>>> = {
      signed: { signedAmount, signedOn: '2025-03-01', agreementRef: `A-${id.slice(0, 8)}` },
      land: { landParcel: 'A-3', landAreaMu: '12.5', landApprovalRef: '格自然资〔2025〕12号', landApprovedOn: '2025-04-01' },
      construction: { constructionStartedOn: '2025-05-01', constructionPermitRef: 'SG-2025-088' },
    };
    for (const next of STAGES.slice(STAGES.indexOf(stage) + 1, STAGES.indexOf(to) + 1)) {
      if (next === 'negotiation') {
        await staff
          .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: '2025-01-10', summary: '走访', ourParticipants: ['张三'] })
          .expect(201);
        await staff.patch(`/api/projects/${id}`, { plannedInvestment: '150000', version: await versionOf(id) }).expect(200);
      }
      if (next === 'evaluation') {
        const opened = await staff
          .post(`/api/projects/${id}/evaluations`, {
            dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
            eliminatedCategory: false,
          })
          .expect(201);
        await staff
          .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
            conclusion: 'pass',
            concludedOn: '2025-02-01',
            version: opened.body.version,
          })
          .expect(200);
      }
      await staff.post(`/api/projects/${id}/stage-moves`, { to: next, version: await versionOf(id), ...(facts[next] ?? {}) }).expect(201);
    }
  }

  it('the seed drafted every chain’s 2025 map from the plan: drafts, each with its quote; the anchor firm marked 链主', async () => {
    const res = await office.get('/api/chain-maps/clean-energy/2025').expect(200);
    const map = (res.body as ChainMapView).map!;
    expect(map.links.length).toBeGreaterThan(5);
    expect(map.links.every((l) => l.draft && !!l.sourceQuote)).toBe(true);
    const source = map.links.find((l) => l.name === '电源建设（风电、光伏）')!;
    expect(source.firms).toEqual([{ enterpriseId: huadian, name: '中国华电集团有限公司格尔木分公司', anchor: true }]);
    const list = await office.get('/api/chain-maps?year=2025').expect(200);
    expect(list.body.map((c: { code: string; hasMap: boolean }) => [c.code, c.hasMap])).toEqual([
      ['clean-energy', true],
      ['salt-lake-chemical', true],
      ['metallurgy', true],
      ['oil-gas-chemical', true],
      ['land-port-logistics', true],
      ['culture-tourism', true],
      ['agri-pastoral', true],
    ]);
  });

  it('access: another chain’s staff get 404, leaders read but may not edit (403), the chain’s staff and the office edit', async () => {
    await otherStaff.get('/api/chain-maps/clean-energy/2030').expect(404);
    await otherStaff.put('/api/chain-maps/clean-energy/2030', document(0)).expect(404);
    await otherStaff.post('/api/chain-maps/clean-energy/2031/draft').expect(404);
    const list = await otherStaff.get('/api/chain-maps?year=2025').expect(200);
    expect(list.body.map((c: { code: string }) => c.code)).toEqual(['culture-tourism']);
    await leader.get('/api/chain-maps/clean-energy/2030').expect(200);
    await leader.put('/api/chain-maps/clean-energy/2030', document(0)).expect(403);
    await admin.put('/api/chain-maps/clean-energy/2030', document(0)).expect(403);
    await leader.get('/api/chain-maps/culture-tourism/2030').expect(404);
    expect(await count(`chain_map WHERE year = 2030`)).toBe(0);

    const created = await staff.put('/api/chain-maps/clean-energy/2030', document(0)).expect(200);
    expect(created.body.map.version).toBe(1);
    expect(created.body.editable).toBe(true);
    const read = await leader.get('/api/chain-maps/clean-energy/2030').expect(200);
    expect(read.body.editable).toBe(false);
    expect(read.body.map.links.map((l: { name: string; parentId: number | null }) => [l.name, l.parentId !== null])).toEqual([
      ['电源建设', false],
      ['风电装备制造', false],
      ['叶片制造', true],
      ['氢能', false],
    ]);
    const ids = read.body.map.links.map((l: { id: number }) => l.id);
    const edited = await office
      .put('/api/chain-maps/clean-energy/2030', document(1, [{ id: ids[0] }, { id: ids[1] }, { id: ids[2] }, { id: ids[3], status: 'weak' }]))
      .expect(200);
    expect(edited.body.map.version).toBe(2);
    expect(edited.body.map.links.map((l: { id: number }) => l.id)).toEqual(ids);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'chain_map' AND entity_id = 'clean-energy/2030' ORDER BY id`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);

    // A stale version: 409 with the map as it is now; nothing written.
    const stale = await staff.put('/api/chain-maps/clean-energy/2030', document(1)).expect(409);
    expect(stale.body.current.map.version).toBe(2);
    expect((await t.dataSource.query(`SELECT version FROM chain_map WHERE year = 2030`))[0].version).toBe(2);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await Promise.all(['chain_map', 'chain_map_link', 'chain_map_target', 'chain_map_link_firm', 'audit_log'].map(count));
    const twice = await office.put('/api/chain-maps/clean-energy/2031', document(0, [{}, {}, {}, { name: '风电装备制造' }])).expect(422);
    expect(Object.keys(twice.body.errors)).toEqual(['links.3.name']);
    expect(twice.body.message).toContain('同一环节只能出现一次');
    const spaced = await office.put('/api/chain-maps/clean-energy/2031', document(0, [{}, {}, {}, { name: ' 风电 装备制造 ' }])).expect(422);
    expect(Object.keys(spaced.body.errors)).toEqual(['links.3.name']);
    const local = await office
      .put('/api/chain-maps/clean-energy/2031', document(0, [{ status: 'weak', kind: 'strengthen', targets: [{ name: '中国华电集团有限公司 格尔木分公司', tags: [] }] }]))
      .expect(422);
    expect(Object.keys(local.body.errors)).toEqual(['links.0.targets.0.name']);
    expect(local.body.errors['links.0.targets.0.name'][0]).toContain('已是该环节的本地企业');
    const tag = await office
      .put('/api/chain-maps/clean-energy/2031', document(0, [{}, { targets: [{ name: '某公司', tags: ['global-500' as never] }] }]))
      .expect(400);
    expect(Object.keys(tag.body.errors)).toEqual(['links.1.targets.0.tags']);
    expect(tag.body.errors['links.1.targets.0.tags'][0]).toContain('央企、500强、上市、民营500强');
    const kindless = await office.put('/api/chain-maps/clean-energy/2031', document(0, [{}, { kind: null }])).expect(422);
    expect(Object.keys(kindless.body.errors)).toEqual(['links.1.kind']);
    const orphan = await office.put('/api/chain-maps/clean-energy/2031', document(0, [{}, {}, { parent: '光伏' }])).expect(422);
    expect(Object.keys(orphan.body.errors)).toEqual(['links.2.parent']);
    const firm = await office
      .put('/api/chain-maps/clean-energy/2031', document(0, [{ firmIds: ['6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11'] }]))
      .expect(400);
    expect(Object.keys(firm.body.errors)).toEqual(['links.0.firmIds.0']);
    const after = await Promise.all(['chain_map', 'chain_map_link', 'chain_map_target', 'chain_map_link_firm', 'audit_log'].map(count));
    expect(after).toEqual(before);
  });

  it('each link’s pipeline equals an independent sum; a gap with no active lead is flagged until a lead is tagged', async () => {
    const saved = await office.put('/api/chain-maps/clean-energy/2032', document(0)).expect(200);
    const link = (name: string) => (saved.body as ChainMapView).map!.links.find((l) => l.name === name)!;
    const wind = link('风电装备制造').id;
    const hydrogen = link('氢能').id;
    expect(link('氢能').unledGap).toBe(true);
    expect(link('电源建设').unledGap).toBe(false);

    // A project tagged with another chain's map is refused, naming the field.
    const [{ id: foreignLink }] = await t.dataSource.query(
      `SELECT l.id FROM chain_map_link l JOIN chain_map m ON m.id = l.map_id JOIN chain c ON c.id = m.chain_id
       WHERE c.code = 'culture-tourism' LIMIT 1`,
    );
    const refused = await staff
      .post('/api/projects', {
        name: '错链项目',
        chain: 'clean-energy',
        investorName: '某投资方',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
        chainLinkId: foreignLink,
      })
      .expect(400);
    expect(Object.keys(refused.body.errors)).toContain('chainLinkId');

    const a = await lead('风电甲', { chainLinkId: wind, chainLinkKind: 'strengthen' });
    const b = await lead('风电乙', { chainLinkId: wind, chainLinkKind: 'strengthen' });
    const c = await lead('风电丙', { chainLinkId: wind, chainLinkKind: 'extend' });
    const d = await lead('风电丁', { chainLinkId: wind });
    await advance(a, 'signed', '120000.5');
    await advance(b, 'signed', '0.000001');
    await advance(c, 'negotiation');
    await staff.post(`/api/projects/${d}/status`, { status: 'dropped', reason: '企业放弃', version: await versionOf(d) }).expect(200);

    const view = (await leader.get('/api/chain-maps/clean-energy/2032').expect(200)).body as ChainMapView;
    const windView = view.map!.links.find((l) => l.id === wind)!;
    const independent: { stage: Stage; count: number; signed: string }[] = await t.dataSource.query(
      `SELECT stage, count(*)::int AS count, sum(signed_amount)::text AS signed FROM project
       WHERE chain_link_id = $1 AND status <> 'dropped' GROUP BY stage ORDER BY stage`,
      [wind],
    );
    expect(windView.pipeline).toEqual(independent.map((r) => ({ stage: r.stage, count: r.count, signedAmount: r.signed })));
    expect(windView.pipeline.find((f) => f.stage === 'signed')).toEqual({ stage: 'signed', count: 2, signedAmount: '120000.500001' });
    expect(windView.projects.map((p) => p.name).sort()).toEqual(['风电丁', '风电丙', '风电乙', '风电甲']);
    expect(windView.activeLeads).toBe(3);
    expect(windView.unledGap).toBe(false);

    // The hydrogen gap: flagged on the map and in the list, until an active lead is tagged with it.
    const gapsOf = async () =>
      (await office.get('/api/chain-maps?year=2032').expect(200)).body.find((s: { code: string }) => s.code === 'clean-energy');
    expect((await gapsOf()).unledGapNames).toEqual(['叶片制造', '氢能']);
    const h = await lead('制氢项目');
    await staff.patch(`/api/projects/${h}`, { chainLinkId: hydrogen, chainLinkKind: 'fill', version: await versionOf(h) }).expect(200);
    const tagged = await staff.get(`/api/projects/${h}`).expect(200);
    expect(tagged.body.project.chainLink).toEqual({ id: hydrogen, name: '氢能', year: 2032 });
    expect(tagged.body.project.chainLinkKind).toBe('fill');
    expect((await gapsOf()).unledGapNames).toEqual(['叶片制造']);
    const hydrogenNow = ((await office.get('/api/chain-maps/clean-energy/2032').expect(200)).body as ChainMapView).map!.links.find(
      (l) => l.id === hydrogen,
    )!;
    expect(hydrogenNow.unledGap).toBe(false);
    // Paused, the lead is no longer active: the flag returns.
    await staff.post(`/api/projects/${h}/status`, { status: 'paused', reason: '企业暂缓', version: await versionOf(h) }).expect(200);
    expect((await gapsOf()).unledGapNames).toEqual(['叶片制造', '氢能']);

    // A link with tagged projects cannot be removed.
    const kept = document(1).links.filter((l) => l.name !== '风电装备制造' && l.name !== '叶片制造');
    const removal = await office.put('/api/chain-maps/clean-energy/2032', { version: 1, links: kept }).expect(422);
    expect(removal.body.message).toContain('风电装备制造');

    // Next year's map drafted from this one: same lineage, so the wind link keeps its pipeline.
    await leader.post('/api/chain-maps/clean-energy/2033/draft').expect(403);
    const drafted = (await staff.post('/api/chain-maps/clean-energy/2033/draft').expect(201)).body as ChainMapView;
    expect(drafted.map!.draftedFrom).toBe(2032);
    expect(drafted.map!.links.map((l) => [l.name, l.draft])).toEqual([
      ['电源建设', true],
      ['风电装备制造', true],
      ['叶片制造', true],
      ['氢能', true],
    ]);
    expect(drafted.map!.links[2].parentId).toBe(drafted.map!.links[1].id);
    expect(drafted.map!.links[1].pipeline).toEqual(windView.pipeline);
    expect(drafted.map!.links[1].targets).toEqual([{ name: '东方电气集团有限公司', tags: ['central-soe', 'fortune-500'], note: null }]);
    await staff.post('/api/chain-maps/clean-energy/2033/draft').expect(409);
  });

  it('exports the target firms of the year’s maps to Excel (目标方向清单), ready to print', async () => {
    await office.put('/api/chain-maps/clean-energy/2034', document(0)).expect(200);
    const res = await leader
      .get('/api/chain-maps/exports/targets?year=2034')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const sheet = (await loadWorkbook(res.body as Buffer)).getWorksheet('目标方向清单')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('2034年招商图谱目标方向清单（目标企业）');
    const rows = [4, 5].map((r) => [2, 4, 5, 6, 7, 8].map((c) => sheet.getRow(r).getCell(c).value));
    expect(rows).toEqual([
      ['清洁能源产业链', '风电装备制造', '弱', '强链', '东方电气集团有限公司', '央企、500强'],
      ['清洁能源产业链', '氢能', '缺失', '补链', '隆基绿能科技股份有限公司', '上市、民营500强'],
    ]);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    await otherStaff.get('/api/chain-maps/exports/targets?year=2034').expect(200);
    await office.get('/api/chain-maps/exports/targets?year=20x4').expect(400);
  });
});
