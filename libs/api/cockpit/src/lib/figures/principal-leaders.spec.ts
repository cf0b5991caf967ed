import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, shanghaiToday, type CockpitView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

/**
 * The city's principal leaders (issue 19 §3): the mayor (徐进, 市长) leads some chains, yet answers
 * for the whole city, so the cockpit gives him the city's totals beside those of his chains; a
 * deputy mayor (肖军, 副市长) gets his chains' totals only.
 */
describe('the cockpit for the city’s principal leaders', () => {
  let t: TestApp;
  let office: SignedInAgent;
  let mayor: SignedInAgent;
  let deputy: SignedInAgent;
  const year = Number(shanghaiToday().slice(0, 4));
  const clock = new ManualClock(`${year}-06-15T04:00:00.000Z`);

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [office, mayor, deputy] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '徐进' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
    ]);
  });
  afterAll(() => t.close());

  it('gives the mayor the whole city’s totals beside his own chains’, the same as the office sees', async () => {
    const city: CockpitView = (await office.get(`/api/cockpit?year=${year}&month=6`).expect(200)).body;
    const own: CockpitView = (await mayor.get(`/api/cockpit?year=${year}&month=6`).expect(200)).body;
    expect(own.totals.scope).toBe('led-chains');
    expect(own.chains.length).toBeLessThan(7);
    expect(own.cityTotals?.scope).toBe('city');
    expect(own.cityTotals?.chainCount).toBe(7);
    expect(own.cityTotals).toEqual(city.totals);
    expect(city.cityTotals).toBeUndefined();
  });

  it('gives a deputy mayor his chains’ totals only', async () => {
    const own: CockpitView = (await deputy.get(`/api/cockpit?year=${year}&month=6`).expect(200)).body;
    expect(own.totals.scope).toBe('led-chains');
    expect(own.cityTotals).toBeUndefined();
  });
});
