import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, addDays, shanghaiToday, type AuditLogEntryView } from '@crm/domain';
import { AppModule } from './app.module';

/**
 * The audit log in words (issue 17 §7): GET /api/audit names the record, the project and the
 * person, gives the changes before → after in words (stages by name, amounts in 万元) with a link,
 * and filters by project, person, unit, record type and Shanghai days.
 */
describe('audit log in words', () => {
  // Two instants an hour apart on either side of a Shanghai midnight (yesterday's, so every
  // date stays in the past): the day filters must split them there, not at UTC midnight.
  const dayOne = addDays(shanghaiToday(new Date()), -1);
  const dayTwo = addDays(dayOne, 1);
  const lateOnDayOne = `${dayOne}T23:30:00+08:00`;
  const earlyOnDayTwo = `${dayTwo}T00:30:00+08:00`;
  const clock = new ManualClock(lateOnDayOne);

  let t: TestApp;
  let staff: SignedInAgent;
  let office: SignedInAgent;
  let admin: SignedInAgent;
  let energyUnitId: number;
  let farmUnitId: number;
  let projectId: string;
  let userId: string;
  const projectName = `审计测试光伏储能一体化项目-${Date.now()}`;

  const audit = async (query: Record<string, string | number>): Promise<AuditLogEntryView[]> =>
    (await office.get('/api/audit').query(query).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    office = await signInAs(t, { roles: ['office'] });
    admin = await signInAs(t, { roles: ['admin'] });
    await t.dataSource.query(`UPDATE app_user SET display_name = '王建国' WHERE id = $1`, [staff.user.id]);
    await t.dataSource.query(`UPDATE app_user SET display_name = '李管理' WHERE id = $1`, [admin.user.id]);
    [{ id: energyUnitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市能源局'`);
    [{ id: farmUnitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市农牧局'`);

    // Day one, 23:30 Shanghai: the project is entered and its planned investment changed.
    const created = await staff
      .post('/api/projects', {
        name: projectName,
        chain: 'clean-energy',
        investorName: '某新能源有限公司',
        sourceChannel: 'through-firms',
        responsibleUnitId: energyUnitId,
        plannedInvestment: '12000.5',
      })
      .expect(201);
    projectId = created.body.id;
    await staff.patch(`/api/projects/${projectId}`, { plannedInvestment: '300000', version: created.body.version }).expect(200);

    // Day two, 00:30 Shanghai: a visit, the move to 对接洽谈, and an admin's change of a user.
    clock.set(earlyOnDayTwo);
    await staff
      .post(`/api/projects/${projectId}/activities`, { kind: 'visit', occurredOn: dayTwo, summary: '赴企业总部走访', ourParticipants: ['张三'] })
      .expect(201);
    const [{ version }] = await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [projectId]);
    await staff.post(`/api/projects/${projectId}/stage-moves`, { to: 'negotiation', version }).expect(201);
    const user = await admin
      .post('/api/users', { username: `audit_${Date.now()}`, displayName: '赵审计', roles: ['staff'], unitId: energyUnitId })
      .expect(201);
    userId = user.body.user.id;
    await admin
      .patch(`/api/users/${userId}`, { roles: ['staff', 'office'], unitId: farmUnitId, version: user.body.user.version })
      .expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('answers a project\'s entries with the record\'s name, the person\'s name and unit, the changes in words and a link', async () => {
    const entries = await audit({ projectId });
    expect(entries.map((e) => [e.entityType, e.action])).toEqual([
      ['project', 'stage-move'],
      ['activity', 'create'],
      ['project', 'update'],
      ['project', 'create'],
    ]);
    const [move, visit, update] = entries;
    expect(move).toMatchObject({
      entityLabel: '招商项目',
      entityLabelEn: 'Project',
      actionLabel: '阶段变更',
      recordName: projectName,
      projectName,
      userDisplayName: '王建国',
      userUnitName: '市能源局',
      link: `/projects/${projectId}`,
      // The stored entry is still there for whoever read it before.
      userId: staff.user.id,
      username: staff.user.username,
      before: { stage: 'lead' },
    });
    expect(move.changes).toContainEqual({ field: 'stage', label: '阶段', labelEn: 'Stage', before: '信息收集', after: '对接洽谈' });
    expect(move.changes).toContainEqual(expect.objectContaining({ field: 'direction', label: '变更方向', after: '推进' }));
    expect(update.changes).toContainEqual({
      field: 'plannedInvestment',
      label: '计划总投资',
      labelEn: 'Planned investment',
      before: '12,000.5万元',
      after: '300,000万元',
    });
    expect(update.changes.map((c) => c.field)).not.toContain('version');
    expect(visit).toMatchObject({ entityLabel: '跟进记录', projectName, link: `/projects/${projectId}` });
    expect(visit.changes).toContainEqual(expect.objectContaining({ field: 'kind', label: '跟进方式', before: null, after: '走访' }));
    expect(visit.changes).toContainEqual(expect.objectContaining({ field: 'occurredOn', label: '跟进日期', after: dayTwo }));
  });

  it('answers a user\'s change with the user\'s name, roles and units by name, and the users page', async () => {
    const [change] = (await audit({ entityType: 'user', userId: admin.user.id })).filter((e) => e.entityId === userId && e.action === 'update');
    expect(change).toMatchObject({
      entityLabel: '系统用户',
      recordName: '赵审计',
      userDisplayName: '李管理',
      userUnitName: null,
      projectName: null,
      link: '/users',
    });
    expect(change.changes).toEqual(
      expect.arrayContaining([
        { field: 'roles', label: '角色', labelEn: 'Roles', before: '专班工作人员', after: '专班工作人员、领导小组办公室' },
        { field: 'unitId', label: '所在单位', labelEn: 'Unit', before: '市能源局', after: '市农牧局' },
      ]),
    );
  });

  it('filters by person, by unit (its users) and by record type', async () => {
    const byStaff = await audit({ userId: staff.user.id });
    expect(byStaff.length).toBeGreaterThanOrEqual(4);
    expect(byStaff.every((e) => e.userId === staff.user.id)).toBe(true);

    const byUnit = await audit({ unitId: energyUnitId });
    expect(byUnit.map((e) => e.id)).toEqual(expect.arrayContaining(byStaff.map((e) => e.id)));
    expect(byUnit.every((e) => e.userUnitName === '市能源局')).toBe(true);
    expect(byUnit.some((e) => e.userId === admin.user.id)).toBe(false);
    expect(await audit({ unitId: farmUnitId })).toEqual([]);

    const activities = await audit({ entityType: 'activity' });
    expect(activities.length).toBeGreaterThanOrEqual(1);
    expect(activities.every((e) => e.entityType === 'activity')).toBe(true);
  });

  it('filters by Shanghai days, both ends inclusive, split at Shanghai midnight', async () => {
    const onDayOne = await audit({ projectId, fromDay: dayOne, toDay: dayOne });
    expect(onDayOne.map((e) => e.action)).toEqual(['update', 'create']);
    const onDayTwo = await audit({ projectId, fromDay: dayTwo });
    expect(onDayTwo.map((e) => e.action)).toEqual(['stage-move', 'create']);
    expect(onDayTwo.map((e) => e.entityType)).toEqual(['project', 'activity']);
    expect(await audit({ projectId, toDay: addDays(dayOne, -1) })).toEqual([]);
  });

  it('pages by id and refuses bad filters with a message, in Chinese first', async () => {
    const [first] = await audit({ projectId, limit: 1 });
    const [second] = await audit({ projectId, limit: 1, beforeId: first.id });
    expect(Number(second.id)).toBeLessThan(Number(first.id));
    expect(second.action).toBe('create');

    const refused = async (query: Record<string, string>, field: string) => {
      const res = await office.get('/api/audit').query(query).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
      expect(JSON.stringify(res.body)).toMatch(/\p{Script=Han}/u);
    };
    await refused({ unitId: 'abc' }, 'unitId');
    await refused({ unitId: '0' }, 'unitId');
    await refused({ fromDay: `${dayOne.slice(0, 4)}-02-30` }, 'fromDay');
    await refused({ toDay: `${dayOne}T00:00:00Z` }, 'toDay');
    await refused({ fromDay: dayTwo, toDay: dayOne }, 'toDay');
    await refused({ projectId: 'not-a-uuid' }, 'projectId');
    await refused({ entityType: 'x'.repeat(41) }, 'entityType');
    await refused({ limit: '501' }, 'limit');
  });

  it('offers the filters: people with their units, record types by name, projects by name', async () => {
    const filters = (await office.get('/api/audit/filters').expect(200)).body;
    expect(filters.users).toContainEqual(expect.objectContaining({ id: staff.user.id, displayName: '王建国', unitName: '市能源局' }));
    expect(filters.units).toContainEqual({ id: energyUnitId, name: '市能源局' });
    expect(filters.entityTypes).toContainEqual({ type: 'project', zh: '招商项目', en: 'Project' });

    const found = (await office.get('/api/audit/projects').query({ q: '光伏储能' }).expect(200)).body;
    expect(found).toContainEqual(expect.objectContaining({ id: projectId, name: projectName }));
    // LIKE's wildcards are taken literally.
    expect((await office.get('/api/audit/projects').query({ q: '%' }).expect(200)).body).toEqual([]);
  });

  it('is for the office and admins only', async () => {
    await staff.get('/api/audit').expect(403);
    await staff.get('/api/audit/filters').expect(403);
    await staff.get('/api/audit/projects').expect(403);
  });
});
