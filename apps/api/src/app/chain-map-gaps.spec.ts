import { CockpitModule } from '@crm/api/cockpit';
import { MeetingsModule } from '@crm/api/meetings';
import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { ChainCockpitView, ChainMapSummary, ChainMapView, MeetingPackView } from '@crm/domain';
import { ChainMapModule } from '@crm/api/chain-map';

/**
 * The gaps with no active lead, as the map's list, the chain leader page and the meeting pack name
 * them: the same links on all three, and a link leaves all three once an active lead is tagged with it.
 */
describe('unled gaps on the leader page and in the meeting pack', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let leader: SignedInAgent;
  let staff: SignedInAgent;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, ChainMapModule, CockpitModule, MeetingsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [office, leader, staff] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
    ]);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO meeting (kind, held_on, chair_name, attendees, agenda, created_by)
       VALUES ('monthly-dispatch', '2025-06-10', '肖军', '{张三}', '审议招商图谱缺口', (SELECT id FROM app_user WHERE username = $1)) RETURNING id`,
      [office.user.username],
    );
    meetingId = id;
    await t.dataSource.query(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = 'clean-energy'`, [id]);
  });
  afterAll(() => t.close());

  const listed = async (): Promise<string[]> =>
    ((await office.get('/api/chain-maps?year=2025').expect(200)).body as ChainMapSummary[]).find((c) => c.code === 'clean-energy')!
      .unledGapNames;
  const onLeaderPage = async (): Promise<string[] | null | undefined> => {
    const page = (await leader.get('/api/cockpit/chains/clean-energy?year=2025&month=6').expect(200)).body as ChainCockpitView;
    return page.mapGaps && page.mapGaps.map((g) => g.name);
  };
  const inPack = async (): Promise<string[] | null | undefined> => {
    const pack = (await office.get(`/api/meetings/${meetingId}/pack`).expect(200)).body as MeetingPackView;
    return pack.chains.find((c) => c.chain.code === 'clean-energy')?.mapGaps;
  };

  it('names the same links on all three, and drops one once an active lead serves it', async () => {
    const before = await listed();
    expect(before).toContain('氢能');
    expect(before.length).toBeGreaterThan(3);
    expect(await onLeaderPage()).toEqual(before);
    expect(await inPack()).toEqual(before);

    const map = (await staff.get('/api/chain-maps/clean-energy/2025').expect(200)).body as ChainMapView;
    const hydrogen = map.map!.links.find((l) => l.name === '氢能')!;
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    await staff
      .post('/api/projects', {
        name: '绿电制氢一体化',
        chain: 'clean-energy',
        investorName: '某能源集团',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
        chainLinkId: hydrogen.id,
        chainLinkKind: 'fill',
      })
      .expect(201);

    const after = before.filter((n) => n !== '氢能');
    expect(await listed()).toEqual(after);
    expect(await onLeaderPage()).toEqual(after);
    expect(await inPack()).toEqual(after);
  });

  it('says when the chain has no map for the year (null), not that it has no gaps', async () => {
    const page = (await leader.get('/api/cockpit/chains/clean-energy?year=2024&month=6').expect(200)).body as ChainCockpitView;
    expect(page.mapGaps).toBeNull();
  });
});
