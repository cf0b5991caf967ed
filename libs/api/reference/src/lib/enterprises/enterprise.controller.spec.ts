import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ReferenceModule } from '../reference.module';

describe('enterprise library /api/enterprises', () => {
  let t: TestApp;
  let http: SignedInAgent;
  const count = async () =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM enterprise`))[0].n);

  beforeAll(async () => {
    t = await createTestApp([ReferenceModule]);
    http = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
  });
  afterAll(() => t.close());

  it('creates a firm with a valid credit code and finds it by name and by code', async () => {
    const created = await http
      .post('/api/enterprises')
      .send({ name: '厦门海辰储能科技股份有限公司', creditCode: '91350100M000100Y43', ownership: 'private', tags: ['china-500'], region: '福建省厦门市' })
      .expect(201);
    expect(created.body).toMatchObject({ name: '厦门海辰储能科技股份有限公司', creditCode: '91350100M000100Y43', tags: ['china-500'] });

    const byName = await http.get('/api/enterprises').query({ q: '海辰' }).expect(200);
    expect(byName.body.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    const byCode = await http.get('/api/enterprises').query({ q: '91350100' }).expect(200);
    expect(byCode.body.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    await http.get(`/api/enterprises/${created.body.id}`).expect(200);
  });

  it('refuses the same credit code with 409 and the existing record', async () => {
    const before = await count();
    const res = await http
      .post('/api/enterprises')
      .send({ name: '另一个名称有限公司', creditCode: '91110000100010433L' })
      .expect(201);
    const dup = await http
      .post('/api/enterprises')
      .send({ name: '完全不同的名称有限公司', creditCode: '91110000100010433L' })
      .expect(409);
    expect(dup.body.existing.id).toBe(res.body.id);
    expect(dup.body.message).toContain('统一社会信用代码');
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same name once normalised (spacing, brackets) with 409', async () => {
    // Seeded as an anchor firm of 特色农牧.
    const dup = await http.post('/api/enterprises').send({ name: '格尔木农垦 (集团) 有限公司' }).expect(409);
    expect(dup.body.existing.name).toBe('格尔木农垦（集团）有限公司');
  });

  it('rejects a wrong check character, unknown fields, a missing or overlong name, writing nothing', async () => {
    const before = await count();
    const cases = [
      { body: { name: '某某公司', creditCode: '91350100M000100Y44' }, field: 'creditCode', text: '校验位' },
      { body: { name: '某某公司', owner: 'x' }, field: 'owner', text: '不允许的字段' },
      { body: { creditCode: '91350100M000100Y43' }, field: 'name', text: '请填写企业名称' },
      { body: { name: '   ' }, field: 'name', text: '请填写企业名称' },
      { body: { name: '长'.repeat(201) }, field: 'name', text: '200' },
      { body: { name: '某某公司', tags: ['top-10'] }, field: 'tags', text: '标签' },
      { body: { name: '某某公司', region: 'x'.repeat(101) }, field: 'region', text: '100' },
    ];
    for (const c of cases) {
      const res = await http.post('/api/enterprises').send(c.body).expect(400);
      expect(res.body.errors[c.field].join(' ')).toContain(c.text);
    }
    expect(await count()).toBe(before);
  });

  it('updates a firm, and answers 409 to a stale version without overwriting', async () => {
    const created = await http.post('/api/enterprises').send({ name: '远景能源有限公司' }).expect(201);
    const id = created.body.id;
    const [{ version }] = await t.dataSource.query(`SELECT version FROM enterprise WHERE id = $1`, [id]);
    await http.patch(`/api/enterprises/${id}`).send({ region: '江苏省无锡市', version }).expect(200);
    const stale = await http.patch(`/api/enterprises/${id}`).send({ region: '上海市', version }).expect(409);
    expect(stale.body.current.region).toBe('江苏省无锡市');
    await http.patch(`/api/enterprises/${id}`).send({ name: '' }).expect(400);
    await http.patch(`/api/enterprises/${id}`).send({ name: '青海盐湖工业股份有限公司' }).expect(409);
    const after = await http.get(`/api/enterprises/${id}`).expect(200);
    expect(after.body).toMatchObject({ name: '远景能源有限公司', region: '江苏省无锡市' });
  });

  it('answers 404 for an unknown firm and 400 for a malformed id', async () => {
    await http.get('/api/enterprises/6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11').expect(404);
    await http.get('/api/enterprises/not-a-uuid').expect(400);
    await http.get('/api/enterprises').query({ limit: 1000 }).expect(400);
  });
});
