import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { EVALUATION_DIMENSIONS, STAGES, type GlobalSearchResult, type PromotionEventView, type Stage } from '@crm/domain';
import { eventLinesBetween } from './events/event-totals';
import { EventsModule } from './events.module';

/**
 * 招商活动 and the search that finds, through the real routes. Cast: 市数据局 staff serve 清洁能源
 * only; 市文体旅游广电局 staff serve 文化旅游 only (the unrelated chain); 肖军 leads 清洁能源.
 */
describe('promotion events and search', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let otherStaff: SignedInAgent;
  let leader: SignedInAgent;
  let office: SignedInAgent;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, EventsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    [staff, otherStaff, leader, office] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['office'] }),
    ]);
    [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const versionOf = async (id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]))[0].version;

  async function lead(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await staff
      .post('/api/projects', {
        name,
        chain: 'clean-energy',
        investorName: `${name}投资公司`,
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
        ...overrides,
      })
      .expect(201);
    return res.body.id;
  }

  /** Forward to 已签约 through the real routes and gates, signing `signedAmount` 万元. */
  async function sign(id: string, signedAmount: string): Promise<void> {
    const facts: Partial<Record<Stage, Record<string, string>>> = {
      signed: { signedAmount, signedOn: '2025-07-08', agreementRef: `A-${id.slice(0, 8)}` },
    };
    for (const next of STAGES.slice(1, STAGES.indexOf('signed') + 1)) {
      if (next === 'negotiation') {
        await staff
          .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: '2025-07-07', summary: '洽谈', ourParticipants: ['张三'] })
          .expect(201);
        await staff.patch(`/api/projects/${id}`, { plannedInvestment: '150000', version: await versionOf(id) }).expect(200);
      }
      if (next === 'evaluation') {
        const opened = await staff
          .post(`/api/projects/${id}/evaluations`, {
            dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
            eliminatedCategory: false,
          })
          .expect(201);
        await staff
          .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
            conclusion: 'pass',
            concludedOn: '2025-07-07',
            version: opened.body.version,
          })
          .expect(200);
      }
      await staff.post(`/api/projects/${id}/stage-moves`, { to: next, version: await versionOf(id), ...(facts[next] ?? {}) }).expect(201);
    }
  }

  const fair = (name: string, overrides: Record<string, unknown> = {}) => ({
    name,
    kind: 'fair',
    startsOn: '2025-07-06',
    endsOn: '2025-07-09',
    place: '西宁',
    chains: ['clean-energy'],
    ...overrides,
  });

  describe('events', () => {
    it('an event’s totals equal the sums of its fixture: 签约 2个, agreements and funds of its projects only', async () => {
      const [{ id: personId }] = await t.dataSource.query(`SELECT id FROM person WHERE name = '肖军'`);
      const created = await staff.post('/api/events', fair('第二十五届青洽会', { leadPersonId: personId, unitIds: [unitId] })).expect(201);
      const event = created.body as PromotionEventView;
      expect(event).toMatchObject({ kind: 'fair', leadPerson: { name: '肖军' }, chains: ['clean-energy'], version: 1, editable: true });
      expect(event.units).toEqual([{ id: unitId, name: '市数据局' }]);

      const a = await lead('青洽会光伏项目', { eventId: event.id });
      const b = await lead('青洽会储能项目', { eventId: event.id });
      const c = await lead('青洽会线索项目', { eventId: event.id });
      const outside = await lead('活动外项目');
      await sign(a, '12000.5');
      await sign(b, '3000');
      await sign(outside, '99999');
      await staff.post(`/api/projects/${a}/agreements`, { amount: '500.25', signedOn: '2025-08-01', agreementRef: 'B-1' }).expect(201);
      await staff.post(`/api/projects/${a}/fund-arrivals`, { month: '2025-08', amount: '4000' }).expect(201);
      await staff.post(`/api/projects/${b}/fund-arrivals`, { month: '2025-09', amount: '1200.75' }).expect(201);
      await staff.post(`/api/projects/${outside}/fund-arrivals`, { month: '2025-09', amount: '777' }).expect(201);
      expect(c).toBeTruthy();

      const page = (await leader.get(`/api/events/${event.id}`).expect(200)).body as PromotionEventView;
      // 12000.5 + 500.25 + 3000; 4000 + 1200.75 (the fixture's own figures, summed by hand).
      expect(page.totals).toEqual({ projects: 3, signedProjects: 2, signedAmount: '15500.75', fundsInPlace: '5200.75' });
      expect(page.projects.map((p) => p.name).sort()).toEqual(['青洽会储能项目', '青洽会光伏项目', '青洽会线索项目'].sort());
      expect(page.editable).toBe(false);

      const list = (await office.get('/api/events?year=2025').expect(200)).body;
      expect(list.find((e: { id: string }) => e.id === event.id).totals.signedAmount).toBe('15500.75');
      // The roll-up's period table: up to July only the initial agreements, no funds yet.
      const july = await eventLinesBetween(t.dataSource.manager, '2025-07-01', '2025-07-31', { date: '2025-07-31', month: '2025-07' });
      expect(july.find((e) => e.id === event.id)?.totals).toEqual({ projects: 3, signedProjects: 2, signedAmount: '15000.5', fundsInPlace: '0' });

      // A project's detail names its event; the link is audited through the writer.
      const detail = await staff.get(`/api/projects/${c}`).expect(200);
      expect(detail.body.project.event).toEqual({ id: event.id, name: '第二十五届青洽会' });
      await staff.patch(`/api/projects/${c}`, { eventId: null, version: await versionOf(c) }).expect(200);
      const [audit] = await t.dataSource.query(
        `SELECT before, after FROM audit_log WHERE entity_type = 'project' AND entity_id = $1 AND action = 'update' ORDER BY at DESC LIMIT 1`,
        [c],
      );
      expect(audit.before.eventId).toBe(event.id);
      expect(audit.after.eventId).toBeNull();
    });

    it('a chain’s event is hidden from an unrelated chain’s staff; a city-wide one is read by all; leaders cannot write', async () => {
      const own = (await staff.post('/api/events', fair('赴深圳外出招商', { kind: 'trip' })).expect(201)).body as PromotionEventView;
      const city = (await office.post('/api/events', fair('全市网上招商推介会', { kind: 'online', chains: [] })).expect(201)).body;
      await otherStaff.get(`/api/events/${own.id}`).expect(404);
      await otherStaff.get(`/api/events/${city.id}`).expect(200);
      const theirs = (await otherStaff.get('/api/events').expect(200)).body.map((e: { id: string }) => e.id);
      expect(theirs).toContain(city.id);
      expect(theirs).not.toContain(own.id);
      await leader.post('/api/events', fair('领导不能登记')).expect(403);
      // Staff may not record an event for a chain they do not serve.
      const before = await count('promotion_event');
      const refused = await otherStaff.post('/api/events', fair('代他链登记')).expect(422);
      expect(refused.body.errors.chains).toBeDefined();
      expect(await count('promotion_event')).toBe(before);
    });

    it('edits on the version read (409 with the event as it is), audited', async () => {
      const e = (await staff.post('/api/events', fair('以商招商座谈会', { kind: 'business-visit' })).expect(201)).body as PromotionEventView;
      const saved = await office.put(`/api/events/${e.id}`, { ...fair('以商招商座谈会（第一场）', { kind: 'business-visit' }), version: 1 }).expect(200);
      expect(saved.body.version).toBe(2);
      const stale = await staff.put(`/api/events/${e.id}`, { ...fair('改名', { kind: 'business-visit' }), version: 1 }).expect(409);
      expect(stale.body.current.name).toBe('以商招商座谈会（第一场）');
      const audits = await t.dataSource.query(
        `SELECT action, before, after FROM audit_log WHERE entity_type = 'promotion_event' AND entity_id = $1 ORDER BY at, id`,
        [e.id],
      );
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
      expect(audits[1].before.name).toBe('以商招商座谈会');
      expect(audits[1].after.name).toBe('以商招商座谈会（第一场）');
    });

    it('bad input names the field and writes nothing: an end before the start, an unknown kind, a bad event on a project', async () => {
      const before = await count('promotion_event');
      const backwards = await staff.post('/api/events', fair('倒序活动', { startsOn: '2025-07-09', endsOn: '2025-07-06' })).expect(400);
      expect(backwards.body.errors.endsOn).toBeDefined();
      expect(backwards.body.message).toMatch(/结束日期不能早于开始日期 \/ The event cannot end before it starts/);
      const kind = await staff.post('/api/events', fair('未知形式', { kind: 'party' })).expect(400);
      expect(kind.body.errors.kind).toBeDefined();
      const date = await staff.post('/api/events', fair('无效日期', { startsOn: '2025-02-30' })).expect(400);
      expect(date.body.errors.startsOn).toBeDefined();
      expect(await count('promotion_event')).toBe(before);
      const projects = await count('project');
      const noEvent = await staff
        .post('/api/projects', {
          name: '无此活动项目',
          chain: 'clean-energy',
          investorName: '某公司',
          sourceChannel: 'through-firms',
          responsibleUnitId: unitId,
          eventId: '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11',
        })
        .expect(400);
      expect(noEvent.body.errors.eventId).toBeDefined();
      expect(await count('project')).toBe(projects);
    });
  });

  describe('search that finds', () => {
    const NAME = '格尔木东出口200MW/800MWh共享储能电站项目';
    let id: string;
    beforeAll(async () => {
      id = await lead(NAME, { location: '东出口工业园', notes: '与华能对接，拟年内签约' });
    });

    const listed = async (agent: SignedInAgent, q: string, extra = ''): Promise<string[]> =>
      (await agent.get(`/api/projects?q=${encodeURIComponent(q)}${extra}`).expect(200)).body.items.map((p: { id: string }) => p.id);

    it.each([['储能 电站'], ['电站 储能'], ['东出口储能'], ['共享储'], ['800mwh'], ['工业园'], ['华能 签约']])('“%s” finds it', async (q) => {
      expect(await listed(staff, q)).toContain(id);
    });

    it('every term must match, and with the list’s filters', async () => {
      expect(await listed(staff, '储能 风电')).not.toContain(id);
      expect(await listed(staff, '储能电站', '&stage=lead&chain=clean-energy')).toContain(id);
      expect(await listed(staff, '储能电站', '&stage=signed')).not.toContain(id);
    });

    it('ranked: the closest match first, and the cursor pages through the ranking', async () => {
      const near = await lead('储能电站配套项目');
      await lead('光伏电站项目');
      const res = await staff.get(`/api/projects?q=${encodeURIComponent('储能电站')}&sort=relevance&limit=1`).expect(200);
      expect(res.body.items[0].id).toBe(near);
      const next = await staff
        .get(`/api/projects?q=${encodeURIComponent('储能电站')}&sort=relevance&limit=1&cursor=${res.body.nextCursor}`)
        .expect(200);
      expect(next.body.items[0].id).not.toBe(near);
      expect(res.body.total).toBe(next.body.total);
    });

    it('a contact’s name finds the project (linked to it or at its firm), and stops when the person is anonymised', async () => {
      const [{ id: firm }] = await t.dataSource.query(
        `INSERT INTO enterprise (name, normalised_name) VALUES ('东出口储能科技有限公司', '东出口储能科技有限公司') RETURNING id`,
      );
      const withFirm = await lead('东出口储能二期', { enterpriseId: firm, investorName: undefined });
      const now = new Date('2025-07-01T00:00:00Z');
      const [{ id: contact }] = await t.dataSource.query(
        `INSERT INTO enterprise_contact (enterprise_id, name, created_at, updated_at) VALUES ($1, '欧阳明远', $2, $2) RETURNING id`,
        [firm, now],
      );
      expect(await listed(staff, '欧阳明远')).toEqual([withFirm]);
      expect(await listed(staff, '明远 储能')).toEqual([withFirm]);
      await t.dataSource.query(`INSERT INTO project_contact (project_id, contact_id) VALUES ($1, $2)`, [id, contact]);
      expect((await listed(staff, '欧阳明远')).sort()).toEqual([withFirm, id].sort());
      await t.dataSource.query(`UPDATE enterprise_contact SET anonymised_at = $2 WHERE id = $1`, [contact, now]);
      expect(await listed(staff, '欧阳明远')).toEqual([]);
      await t.dataSource.query(`UPDATE enterprise_contact SET anonymised_at = NULL WHERE id = $1`, [contact]);
    });

    it('the shell’s search box answers grouped, within what the user may see', async () => {
      const event = (await staff.post('/api/events', fair('储能产业推介会')).expect(201)).body as PromotionEventView;
      const mine = (await staff.get(`/api/search?q=${encodeURIComponent('储能')}`).expect(200)).body as GlobalSearchResult;
      expect(mine.projects.map((p) => p.id)).toContain(id);
      expect(mine.events.map((e) => e.id)).toContain(event.id);
      expect(mine.enterprises.map((e) => e.name)).toContain('东出口储能科技有限公司');
      expect((await staff.get(`/api/search?q=${encodeURIComponent('欧阳')}`).expect(200)).body.contacts[0]).toMatchObject({
        name: '欧阳明远',
        enterpriseName: '东出口储能科技有限公司',
      });

      // 市文体旅游广电局 staff serve another chain: none of 清洁能源's projects, contacts or events.
      expect(await listed(otherStaff, '储能 电站')).toEqual([]);
      const theirs = (await otherStaff.get(`/api/search?q=${encodeURIComponent('储能')}`).expect(200)).body as GlobalSearchResult;
      expect(theirs.projects).toEqual([]);
      expect(theirs.events).toEqual([]);
      expect((await otherStaff.get(`/api/search?q=${encodeURIComponent('欧阳')}`).expect(200)).body.contacts).toEqual([]);
      // The firm library is read by every signed-in user.
      expect(theirs.enterprises.map((e) => e.name)).toContain('东出口储能科技有限公司');

      const empty = (await staff.get('/api/search?q=%20').expect(200)).body;
      expect(empty).toEqual({ q: '', projects: [], enterprises: [], contacts: [], events: [] });
      // A Latin word (no bigrams) is found whole and ranked too.
      const latin = (await staff.get('/api/search?q=800MWh').expect(200)).body as GlobalSearchResult;
      expect(latin.projects.map((p) => p.id)).toContain(id);
      expect(await listed(staff, '800mwh 储能', '&sort=relevance')).toContain(id);
      const long = await staff.get(`/api/search?q=${'a'.repeat(101)}`).expect(400);
      expect(long.body.errors.q).toBeDefined();
    });
  });
});
