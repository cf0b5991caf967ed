import { shanghaiToday } from '@crm/domain';
import { advance, createLead, createPipelineWorld, FACTS, versionOf, type PipelineWorld } from '../../test/pipeline-world';

/**
 * Existing sites (issue 21 §3, 盘活存量): the land gate accepts, instead of a new land approval, an
 * existing site or an idle plant — the site, its title or lease and its area — and the project is
 * marked so wherever it is listed. A claim without its document is refused, nothing written.
 */
describe('the land gate on an existing site or an idle plant', () => {
  let w: PipelineWorld;
  const year = Number(shanghaiToday().slice(0, 4)) - 1;
  const signedFacts = { ...FACTS, signed: { signedAmount: '80000', signedOn: `${year}-03-01`, agreementRef: 'PH-CL-001' } };
  const construction = { constructionStartedOn: `${year}-06-01`, constructionPermitRef: `SG-${year}-101` };
  const existingSite = {
    landRoute: 'existing-site',
    landParcel: '格尔木工业园 原格尔木某化工厂区',
    landAreaMu: '45',
    siteDocumentKind: 'property-title',
    siteDocumentRef: `青(${year})格尔木市不动产权第0001234号`,
    siteDocumentOn: `${year}-02-20`,
  };
  const idlePlant = {
    landRoute: 'idle-plant',
    landParcel: '昆仑经济技术开发区 3号标准化厂房',
    plantAreaSqm: '12000',
    siteDocumentKind: 'lease',
    siteDocumentRef: `ZL-${year}-017`,
    siteDocumentOn: `${year}-04-10`,
  };
  const move = async (id: string, body: Record<string, unknown>, status: number) =>
    w.staff.post(`/api/projects/${id}/stage-moves`, { version: await versionOf(w, id), ...body }).expect(status);
  const row = async (id: string) => (await w.t.dataSource.query(`SELECT * FROM project WHERE id = $1`, [id]))[0];
  const audits = async (id: string): Promise<number> =>
    (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM audit_log WHERE project_id = $1`, [id]))[0].n;
  const moves = async (id: string): Promise<number> =>
    (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project_stage_move WHERE project_id = $1`, [id]))[0].n;
  const fields = (body: { missing: { field: string }[] }) => body.missing.map((m) => m.field);

  /** A signed project of 清洁能源, ready for its land. */
  async function signedProject(name: string): Promise<string> {
    const { id } = await createLead(w, { name });
    await advance(w, id, 'signed', signedFacts);
    return id;
  }

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  it('passes 项目开工 on an existing site without a land approval, and labels the project so', async () => {
    const id = await signedProject('盘活存量 既有用地 光伏组件扩产');
    const res = await move(id, { to: 'construction', ...existingSite, ...construction }, 201);
    expect(res.body).toMatchObject({
      stage: 'construction',
      landRoute: 'existing-site',
      landParcel: existingSite.landParcel,
      landAreaMu: '45.000000',
      landApprovalRef: null,
      landApprovedOn: null,
      siteDocumentKind: 'property-title',
      siteDocumentRef: existingSite.siteDocumentRef,
      siteDocumentOn: existingSite.siteDocumentOn,
      plantAreaSqm: null,
    });

    // The record, the list row and the board card carry the route.
    const detail = await w.staff.get(`/api/projects/${id}`).expect(200);
    expect(detail.body.project.landRoute).toBe('existing-site');
    expect(detail.body.nextStage.missing.map((m: { field: string }) => m.field)).toEqual(['completedOn']);
    const list = await w.staff.get('/api/projects').query({ chain: 'clean-energy', stage: 'construction' }).expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === id)?.landRoute).toBe('existing-site');
    const board = await w.staff.get('/api/chains/clean-energy/board').expect(200);
    const cards = board.body.columns.flatMap((c: { projects: { id: string; landRoute: string }[] }) => c.projects);
    expect(cards.find((p: { id: string }) => p.id === id)?.landRoute).toBe('existing-site');

    // The move's audit row names the route and the document.
    const [audit] = await w.t.dataSource.query(
      `SELECT after FROM audit_log WHERE project_id = $1 AND action = 'stage-move' ORDER BY at DESC LIMIT 1`,
      [id],
    );
    expect(audit.after).toMatchObject({
      stage: 'construction',
      landRoute: 'existing-site',
      siteDocumentKind: 'property-title',
      siteDocumentRef: existingSite.siteDocumentRef,
    });
  });

  it('passes 项目供地 then 项目开工 in an idle plant, its area in 平方米', async () => {
    const { id } = await createLead(w, { name: '盘活存量 闲置厂房 储能电池Pack', major: true });
    await advance(w, id, 'signed', signedFacts);
    const land = await move(id, { to: 'land', ...idlePlant }, 201);
    expect(land.body).toMatchObject({ stage: 'land', landRoute: 'idle-plant', plantAreaSqm: '12000.000000', landAreaMu: null });
    // 重大项目随时报 says what the project has: a site reused, not a land approval.
    const titles: { title: string }[] = await w.t.dataSource.query(
      `SELECT title FROM notification WHERE kind = 'major-project' AND link = $1 ORDER BY created_at, id`,
      [`/projects/${id}`],
    );
    expect(titles.map((n) => n.title)).toContainEqual(expect.stringContaining('重大项目落实场地（闲置厂房（盘活存量））'));
    expect(titles.map((n) => n.title).join()).not.toContain('供地获批');
    const started = await move(id, { to: 'construction', ...construction }, 201);
    expect(started.body).toMatchObject({ stage: 'construction', landRoute: 'idle-plant' });
  });

  it('refuses an existing-site claim without its document, naming the field, and writes nothing', async () => {
    const id = await signedProject('盘活存量 缺少权属证明');
    const before = await row(id);
    const audited = await audits(id);
    const moved = await moves(id);

    const noRef = { ...existingSite, siteDocumentRef: undefined };
    const res = await move(id, { to: 'construction', ...noRef, ...construction }, 422);
    expect(fields(res.body)).toEqual(['siteDocumentRef']);
    expect(res.body.errors.siteDocumentRef[0]).toContain('产权证号或租赁合同编号');
    expect(res.body.message).toContain('不能进入“项目开工”阶段');

    const bare = await move(id, { to: 'land', landRoute: 'existing-site', landParcel: existingSite.landParcel, landAreaMu: '45' }, 422);
    expect(fields(bare.body)).toEqual(['siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn']);

    // Blank, of another kind, or a plant's area that is not positive: 400, naming the field.
    const blank = await move(id, { to: 'land', ...existingSite, siteDocumentRef: '  ' }, 400);
    expect(Object.keys(blank.body.errors)).toEqual(['siteDocumentRef']);
    const kind = await move(id, { to: 'land', ...existingSite, siteDocumentKind: 'deed' }, 400);
    expect(Object.keys(kind.body.errors)).toEqual(['siteDocumentKind']);
    const route = await move(id, { to: 'land', ...existingSite, landRoute: 'borrowed' }, 400);
    expect(Object.keys(route.body.errors)).toEqual(['landRoute']);
    const area = await move(id, { to: 'land', ...idlePlant, plantAreaSqm: '-12000' }, 400);
    expect(Object.keys(area.body.errors)).toEqual(['plantAreaSqm']);
    expect(area.body.errors.plantAreaSqm[0]).toContain('平方米');
    const future = await move(id, { to: 'land', ...existingSite, siteDocumentOn: `${year + 3}-01-01` }, 400);
    expect(Object.keys(future.body.errors)).toEqual(['siteDocumentOn']);

    expect(await row(id)).toEqual(before);
    expect(await audits(id)).toBe(audited);
    expect(await moves(id)).toBe(moved);
  });

  it('still asks a new allocation for its approval, and refuses a lease on it', async () => {
    const id = await signedProject('新增供地 仍需批复');
    const before = await row(id);
    const noApproval: Record<string, string> = { ...FACTS.land };
    delete noApproval['landApprovalRef'];
    delete noApproval['landApprovedOn'];
    const res = await move(id, { to: 'construction', ...noApproval, ...construction }, 422);
    expect(fields(res.body)).toEqual(['landApprovalRef', 'landApprovedOn']);
    const explicit = await move(id, { to: 'land', landRoute: 'new-land', ...noApproval }, 422);
    expect(fields(explicit.body)).toEqual(['landApprovalRef', 'landApprovedOn']);
    const lease = await move(id, {
      to: 'land',
      ...FACTS.land,
      siteDocumentKind: 'lease',
      siteDocumentRef: 'ZL-X',
      siteDocumentOn: `${year}-01-01`,
    }, 400);
    expect(Object.keys(lease.body.errors).sort()).toEqual(['siteDocumentKind', 'siteDocumentOn', 'siteDocumentRef']);
    expect(await row(id)).toEqual(before);

    const moved = await move(id, { to: 'land', ...FACTS.land }, 201);
    expect(moved.body).toMatchObject({ stage: 'land', landRoute: null, landApprovalRef: FACTS.land?.['landApprovalRef'] });
  });

  it('corrects the route: the new route must hold whole, the old document is cleared, audited', async () => {
    const id = await signedProject('盘活存量 用地方式更正');
    await move(id, { to: 'land', ...existingSite }, 201);
    const before = await row(id);
    const audited = await audits(id);

    const noApproval = await w.staff.patch(`/api/projects/${id}`, { version: before.version, landRoute: 'new-land' }).expect(400);
    expect(Object.keys(noApproval.body.errors).sort()).toEqual(['landApprovalRef', 'landApprovedOn']);
    const plant = await w.staff.patch(`/api/projects/${id}`, { version: before.version, landRoute: 'idle-plant' }).expect(400);
    expect(Object.keys(plant.body.errors)).toEqual(['plantAreaSqm']);
    expect(await row(id)).toEqual(before);
    expect(await audits(id)).toBe(audited);

    const corrected = await w.staff
      .patch(`/api/projects/${id}`, {
        version: before.version,
        landRoute: 'new-land',
        landApprovalRef: `格自然资〔${year}〕31号`,
        landApprovedOn: `${year}-05-01`,
      })
      .expect(200);
    expect(corrected.body).toMatchObject({
      landRoute: 'new-land',
      siteDocumentKind: null,
      siteDocumentRef: null,
      siteDocumentOn: null,
      landParcel: existingSite.landParcel,
    });
    const [audit] = await w.t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE project_id = $1 AND action = 'update' ORDER BY at DESC LIMIT 1`,
      [id],
    );
    expect(audit.before).toMatchObject({ landRoute: 'existing-site', siteDocumentRef: existingSite.siteDocumentRef });
    expect(audit.after).toMatchObject({ landRoute: 'new-land', siteDocumentRef: null });
  });
});
