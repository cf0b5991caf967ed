import { blockedByNeeds } from '@crm/api/guarantees';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type BlockedByNeedView, type ChainCockpitView, type MeetingPackView, type RollUpView } from '@crm/domain';
import { AppModule } from './app.module';

/**
 * 要素制约: the chain leader page, the meeting pack (JSON and Word) and the roll-up (page and Word)
 * list the same projects held up by a need — the rows blockedByNeeds gives — with the bureau and
 * how long. The clock is set in the seeded plan's year, never the machine's.
 */
describe('projects blocked by a need, on every screen that lists them', () => {
  let t: TestApp;
  let clock: ManualClock;
  let year: number;
  let sender: SignedInAgent;
  let land: SignedInAgent;
  let water: SignedInAgent;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let meetingId: string;
  const at = (monthDay: string, time = '10:00') => `${year}-${monthDay}T${time}:00+08:00`;
  const rows = (list: BlockedByNeedView[] | undefined) =>
    (list ?? []).map((b) => `${b.project.name}|${b.need}|${b.unit.name}|${b.dueOn}|${b.daysSinceSent}|${b.daysOverdue}|${b.status}`).sort();

  beforeAll(async () => {
    clock = new ManualClock('2000-01-01T00:00:00Z');
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [{ year }] = await t.dataSource.query(`SELECT max(year)::int AS year FROM annual_plan WHERE status = 'published'`);
    clock.set(at('06-02'));
    [sender, land, water, office, leader] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市自然资源局' }),
      signInAs(t, { roles: ['staff'], unit: '市水利局' }),
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
    ]);
    const unit = async (name: string): Promise<number> => (await t.dataSource.query(`SELECT id FROM unit WHERE name = $1`, [name]))[0].id;
    const project = (
      await sender
        .post('/api/projects', {
          name: '格尔木光伏制氢一体化项目',
          chain: 'clean-energy',
          investorName: '某新能源集团',
          sourceChannel: 'through-firms',
          responsibleUnitId: await unit('市数据局'),
        })
        .expect(201)
    ).body;
    const send = async (body: Record<string, unknown>) =>
      (await sender.post(`/api/projects/${project.id}/guarantee-requests`, body).expect(201)).body;
    await send({ kind: 'land', areaMu: '300', unitId: await unit('市自然资源局'), dueOn: `${year}-06-05` });
    await send({ kind: 'power', powerKw: '50000', unitId: await unit('市能源局'), dueOn: `${year}-06-30` });
    const waterNeed = await send({ kind: 'water', waterM3PerYear: '800000', unitId: await unit('市水利局'), dueOn: `${year}-06-05` });
    const minerals = await send({ kind: 'minerals', description: '萤石', quantity: '20', quantityUnit: '万吨/年', unitId: await unit('市自然资源局'), dueOn: `${year}-07-31` });
    await water
      .post(`/api/guarantee-requests/${waterNeed.id}/answers`, { status: 'secured', statusOn: `${year}-06-02`, version: waterNeed.version })
      .expect(200);
    await land
      .post(`/api/guarantee-requests/${minerals.id}/answers`, {
        status: 'cannot-meet',
        statusOn: `${year}-06-02`,
        note: '矿业权尚未出让',
        version: minerals.version,
      })
      .expect(200);

    clock.set(at('06-20'));
    [{ id: meetingId }] = await t.dataSource.query(
      `INSERT INTO meeting (kind, held_on, chair_name, attendees, agenda, created_by, created_at)
       VALUES ('monthly-dispatch', $1, '肖军', '{张三}', '要素保障调度', (SELECT id FROM app_user WHERE username = $2), $3) RETURNING id`,
      [`${year}-06-20`, office.user.username, clock.now()],
    );
    await t.dataSource.query(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = 'clean-energy'`, [meetingId]);
    const opened = await office.post('/api/reporting-periods', { period: `${year}-06` });
    expect(opened.status).toBeLessThan(300);
  });
  afterAll(() => t.close());

  it('lists the same needs, bureaus and days on the leader page, in the meeting pack and in the roll-up', async () => {
    const expected = rows(await blockedByNeeds(t.dataSource.manager, { chainIds: null, asOf: `${year}-06-20` }));
    // The land need is 15 days past its due date; the mineral need was found impossible; the water need was secured.
    expect(expected).toEqual([
      `格尔木光伏制氢一体化项目|用地 300亩|市自然资源局|${year}-06-05|18|15|sent`,
      `格尔木光伏制氢一体化项目|矿产资源（萤石） 20万吨/年|市自然资源局|${year}-07-31|18|null|cannot-meet`,
    ]);

    const page = (await leader.get(`/api/cockpit/chains/clean-energy?year=${year}&month=6`).expect(200)).body as ChainCockpitView;
    expect(rows(page.blockedByNeeds)).toEqual(expected);

    const pack = (await office.get(`/api/meetings/${meetingId}/pack`).expect(200)).body as MeetingPackView;
    expect(rows(pack.chains.find((c) => c.chain.code === 'clean-energy')?.blockedByNeeds)).toEqual(expected);

    const rollUp = (await office.post(`/api/roll-ups/${year}-06/build`, {}).expect(200)).body as RollUpView;
    expect(rows(rollUp.figures.blockedByNeeds)).toEqual(expected);
  });

  it('prints them in the meeting pack’s Word file', async () => {
    const res = await office.get(`/api/meetings/${meetingId}/pack.docx`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('要素保障制约项目');
    expect(text).toContain('用地 300亩');
    expect(text).toContain('逾期 15 天');
  });
});
