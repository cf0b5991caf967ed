import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { DOCUMENT_SETTINGS, ManualClock } from '@crm/domain';
import { ReportingModule } from '../reporting.module';
import { rollUpNumber } from './document-setting.service';

describe('document settings /api/document-settings and document numbers', () => {
  const clock = new ManualClock('2031-04-02T09:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let staff: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp([ReportingModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    office = await signInAs(t, { roles: ['office'] });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
  });
  afterAll(() => t.close());

  it('lists the defaults, lets the office change one (audited) and refuses what is too long, unknown or not the office’s', async () => {
    const before = await office.get('/api/document-settings').expect(200);
    expect(before.body.find((s: { key: string }) => s.key === 'number-prefix').value).toBe(DOCUMENT_SETTINGS['number-prefix'].default);

    const saved = await office.put('/api/document-settings/number-prefix', { value: '  格招办 ', version: 1 }).expect(200);
    expect(saved.body).toMatchObject({ key: 'number-prefix', value: '格招办', updatedBy: expect.any(String), version: 2 });
    // Saved over a version someone else changed: 409 with the setting as it is now, nothing changed.
    const stale = await office.put('/api/document-settings/number-prefix', { value: '格办', version: 1 }).expect(409);
    expect(stale.body.current).toMatchObject({ value: '格招办', version: 2 });
    expect(stale.body.message).toContain('已被他人修改');
    const [audit] = await t.dataSource.query(
      `SELECT before, after, at FROM audit_log WHERE entity_type = 'document_setting' AND entity_id = 'number-prefix'`,
    );
    expect(audit.after).toEqual({ value: '格招办' });
    expect(new Date(audit.at).toISOString()).toBe(clock.now().toISOString());

    const tooLong = await office.put('/api/document-settings/number-prefix', { value: '字'.repeat(21) }).expect(422);
    expect(tooLong.body.message).toContain('最多20个字');
    await office.put('/api/document-settings/nonsense', { value: 'x' }).expect(404);
    await office.put('/api/document-settings/issuer', { value: '' }).expect(400);
    await staff.put('/api/document-settings/issuer', { value: '某单位' }).expect(403);
    const after = await office.get('/api/document-settings').expect(200);
    expect(after.body.find((s: { key: string }) => s.key === 'number-prefix').value).toBe('格招办');
  });

  it('numbers each month once, in order within its year, and keeps the number on later exports', async () => {
    const m = t.dataSource.manager;
    expect(await rollUpNumber(m, '2031-02', clock.now())).toEqual({ year: 2031, seq: 1 });
    expect(await rollUpNumber(m, '2031-03', clock.now())).toEqual({ year: 2031, seq: 2 });
    expect(await rollUpNumber(m, '2031-02', clock.now())).toEqual({ year: 2031, seq: 1 });
    expect(await rollUpNumber(m, '2032-01', clock.now())).toEqual({ year: 2032, seq: 1 });
  });
});
