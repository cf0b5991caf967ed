import { hashPassword } from '@crm/api/auth';
import { createTestApp, type TestApp } from '@crm/api/testing';
import { DEMO_USERS, seedDemoUsers } from '@crm/migrations';
import request from 'supertest';
import { AppModule } from './app.module';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  it('is absent from a normal start, and gives every role a user once loaded, idempotently', async () => {
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM app_user`))[0].n);
    expect(await count()).toBe(0);
    const hash = await hashPassword('demo-password-1');
    expect(await seedDemoUsers(t.dataSource.manager, hash)).toHaveLength(DEMO_USERS.length);
    expect(await seedDemoUsers(t.dataSource.manager, hash)).toEqual([]);
    expect(await count()).toBe(DEMO_USERS.length);

    const roles = await t.dataSource.query(`SELECT DISTINCT unnest(roles) AS role FROM app_user ORDER BY 1`);
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['admin', 'leader', 'office', 'staff']);

    const staff = await request(t.app.getHttpServer())
      .post('/api/auth/sign-in')
      .send({ username: 'demo-staff-energy', password: 'demo-password-1' })
      .expect(200);
    expect(staff.body.chainCodes).toEqual(['clean-energy', 'oil-gas-chemical']);
    expect(staff.body.editableChainCodes).toEqual(['clean-energy', 'oil-gas-chemical']);
    const leader = await request(t.app.getHttpServer())
      .post('/api/auth/sign-in')
      .send({ username: 'demo-leader-xu', password: 'demo-password-1' })
      .expect(200);
    expect(leader.body.chainCodes).toEqual(['salt-lake-chemical', 'metallurgy', 'land-port-logistics']);
    expect(leader.body.editableChainCodes).toEqual([]);
  });
});
