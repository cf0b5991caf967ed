import { QueueModule } from '@crm/api/core';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type CurrentUserView, type WeeklyDigestView } from '@crm/domain';
import { MeetingsJobsModule, MeetingsModule } from '../meetings.module';
import { WeeklyDigestService } from './weekly-digest.service';

/**
 * The chain-access rule written once (chain_access(user, day)): the session, GET /api/auth/me, the
 * user's digest and the Monday run's recipients give each user the same chains, key-task duty
 * included (a unit responsible for a key task of a chain it does not serve reads that chain).
 */
describe('weekly digest: the chains of chain_access', () => {
  const clock = new ManualClock('2025-06-16T09:00:00+08:00'); // a Monday
  let t: TestApp;
  let digests: WeeklyDigestService;
  const agents: Record<string, SignedInAgent> = {};

  const codesOf = async (userId: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT c.code FROM chain_access($1, '2025-06-16'::date) a JOIN chain c ON c.id = a.chain_id ORDER BY c.code`,
        [userId],
      )
    ).map((r: { code: string }) => r.code);

  beforeAll(async () => {
    t = await createTestApp([QueueModule, MeetingsModule, MeetingsJobsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    digests = t.app.get(WeeklyDigestService);
    // The 2025 plan, published: its key tasks give read access to their responsible units.
    await t.dataSource.query(
      `INSERT INTO annual_plan (year, status, published_at) VALUES (2025, 'published', '2025-02-01T00:00:00+08:00')
       ON CONFLICT (year) DO UPDATE SET status = 'published', published_at = coalesce(annual_plan.published_at, EXCLUDED.published_at)`,
    );
    agents['energyStaff'] = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    agents['office'] = await signInAs(t, { roles: ['office'] });
  });
  afterAll(() => t.close());

  it('gives 市能源局 staff the chains it serves and the one it has a key-task duty in (冶金), and no other', async () => {
    const codes = await codesOf(agents['energyStaff'].user.id);
    expect(codes).toContain('metallurgy');
    const served: { code: string }[] = await t.dataSource.query(
      `SELECT DISTINCT c.code FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id JOIN unit u ON u.id = cu.unit_id WHERE u.name = '市能源局'`,
    );
    expect(served.map((s) => s.code)).not.toContain('metallurgy');
    expect(codes.length).toBeLessThan((await t.dataSource.query(`SELECT id FROM chain`)).length);
  });

  it('/api/auth/me, the digest page and the Monday run agree with chain_access for every user', async () => {
    const sent = await digests.send(clock.now());
    for (const [name, agent] of Object.entries(agents)) {
      const expected = await codesOf(agent.user.id);
      const me = (await agent.get('/api/auth/me').expect(200)).body as CurrentUserView;
      const page = (await agent.get('/api/digests/weekly?week=2025-06-16').expect(200)).body as WeeklyDigestView;
      const run = sent.find((s) => s.userId === agent.user.id);
      expect({ name, me: [...me.chainCodes].sort() }).toEqual({ name, me: expected });
      expect({ name, page: page.chains.map((c) => c.chain.code).sort() }).toEqual({ name, page: expected });
      expect({ name, run: [...(run?.chains ?? [])].sort() }).toEqual({ name, run: expected });
    }
  });
});
