import { QueueModule } from '@crm/api/core';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { OfficeSettingView } from '@crm/domain';
import { ReportingModule } from '../reporting.module';

/** 办公室设置 edited by two people: a save on a stale version answers 409 with the setting as it is now. */
describe('office settings: optimistic version', () => {
  let t: TestApp;
  let office: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp([QueueModule, ReportingModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    office = await signInAs(t, { roles: ['office'] });
  });
  afterAll(() => t.close());

  const setting = async (key: string): Promise<OfficeSettingView> =>
    ((await office.get('/api/office-settings').expect(200)).body as OfficeSettingView[]).find((s) => s.key === key) as OfficeSettingView;

  it('reads version 1 for a setting never saved; a stale save is refused and writes nothing', async () => {
    const read = await setting('ranking-weight-signed');
    expect(read.version).toBe(1);
    const saved = await office.put('/api/office-settings/ranking-weight-signed', { value: read.value + 1, version: 1 }).expect(200);
    expect(saved.body).toEqual(expect.objectContaining({ value: read.value + 1, version: 2 }));

    const stale = await office.put('/api/office-settings/ranking-weight-signed', { value: read.value + 2, version: 1 }).expect(409);
    expect(stale.body.message).toContain('该设置已被他人修改');
    expect(stale.body.current).toEqual(expect.objectContaining({ key: 'ranking-weight-signed', value: read.value + 1, version: 2 }));
    const [row] = await t.dataSource.query(`SELECT value, version FROM office_setting WHERE key = 'ranking-weight-signed'`);
    expect(row).toEqual({ value: read.value + 1, version: 2 });

    await office.put('/api/office-settings/ranking-weight-signed', { value: read.value, version: 2 }).expect(200);
    await office.put('/api/office-settings/ranking-weight-signed', { value: read.value, version: -1 }).expect(400);
  });
});
