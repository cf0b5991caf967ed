import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ReferenceModule } from '@crm/api/reference';

/**
 * 联系人 and 企业全景 (issue 20 §1–2) on the real database:
 * - staff: 市数据局, serving 清洁能源; other: 市文体旅游广电局, serving 文化旅游 only.
 */
describe('contacts, the firm page and merges', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let other: SignedInAgent;
  let office: SignedInAgent;
  let admin: SignedInAgent;
  let unitId: number;
  let otherUnitId: number;
  let seq = 0;

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n);
  const firm = async (extra: Record<string, unknown> = {}) =>
    (await office.post('/api/enterprises', { name: `测试企业${++seq}有限公司`, ...extra }).expect(201)).body as {
      id: string;
      name: string;
      version: number;
    };
  const lead = async (agent: SignedInAgent, enterpriseId: string, chain = 'clean-energy', unit = unitId) =>
    (
      await agent
        .post('/api/projects', {
          name: `测试项目${++seq}`,
          chain,
          enterpriseId,
          sourceChannel: 'through-firms',
          responsibleUnitId: unit,
        })
        .expect(201)
    ).body.id as string;
  const contact = async (enterpriseId: string, extra: Record<string, unknown> = {}) =>
    (
      await staff
        .post('/api/contacts', { enterpriseId, name: '张伟', title: '副总经理', mobile: '138 0000 1234', email: 'zhang.wei@example.com', ...extra })
        .expect(201)
    ).body;

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule, PipelineModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [staff, other, office, admin] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['admin'] }),
    ]);
    [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    [{ id: otherUnitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市文体旅游广电局'`);
  }, 180_000);
  afterAll(() => t.close());

  it('shows a contact only to chains working with the firm, masked; showing the number is audited', async () => {
    const a = await firm();
    const project = await lead(staff, a.id);
    const created = await contact(a.id, { projectIds: [project], knownByUserIds: [staff.user.id] });
    expect(created).toMatchObject({ name: '张伟', mobileMasked: '138****1234', projectIds: [project], anonymised: false });
    expect(created.knownBy.map((u: { id: string }) => u.id)).toEqual([staff.user.id]);
    expect(JSON.stringify(created)).not.toContain('13800001234');

    const mine = await staff.get('/api/contacts').query({ enterpriseId: a.id }).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect(JSON.stringify(mine.body)).not.toContain('13800001234');
    expect((await office.get('/api/contacts').query({ enterpriseId: a.id }).expect(200)).body.total).toBe(1);

    // A staff member of an unrelated chain: no contact, no number, anywhere.
    const theirs = await other.get('/api/contacts').query({ enterpriseId: a.id }).expect(200);
    expect(theirs.body).toEqual({ items: [], total: 0 });
    await other.get(`/api/contacts/${created.id}`).expect(404);
    await other.post(`/api/contacts/${created.id}/reveal`).expect(404);
    const page = await other.get(`/api/enterprises/${a.id}/overview`).expect(200);
    expect(page.body.contacts).toEqual([]);
    expect(page.body.projects).toEqual([]);
    expect(page.body.hiddenProjects).toBe(1);
    expect(JSON.stringify(page.body)).not.toContain('张伟');
    expect(await count('audit_log', `action = 'reveal'`)).toBe(0);

    const shown = await staff.post(`/api/contacts/${created.id}/reveal`).expect(200);
    expect(shown.body).toEqual({ id: created.id, mobile: '13800001234' });
    const [audit] = await t.dataSource.query(
      `SELECT user_id, entity_type, entity_id FROM audit_log WHERE action = 'reveal' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ user_id: staff.user.id, entity_type: 'contact', entity_id: created.id });

    const exported = await staff.get('/api/contacts/export').query({ enterpriseId: a.id }).expect(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const [exportAudit] = await t.dataSource.query(
      `SELECT user_id, after FROM audit_log WHERE action = 'export' AND entity_type = 'contact' ORDER BY id DESC LIMIT 1`,
    );
    expect(exportAudit).toEqual({ user_id: staff.user.id, after: { enterpriseId: a.id, projectId: null, count: 1 } });
  });

  it('refuses a bad mobile, e-mail, a missing or unknown firm, and a stale edit, writing nothing', async () => {
    const a = await firm();
    const b = await firm();
    const bProject = await lead(staff, b.id);
    const before = await count('enterprise_contact');
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ enterpriseId: a.id, name: '李娜', mobile: '12800001234' }, 400, 'mobile', '手机号码'],
      [{ enterpriseId: a.id, name: '李娜', mobile: '1380000123' }, 400, 'mobile', '手机号码'],
      [{ enterpriseId: a.id, name: '李娜', email: 'li.na@' }, 400, 'email', '电子邮箱'],
      [{ name: '李娜', mobile: '13900001111' }, 400, 'enterpriseId', '企业'],
      [{ enterpriseId: a.id, name: '  ' }, 400, 'name', '姓名'],
      [{ enterpriseId: '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11', name: '李娜' }, 422, 'enterpriseId', '企业'],
      [{ enterpriseId: a.id, name: '李娜', projectIds: [bProject] }, 422, 'projectIds', '关联项目'],
    ];
    for (const [body, status, field, text] of cases) {
      const res = await staff.post('/api/contacts', body).expect(status);
      expect(res.body.errors[field].join(' ')).toContain(text);
    }
    expect(await count('enterprise_contact')).toBe(before);

    const c = await contact(a.id);
    await staff.patch(`/api/contacts/${c.id}`, { title: '总经理', version: c.version }).expect(200);
    const stale = await staff.patch(`/api/contacts/${c.id}`, { title: '董事长', version: c.version }).expect(409);
    expect(stale.body.current.title).toBe('总经理');
    await staff.patch(`/api/contacts/${c.id}`, { mobile: '10000000000', version: c.version + 1 }).expect(400);
    const [row] = await t.dataSource.query(`SELECT title, mobile, version FROM enterprise_contact WHERE id = $1`, [c.id]);
    expect(row).toEqual({ title: '总经理', mobile: '13800001234', version: c.version + 1 });
  });

  it('anonymises a person on request, keeping the activities they took part in', async () => {
    const a = await firm();
    const project = await lead(staff, a.id);
    const c = await contact(a.id, { projectIds: [project], knownByUserIds: [staff.user.id] });
    const logged = await staff
      .post(`/api/projects/${project}/activities`, { kind: 'visit', occurredOn: '2025-01-10', summary: '走访企业总部', contactIds: [c.id] })
      .expect(201);
    expect(logged.body.contacts).toEqual([{ id: c.id, name: '张伟', title: '副总经理' }]);

    // A contact of another firm cannot be named on this project's activity; nothing is written.
    const stranger = await contact((await firm()).id, { name: '王强' });
    const activities = await count('project_activity');
    const refused = await staff
      .post(`/api/projects/${project}/activities`, { kind: 'call', occurredOn: '2025-01-11', summary: '电话沟通', contactIds: [stranger.id] })
      .expect(422);
    expect(refused.body.errors.contactIds).toBeDefined();
    expect(await count('project_activity')).toBe(activities);

    await staff.post(`/api/contacts/${c.id}/anonymise`, { reason: '本人要求删除', version: c.version }).expect(403);
    const gone = await office.post(`/api/contacts/${c.id}/anonymise`, { reason: '本人来电要求删除个人信息', version: c.version }).expect(200);
    expect(gone.body).toMatchObject({ name: '已删除联系人', title: null, mobileMasked: null, email: null, anonymised: true, knownBy: [] });
    await staff.post(`/api/contacts/${c.id}/reveal`).expect(200, { id: c.id, mobile: null });

    const detail = await staff.get(`/api/projects/${project}`).expect(200);
    const entry = detail.body.timeline.find((e: { kind: string; activity?: { id: string } }) => e.activity?.id === logged.body.id);
    expect(entry.activity.summary).toBe('走访企业总部');
    expect(entry.activity.contacts).toEqual([{ id: c.id, name: '已删除联系人', title: null }]);
    // The audit keeps that it happened and why, and no copy of what was removed.
    const [audit] = await t.dataSource.query(`SELECT user_id, after FROM audit_log WHERE action = 'anonymise' AND entity_id = $1`, [c.id]);
    expect(audit.after).toEqual({ enterpriseId: a.id, reason: '本人来电要求删除个人信息' });
    const trail = JSON.stringify(await t.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_id = $1`, [c.id]));
    expect(trail).not.toContain('张伟');
    expect(trail).not.toContain('13800001234');
  });

  it('the firm page shows the group within what the reader may see', async () => {
    const parent = await firm({ creditCode: '91350100M000100Y43' });
    const sub = await firm({ parentEnterpriseId: parent.id });
    const subProject = await lead(staff, sub.id);
    const parentProject = await lead(other, parent.id, 'culture-tourism', otherUnitId);
    await staff.post(`/api/projects/${subProject}/activities`, { kind: 'visit', occurredOn: '2025-02-01', summary: '考察子公司' }).expect(201);

    const mine = await staff.get(`/api/enterprises/${parent.id}/overview`).expect(200);
    expect(mine.body.projects.map((p: { id: string }) => p.id)).toEqual([subProject]);
    expect(mine.body.hiddenProjects).toBe(1);
    expect(mine.body.subsidiaries).toEqual([{ id: sub.id, name: sub.name, creditCode: null }]);
    expect(mine.body.activities.map((a: { summary: string }) => a.summary)).toEqual(['考察子公司']);
    expect(mine.body.timeline.map((e: { kind: string }) => e.kind).sort()).toEqual(['activity', 'project']);

    const fromSub = await office.get(`/api/enterprises/${sub.id}/overview`).expect(200);
    expect(fromSub.body.parent).toEqual({ id: parent.id, name: parent.name, creditCode: '91350100M000100Y43' });
    expect(fromSub.body.projects.map((p: { id: string }) => p.id).sort()).toEqual([subProject, parentProject].sort());
    expect(fromSub.body.hiddenProjects).toBe(0);

    // A group is a tree: not its own parent, nor under its own subsidiary.
    const [{ version }] = await t.dataSource.query(`SELECT version FROM enterprise WHERE id = $1`, [parent.id]);
    const cycle = await office.patch(`/api/enterprises/${parent.id}`, { parentEnterpriseId: sub.id, version }).expect(422);
    expect(cycle.body.errors.parentEnterpriseId.join(' ')).toContain('下属企业');
    await office.patch(`/api/enterprises/${parent.id}`, { parentEnterpriseId: parent.id, version }).expect(422);
    await office.get('/api/enterprises/6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11/overview').expect(404);
  });

  it('merges a duplicate (projects, contacts, subsidiaries, credit code) and the admin undoes it', async () => {
    const duplicate = await firm({ creditCode: '91110000100010433L' });
    const kept = await firm();
    const sub = await firm({ parentEnterpriseId: duplicate.id });
    const project = await lead(staff, duplicate.id);
    const c = await contact(duplicate.id, { projectIds: [project] });

    const self = await office.post(`/api/enterprises/${duplicate.id}/merge`, { into: duplicate.id }).expect(422);
    expect(self.body.errors.into.join(' ')).toContain('自己');
    const intoSub = await office.post(`/api/enterprises/${duplicate.id}/merge`, { into: sub.id }).expect(422);
    expect(intoSub.body.errors.into.join(' ')).toContain('下属企业');
    await office.post(`/api/enterprises/${duplicate.id}/merge`, { into: 'x' }).expect(400);
    await staff.post(`/api/enterprises/${duplicate.id}/merge`, { into: kept.id }).expect(403);
    expect(await count('enterprise_merge')).toBe(0);

    const merged = await office.post(`/api/enterprises/${duplicate.id}/merge`, { into: kept.id }).expect(201);
    expect(merged.body).toMatchObject({ movedProjects: 1, movedContacts: 1, movedSubsidiaries: 1, movedCreditCode: '91110000100010433L' });
    const state = async () => ({
      project: (await t.dataSource.query(`SELECT enterprise_id, investor_name FROM project WHERE id = $1`, [project]))[0],
      contact: (await t.dataSource.query(`SELECT enterprise_id FROM enterprise_contact WHERE id = $1`, [c.id]))[0].enterprise_id,
      sub: (await t.dataSource.query(`SELECT parent_enterprise_id FROM enterprise WHERE id = $1`, [sub.id]))[0].parent_enterprise_id,
      firms: await t.dataSource.query(
        `SELECT id, rtrim(credit_code) AS code, merged_into_id FROM enterprise WHERE id = ANY ($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
        [[duplicate.id, kept.id]],
      ),
    });
    expect(await state()).toEqual({
      project: { enterprise_id: kept.id, investor_name: kept.name },
      contact: kept.id,
      sub: kept.id,
      firms: [
        { id: duplicate.id, code: null, merged_into_id: kept.id },
        { id: kept.id, code: '91110000100010433L', merged_into_id: null },
      ],
    });
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_log WHERE action = 'merge' AND entity_id = $1`, [duplicate.id]);
    expect(audit.after).toMatchObject({ into: kept.id, projectIds: [project], contactIds: [c.id], subsidiaryIds: [sub.id] });
    const found = await office.get('/api/enterprises').query({ q: duplicate.name }).expect(200);
    expect(found.body.items).toEqual([]);

    await office.post(`/api/enterprises/${duplicate.id}/merges/${merged.body.id}/undo`).expect(403);
    const undone = await admin.post(`/api/enterprises/${kept.id}/merges/${merged.body.id}/undo`).expect(200);
    expect(undone.body.undoneAt).not.toBeNull();
    expect(await state()).toEqual({
      project: { enterprise_id: duplicate.id, investor_name: duplicate.name },
      contact: duplicate.id,
      sub: duplicate.id,
      firms: [
        { id: duplicate.id, code: '91110000100010433L', merged_into_id: null },
        { id: kept.id, code: null, merged_into_id: null },
      ],
    });
    expect(await count('audit_log', `action = 'undo' AND entity_id = $1`, [duplicate.id])).toBe(1);
    await admin.post(`/api/enterprises/${duplicate.id}/merges/${merged.body.id}/undo`).expect(422);
  });
});
