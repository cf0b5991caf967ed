import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { AlertSettingsView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

/**
 * 预警设置 edited by two people: the four Ns are read with one version; a save on a stale version
 * answers 409 with the Ns as they are now and writes nothing.
 */
describe('alert settings: optimistic version', () => {
  let t: TestApp;
  let office: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    office = await signInAs(t, { roles: ['office'] });
  });
  afterAll(() => t.close());

  const rows = () => t.dataSource.query(`SELECT key, value, version FROM office_setting ORDER BY key`);
  const audits = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);

  it('refuses a save on a stale version with the Ns as they are now; nothing written', async () => {
    const read: AlertSettingsView = (await office.get('/api/settings/alerts').expect(200)).body;
    expect(read).toEqual({ signedNoLandMonths: 6, landNotStartedMonths: 6, constructionMonths: 24, idleDays: 30, version: 4 });

    const first = await office.put('/api/settings/alerts', { ...read, signedNoLandMonths: 9 }).expect(200);
    expect(first.body).toEqual({ ...read, signedNoLandMonths: 9, version: 5 });

    const [before, auditsBefore] = [await rows(), await audits()];
    const stale = await office.put('/api/settings/alerts', { ...read, idleDays: 45 }).expect(409);
    expect(stale.body.message).toContain('预警设置已被他人修改');
    expect(stale.body.current).toEqual(first.body);
    expect(await rows()).toEqual(before);
    expect(await audits()).toBe(auditsBefore);

    // The idle days are shared with 办公室设置: a change there makes this form stale too.
    await t.dataSource.query(
      `INSERT INTO office_setting (key, value, version) VALUES ('project-idle-days', 40, 2)
       ON CONFLICT (key) DO UPDATE SET value = 40, version = office_setting.version + 1`,
    );
    await office.put('/api/settings/alerts', { ...first.body, idleDays: 45 }).expect(409);
    const fresh: AlertSettingsView = (await office.get('/api/settings/alerts').expect(200)).body;
    expect(fresh).toEqual({ ...first.body, idleDays: 40, version: 6 });
    await office.put('/api/settings/alerts', { ...fresh, idleDays: 45 }).expect(200);
  });
});
