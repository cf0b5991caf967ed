import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ManualClock, type ChainCockpitView, type InstructionView } from '@crm/domain';
import { CockpitModule } from '../cockpit.module';

const DAY = 24 * 3_600_000;

/**
 * 批示 as a conversation: a leader writes; the owner's opening of the project page marks it read;
 * the owner or the chain's staff acknowledge (已阅) and reply; the leader gets the reply in the bell
 * and sees read / acknowledged / replied with their times; the chain page lists the open ones with
 * their age in days by the clock.
 */
describe('批示 thread', () => {
  let t: TestApp;
  const clock = new ManualClock('2040-09-10T02:00:00Z'); // 10:00 in Shanghai; a year with no published plan (no key-task duty reads)
  let xu: SignedInAgent; // 徐进: leads 冶金 (among others)
  let xiao: SignedInAgent; // 肖军: leads 清洁能源 only
  let owner: SignedInAgent; // staff of 经开区 (serves 冶金): owns the projects
  let colleague: SignedInAgent; // another staff of 经开区
  let energyStaff: SignedInAgent; // staff of 市能源局 (清洁能源, 油气化工): not 冶金
  let office: SignedInAgent;
  let unitId: number;
  let metallurgy: number;

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);

  async function project(name: string): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         created_at, stage_entered_at)
       VALUES ($1, $2, '投资方', 'other', $3, $4, 'lead', 'active', $5, $5) RETURNING id`,
      [name, metallurgy, unitId, owner.user.id, clock.now()],
    );
    return id;
  }
  const write = async (projectId: string, text: string) =>
    (await xu.post(`/api/projects/${projectId}/instructions`, { text }).expect(201)).body as InstructionView;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, CockpitModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    [xu, xiao, owner, colleague, energyStaff, office] = await Promise.all([
      signInAs(t, { roles: ['leader'], person: '徐进' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' }),
      signInAs(t, { roles: ['staff'], unit: '昆仑经济技术开发区管委会' }),
      signInAs(t, { roles: ['staff'], unit: '市能源局' }),
      signInAs(t, { roles: ['office'] }),
    ]);
    [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '昆仑经济技术开发区管委会'`);
    [{ id: metallurgy }] = await q(`SELECT id FROM chain WHERE code = 'metallurgy'`);
  });
  afterAll(() => t.close());

  it('goes round: written, read when the owner opens the page, acknowledged, replied; the leader sees each with its time and gets the reply', async () => {
    clock.set('2040-09-10T02:00:00Z');
    const id = await project('冶金批示往返');
    const written = await write(id, '请本周内报告用地进展。');
    expect(written).toMatchObject({ readAt: null, acknowledgedAt: null, repliedAt: null, replies: [], version: 1 });

    // Someone else opening the page (the leader, the office, a colleague) is not the owner reading it.
    for (const agent of [xu, office, colleague]) await agent.post(`/api/projects/${id}/instructions/opened`).expect(200);
    expect((await xu.get(`/api/projects/${id}/instructions`).expect(200)).body[0].readAt).toBeNull();

    clock.advance(60_000);
    const opened = (await owner.post(`/api/projects/${id}/instructions/opened`).expect(200)).body as InstructionView[];
    expect(opened[0].readAt).toBe('2040-09-10T02:01:00.000Z');
    clock.advance(60_000);
    await owner.post(`/api/projects/${id}/instructions/opened`).expect(200); // idempotent: the first time stays
    const [{ n: readAudits }] = await q(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'instruction' AND entity_id = $1 AND action = 'update'`,
      [written.id],
    );
    expect(readAudits).toBe(1);

    const acked = (
      await owner.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 1 }).expect(200)
    ).body as InstructionView;
    expect(acked).toMatchObject({
      acknowledgedAt: '2040-09-10T02:02:00.000Z',
      acknowledgedBy: { id: owner.user.id },
      repliedAt: null,
      version: 2,
    });
    // Acknowledging again with the version as now changes nothing; with the old one answers 409 and the record.
    const again = await owner.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 2 }).expect(200);
    expect(again.body.version).toBe(2);
    const stale = await owner.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 1 }).expect(409);
    expect(stale.body.current).toMatchObject({ id: written.id, version: 2 });

    clock.advance(DAY);
    const replied = (
      await owner
        .post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: ' 已与自然资源局对接，20日前报批。 ', version: 2 })
        .expect(201)
    ).body as InstructionView;
    expect(replied).toMatchObject({
      repliedAt: '2040-09-11T02:02:00.000Z',
      version: 3,
      replies: [{ text: '已与自然资源局对接，20日前报批。', author: { id: owner.user.id }, byLeader: false }],
    });
    const bell = await q(`SELECT user_id, kind, title, body, link FROM notification WHERE user_id = $1`, [xu.user.id]);
    expect(bell).toEqual([
      {
        user_id: xu.user.id,
        kind: 'leader-instruction',
        title: '批示回复：冶金批示往返',
        body: `${owner.user.username}：已与自然资源局对接，20日前报批。`,
        link: `/projects/${id}`,
      },
    ]);
    const seen = ((await xu.get(`/api/projects/${id}/instructions`).expect(200)).body as InstructionView[])[0];
    expect(seen).toMatchObject({
      readAt: '2040-09-10T02:01:00.000Z',
      acknowledgedAt: '2040-09-10T02:02:00.000Z',
      repliedAt: '2040-09-11T02:02:00.000Z',
    });

    // The leader follows up: it goes to the owner; the instruction stays replied.
    clock.advance(60_000);
    const followed = (
      await xu.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '好，报批后告知。', version: 3 }).expect(201)
    ).body as InstructionView;
    expect(followed.replies.map((r) => [r.byLeader, r.text])).toEqual([
      [false, '已与自然资源局对接，20日前报批。'],
      [true, '好，报批后告知。'],
    ]);
    expect(followed.repliedAt).toBe('2040-09-11T02:02:00.000Z');
    const ownerBell = await q(`SELECT title FROM notification WHERE user_id = $1 ORDER BY created_at`, [owner.user.id]);
    expect(ownerBell.map((r: { title: string }) => r.title)).toEqual(['领导批示：冶金批示往返', '领导再批示：冶金批示往返']);
    const audits = await q(`SELECT entity_type, action FROM audit_log WHERE project_id = $1 ORDER BY id`, [id]);
    expect(audits).toEqual([
      { entity_type: 'instruction', action: 'create' },
      { entity_type: 'instruction', action: 'update' },
      { entity_type: 'instruction', action: 'update' },
      { entity_type: 'instruction_reply', action: 'create' },
      { entity_type: 'instruction_reply', action: 'create' },
    ]);
  });

  it('lets the chain’s staff answer; refuses readers who may not answer (403), hides it from others (404), and writes nothing', async () => {
    clock.set('2040-09-12T02:00:00Z');
    const id = await project('冶金批示权限');
    const written = await write(id, '请抓紧推进。');
    await colleague.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 1 }).expect(200);

    await office.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '收到', version: 2 }).expect(403);
    await office.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 2 }).expect(403);
    await xu.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 2 }).expect(403);
    for (const stranger of [xiao, energyStaff]) {
      await stranger.get(`/api/projects/${id}/instructions`).expect(404);
      await stranger.post(`/api/projects/${id}/instructions/opened`).expect(404);
      await stranger.post(`/api/projects/${id}/instructions/${written.id}/acknowledgement`, { version: 2 }).expect(404);
      await stranger.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '收到', version: 2 }).expect(404);
    }
    // An instruction of another project under this project's address: 404.
    const other = await project('冶金另一项目');
    const elsewhere = await write(other, '另一批示');
    await owner.post(`/api/projects/${id}/instructions/${elsewhere.id}/replies`, { text: '收到', version: 1 }).expect(404);
    // Bad input names the field; nothing is written.
    const blank = await owner.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '  ', version: 2 }).expect(400);
    expect(blank.body.errors.text.join()).toContain('回复内容');
    const noVersion = await owner.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '收到' }).expect(400);
    expect(noVersion.body.errors.version.join()).toContain('批示');
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM project_instruction_reply WHERE instruction_id = $1`, [written.id]);
    expect(n).toBe(0);

    await colleague.post(`/api/projects/${id}/instructions/${written.id}/replies`, { text: '经开区已安排专人跟进。', version: 2 }).expect(201);
    const [note] = await q(`SELECT title FROM notification WHERE user_id = $1 AND title LIKE '%冶金批示权限'`, [xu.user.id]);
    expect(note).toEqual({ title: '批示回复：冶金批示权限' });
  });

  it('lists the open 批示 on the chain page, the oldest first, with their age in days by the clock', async () => {
    await q(`DELETE FROM project_instruction`);
    clock.set('2040-10-01T15:30:00Z'); // 23:30 on 1 October in Shanghai
    const a = await project('冶金老批示');
    const old = await write(a, '十月一日批示');
    clock.set('2040-10-01T16:30:00Z'); // 00:30 on 2 October in Shanghai
    const b = await project('冶金新批示');
    const fresh = await write(b, '十月二日批示');
    const c = await project('冶金已回复');
    const done = await write(c, '已回复的批示');
    await owner.post(`/api/projects/${c}/instructions/${done.id}/replies`, { text: '已办', version: 1 }).expect(201);

    clock.set('2040-10-05T01:00:00Z'); // 5 October in Shanghai
    const page = (await xu.get('/api/cockpit/chains/metallurgy').expect(200)).body as ChainCockpitView;
    expect(page.openInstructionCount).toBe(2);
    expect(page.openInstructions.map((i) => [i.id, i.ageDays])).toEqual([
      [old.id, 4],
      [fresh.id, 3],
    ]);
    expect(page.openInstructions[0]).toMatchObject({ project: { id: a, name: '冶金老批示' }, personName: '徐进', readAt: null });
    const energy = (await xiao.get('/api/cockpit/chains/clean-energy').expect(200)).body as ChainCockpitView;
    expect(energy.openInstructionCount).toBe(0);
    expect(energy.openInstructions).toEqual([]);
  });
});
