import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import request from 'supertest';
import { AppModule } from './app.module';

describe('audit trail', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let office: SignedInAgent;
  let admin: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    office = await signInAs(t, { roles: ['office'] });
    admin = await signInAs(t, { roles: ['admin'] });
  });
  afterAll(() => t.close());

  it('records who created and changed what, with before and after', async () => {
    const created = await staff.post('/api/enterprises', { name: '东方电气风电股份有限公司', region: '四川省德阳市' }).expect(201);
    const id = created.body.id;
    await staff.patch(`/api/enterprises/${id}`, { region: '青海省格尔木市' }).expect(200);
    // A refused change leaves no trace.
    await staff.patch(`/api/enterprises/${id}`, { name: '' }).expect(400);

    const res = await office.get('/api/audit').query({ entityType: 'enterprise' }).expect(200);
    const entries = res.body.filter((e: { entityId: string }) => e.entityId === id);
    expect(entries).toHaveLength(2);
    const [update, create] = entries;
    expect(create).toMatchObject({ action: 'create', userId: staff.user.id, username: staff.user.username });
    expect(create.after).toMatchObject({ name: '东方电气风电股份有限公司', region: '四川省德阳市' });
    expect(update).toMatchObject({
      action: 'update',
      userId: staff.user.id,
      before: { region: '四川省德阳市' },
      after: { region: '青海省格尔木市' },
    });
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(create.at));
  });

  it('records a project\'s creation, update and stage move with before and after', async () => {
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    const created = await staff
      .post('/api/projects', {
        name: '远景能源风电整机制造',
        chain: 'clean-energy',
        investorName: '远景能源',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
      })
      .expect(201);
    const id = created.body.id;
    await staff.patch(`/api/projects/${id}`, { plannedInvestment: '300000', version: created.body.version }).expect(200);
    await staff
      .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: '2025-01-10', summary: '赴企业总部走访', ourParticipants: ['张三'] })
      .expect(201);
    const [{ version }] = await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]);
    await staff.post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version }).expect(201);

    const res = await office.get('/api/audit').query({ projectId: id }).expect(200);
    const byAction = (action: string) => res.body.filter((e: { action: string; entityType: string }) => e.action === action && e.entityType === 'project');
    expect(byAction('create')).toHaveLength(1);
    expect(byAction('create')[0]).toMatchObject({ userId: staff.user.id, after: expect.objectContaining({ name: '远景能源风电整机制造', stage: 'lead' }) });
    expect(byAction('update')[0]).toMatchObject({ before: { plannedInvestment: null }, after: { plannedInvestment: '300000.000000' } });
    expect(byAction('stage-move')[0]).toMatchObject({
      userId: staff.user.id,
      before: expect.objectContaining({ stage: 'lead' }),
      after: expect.objectContaining({ stage: 'negotiation' }),
    });
  });

  it('records user administration without any password or hash', async () => {
    const created = await admin
      .post('/api/users', { username: 'audit_probe', displayName: '审计测试', roles: ['office'], password: 'first-password-1' })
      .expect(201);
    await admin.patch(`/api/users/${created.body.user.id}`, { roles: ['office', 'leader'], personId: 1 }).expect(200);
    const res = await admin.get('/api/audit').query({ entityType: 'user', userId: admin.user.id }).expect(200);
    const mine = res.body.filter((e: { entityId: string }) => e.entityId === created.body.user.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(mine[0].before).toEqual({ roles: ['office'], personId: null });
    expect(mine[0].after).toEqual({ roles: ['office', 'leader'], personId: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/first-password-1|argon2/);

    // An admin's reset makes the user choose their own password at next sign-in.
    const { version } = (await admin.get('/api/users').expect(200)).body.find((u: { id: string }) => u.id === created.body.user.id);
    await admin.patch(`/api/users/${created.body.user.id}`, { password: 'reset-by-admin-1', version }).expect(200);
    await admin.patch(`/api/users/${created.body.user.id}`, { displayName: '过期版本', version }).expect(409);
    const signIn = await request(t.app.getHttpServer())
      .post('/api/auth/sign-in')
      .send({ username: 'audit_probe', password: 'reset-by-admin-1' })
      .expect(200);
    expect(signIn.body.mustChangePassword).toBe(true);
  });

  it('filters by date range and pages with beforeId', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await office.get('/api/audit').query({ from: future }).expect(200);
    expect(none.body).toEqual([]);
    const firstPage = await office.get('/api/audit').query({ limit: 1 }).expect(200);
    expect(firstPage.body).toHaveLength(1);
    const next = await office.get('/api/audit').query({ limit: 1, beforeId: firstPage.body[0].id }).expect(200);
    expect(Number(next.body[0].id)).toBeLessThan(Number(firstPage.body[0].id));
    await office.get('/api/audit').query({ from: 'yesterday' }).expect(400);
  });

  it('lists newest first by number, past ten entries too, and pages without gaps', async () => {
    for (let i = 0; i < 12; i++) {
      await staff.post('/api/enterprises', { name: `审计排序测试企业${i}` }).expect(201);
    }
    const all = (await office.get('/api/audit').query({ limit: 500 }).expect(200)).body.map((e: { id: string }) => Number(e.id));
    expect(all.length).toBeGreaterThan(12);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const paged: number[] = [];
    let beforeId: string | undefined;
    for (;;) {
      const page = (await office.get('/api/audit').query({ limit: 5, ...(beforeId ? { beforeId } : {}) }).expect(200)).body;
      if (page.length === 0) break;
      paged.push(...page.map((e: { id: string }) => Number(e.id)));
      beforeId = page[page.length - 1].id;
    }
    expect(paged).toEqual(all);
  });

  it('cannot be changed or deleted, even by SQL', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM audit_log ORDER BY id LIMIT 1`);
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'delete' WHERE id = $1`, [id])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/cannot be changed/);
  });

  it('is not readable by staff or leaders', async () => {
    await staff.get('/api/audit').expect(403);
  });
});
