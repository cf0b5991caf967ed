import { writeFileSync } from 'node:fs';
import { createTestApp, createTestUser, renderToPdf, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import { ALERT_KINDS, ManualClock, trimDecimal, type MeetingPackChainSection, type MeetingPackView } from '@crm/domain';
import JSZip from 'jszip';
import { MeetingsModule } from '../meetings.module';

/**
 * 会议材料: each figure of the pack against a computation from the fixtures written here (moves
 * in the window since the previous meeting, the units' problems, open items in order, the
 * completion rate at the meeting date), who may read it, and the Word file read back.
 */
describe('GET /api/meetings/:id/pack', () => {
  jest.setTimeout(60_000);
  const clock = new ManualClock('2025-03-09T10:00:00+08:00');
  let t: TestApp;
  let office: SignedInAgent;
  let xiao: SignedInAgent; // 肖军: leads 清洁能源
  let xu: SignedInAgent; // 徐进: leads other chains, not 清洁能源
  let otherStaff: SignedInAgent; // staff of a unit serving 冶金 and not 清洁能源
  let ownerId: string;
  let energyUnit: number;
  let otherUnit: number;
  const projects: Record<string, string> = {};
  const meetings: Record<string, string> = {};
  const items: Record<string, string> = {};

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const unitId = async (name: string): Promise<number> => (await q(`SELECT id FROM unit WHERE name = $1`, [name]))[0].id;

  async function project(
    name: string,
    chain: string,
    stage: string,
    over: { status?: string; enteredAt?: string; signedOn?: string; unit?: number } = {},
  ): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status,
         status_reason, stage_entered_at, signed_on)
       VALUES ($1, (SELECT id FROM chain WHERE code = $2), '投资方', 'other', $3, $4, $5, $6::project_status,
         CASE WHEN $6::project_status = 'active' THEN NULL ELSE '原因' END, coalesce($7::timestamptz, now()), $8)
       RETURNING id`,
      [name, chain, over.unit ?? energyUnit, ownerId, stage, over.status ?? 'active', over.enteredAt ?? null, over.signedOn ?? null],
    );
    projects[name] = id;
    return id;
  }

  async function meeting(name: string, heldOn: string, chains: string[], kind = 'monthly-dispatch'): Promise<void> {
    const [{ id }] = await q(
      `INSERT INTO meeting (kind, held_on, chair_name, attendees, agenda, created_by)
       VALUES ($1, $2, '肖军', '{张三}', '审议项目推进情况', $3) RETURNING id`,
      [kind, heldOn, ownerId],
    );
    await q(`INSERT INTO meeting_chain (meeting_id, chain_id) SELECT $1, id FROM chain WHERE code = ANY ($2)`, [id, chains]);
    meetings[name] = id;
  }

  async function item(name: string, meetingName: string, dueOn: string, status = 'open', doneAt: string | null = null) {
    const [{ id }] = await q(
      `INSERT INTO action_item (meeting_id, text, owner_unit_id, due_on, status, done_note, done_at, created_by)
       VALUES ($1, $2, $3, $4, $5::text::action_item_status, CASE WHEN $5::text = 'done' THEN '已办' END, $6, $7) RETURNING id`,
      [meetings[meetingName], name, energyUnit, dueOn, status, doneAt, ownerId],
    );
    items[name] = id;
  }

  async function move(projectName: string, from: string | null, to: string, at: string) {
    await q(`INSERT INTO project_stage_move (project_id, from_stage, to_stage, moved_at) VALUES ($1, $2, $3, $4)`, [
      projects[projectName],
      from,
      to,
      at,
    ]);
  }

  async function report(unit: string, period: string, state: string, problems: string) {
    await q(
      `INSERT INTO monthly_report (unit_id, period, state, problems, submitted_at, late, snapshot)
       VALUES ($1, $2, $3::text::monthly_report_state, $4, CASE WHEN $3::text <> 'draft' THEN now() END,
               CASE WHEN $3::text <> 'draft' THEN false END, CASE WHEN $3::text <> 'draft' THEN '{}'::jsonb END)`,
      [await unitId(unit), period, state, problems],
    );
  }

  const section = (pack: MeetingPackView, code = 'clean-energy'): MeetingPackChainSection => {
    const s = pack.chains.find((c) => c.chain.code === code);
    if (!s) throw new Error(`no section for ${code}`);
    return s;
  };
  const nameOf = (id: string) => Object.keys(projects).find((k) => projects[k] === id);
  const itemName = (id: string) => Object.keys(items).find((k) => items[k] === id);

  beforeAll(async () => {
    t = await createTestApp([MeetingsModule], { SIGN_IN_RATE_PER_MINUTE: '1000' }, { clock });
    energyUnit = await unitId('市能源局');
    [{ id: otherUnit }] = await q(
      `SELECT u.id FROM unit u
       WHERE EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = 'metallurgy')
         AND NOT EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = 'clean-energy')
       ORDER BY u.id LIMIT 1`,
    );
    const otherName = (await q(`SELECT name FROM unit WHERE id = $1`, [otherUnit]))[0].name;
    [office, xiao, xu, otherStaff] = await Promise.all([
      signInAs(t, { roles: ['office'] }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
      signInAs(t, { roles: ['leader'], person: '徐进' }),
      signInAs(t, { roles: ['staff'], unit: otherName }),
    ]);
    ownerId = (await createTestUser(t, { roles: ['staff'], unit: '市能源局' })).id;

    // Figures: agreements and funds of 2025 through March count; April's and 2024's do not.
    await project('光伏制氢', 'clean-energy', 'signed', { enteredAt: '2024-06-01T00:00:00+08:00', signedOn: '2025-03-01' });
    await q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', 120000, '2025-02-05', 'A1')`, [projects['光伏制氢']]);
    await q(
      `INSERT INTO fund_arrival (project_id, month, amount, verified, verified_at) VALUES
         ($1, '2025-01', 3000, true, now()), ($1, '2025-03', 2000.5, false, NULL), ($1, '2025-04', 999, false, NULL)`,
      [projects['光伏制氢']],
    );
    await project('储能电池', 'clean-energy', 'signed', { enteredAt: '2024-07-01T00:00:00+08:00', signedOn: '2025-03-01' });
    await q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', 5000, '2025-04-02', 'A2')`, [projects['储能电池']]);
    await project('风电整机', 'clean-energy', 'signed', { enteredAt: '2024-08-01T00:00:00+08:00', signedOn: '2025-03-01' });
    await q(`INSERT INTO project_agreement (project_id, kind, amount, signed_on, agreement_ref) VALUES ($1, 'initial', 7000, '2024-12-20', 'A3')`, [projects['风电整机']]);

    // The pipeline: the oldest stage entry is stuck longest; production and paused are not stuck.
    await project('最久未动', 'clean-energy', 'negotiation', { enteredAt: '2023-01-01T00:00:00+08:00' });
    await project('已投产', 'clean-energy', 'production', { enteredAt: '2022-01-01T00:00:00+08:00' });
    await project('暂缓项目', 'clean-energy', 'land', { status: 'paused', enteredAt: '2022-06-01T00:00:00+08:00' });
    await project('电解铝', 'metallurgy', 'lead', { unit: otherUnit, enteredAt: '2021-01-01T00:00:00+08:00' });
    // 22 签约未供地 alerts (signed long ago): 20 listed, 22 counted.
    for (let i = 1; i <= 22; i++) {
      await project(`签约${String(i).padStart(2, '0')}`, 'clean-energy', 'signed', { signedOn: '2024-01-01' });
    }

    // Meetings: the previous one of the chain on 02-12; another chain's on 03-01 and a later joint one do not count.
    await meeting('previous', '2025-02-12', ['clean-energy']);
    await meeting('metallurgy', '2025-03-01', ['metallurgy']);
    await meeting('this', '2025-03-10', ['clean-energy']);
    await meeting('joint', '2025-03-20', ['clean-energy', 'metallurgy'], 'joint');

    // Moves: dated (Shanghai) after 02-12 up to and including 03-10.
    await move('光伏制氢', 'evaluation', 'signed', '2025-02-12T15:00:00+08:00'); // on 02-12: out
    await move('储能电池', 'lead', 'negotiation', '2025-02-12T16:30:00Z'); // 02-13 00:30 Shanghai: in
    await move('风电整机', 'negotiation', 'evaluation', '2025-03-10T23:00:00+08:00'); // on 03-10: in
    await move('最久未动', 'lead', 'negotiation', '2025-03-10T16:30:00Z'); // 03-11 Shanghai: out
    await move('电解铝', null, 'lead', '2025-03-01T10:00:00+08:00'); // another chain: out

    // Reports: the latest submitted or accepted of each unit up to 2025-03; empty problems left out.
    for (const [period, due] of [
      ['2025-01', '2025-02-05'],
      ['2025-02', '2025-03-05'],
      ['2025-03', '2025-04-05'],
      ['2025-04', '2025-05-05'],
    ]) {
      await q(`INSERT INTO reporting_period (period, opens_at, due_at) VALUES ($1, $2::date - 10, $2::date)`, [period, due]);
    }
    const [{ name: cooperating }] = await q(
      `SELECT u.name FROM chain_unit cu JOIN unit u ON u.id = cu.unit_id JOIN chain c ON c.id = cu.chain_id
       WHERE c.code = 'clean-energy' AND cu.role = 'cooperating' ORDER BY cu.sort_order LIMIT 1`,
    );
    await report('市能源局', '2025-02', 'accepted', '用地指标紧张');
    await report('市能源局', '2025-03', 'submitted', '  电网接入待协调  ');
    await report('市能源局', '2025-04', 'submitted', '四月的问题');
    await report('市数据局', '2025-02', 'submitted', '算力能耗指标待落实');
    await report('市数据局', '2025-03', 'draft', '草稿中的问题');
    await report(cooperating, '2025-02', 'accepted', '旧问题');
    await report(cooperating, '2025-03', 'accepted', '   ');

    // Action items of the chain's meetings (the joint one's too); the other chain's do not count.
    await item('二月已办', 'previous', '2025-02-20', 'done', '2025-02-18T10:00:00+08:00'); // due, done
    await item('会后才办', 'previous', '2025-03-01', 'done', '2025-03-12T10:00:00+08:00'); // due, done after the date
    await item('逾期未办', 'previous', '2025-03-05'); // due, open, overdue
    await item('当天办结', 'previous', '2025-03-10', 'done', '2025-03-10T23:30:00+08:00'); // due, done that day (Shanghai)
    await item('三月下旬', 'previous', '2025-03-20'); // not yet due
    await item('办理中', 'previous', '2025-03-15', 'in-progress'); // not yet due
    await item('联席逾期', 'joint', '2025-02-28'); // due, open, overdue
    await item('冶金事项', 'metallurgy', '2025-03-01', 'done', '2025-02-27T10:00:00+08:00'); // another chain
  });
  afterAll(() => t.close());

  it('gives the year-to-date figures through the meeting’s month against the target', async () => {
    const pack: MeetingPackView = (await xiao.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body;
    expect([pack.year, pack.month, pack.meeting.id]).toEqual([2025, 3, meetings['this']]);
    const f = section(pack).figures;
    const [target] = await q(
      `SELECT signed_amount::text AS signed, funds_in_place::text AS funds FROM chain_target
       WHERE year = 2025 AND chain_id = (SELECT id FROM chain WHERE code = 'clean-energy')`,
    );
    // 120000 signed (02-05); funds 3000 + 2000.5 through March, 3000 of them verified.
    expect(trimDecimal(f.signedAmount.actual)).toBe('120000');
    expect(trimDecimal(f.fundsInPlace.actual)).toBe('5000.5');
    expect(trimDecimal(f.fundsInPlaceVerified.actual)).toBe('3000');
    expect(f.signedProjects.count).toBe(1);
    expect(trimDecimal(f.signedAmount.target as string)).toBe(trimDecimal(target.signed));
    const rate = (actual: number, of: string) => (Math.round((actual * 10000) / Number(of)) / 100).toFixed(2);
    expect(f.signedAmount.rate).toBe(rate(120000, target.signed));
    expect(f.fundsInPlace.rate).toBe(rate(5000.5, target.funds));
  });

  it('counts the pipeline by stage and lists the stuck projects', async () => {
    const s = section((await office.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body);
    const counts: { stage: string; n: number }[] = await q(
      `SELECT stage, count(*)::int AS n FROM project
       WHERE chain_id = (SELECT id FROM chain WHERE code = 'clean-energy') AND status IN ('active', 'paused') GROUP BY stage`,
    );
    for (const stage of s.funnel) {
      expect([stage.stage, stage.count]).toEqual([stage.stage, counts.find((c) => c.stage === stage.stage)?.n ?? 0]);
    }
    expect(s.funnel.find((x) => x.stage === 'signed')?.count).toBe(25);
    expect(s.stuck).toHaveLength(10);
    expect(nameOf(s.stuck[0].project.id)).toBe('最久未动');
    const names = s.stuck.map((x) => nameOf(x.project.id));
    expect(names).not.toContain('已投产');
    expect(names).not.toContain('暂缓项目');
    expect(names).not.toContain('电解铝');
  });

  it('lists the stage moves after the previous meeting up to the meeting date (Shanghai), latest first', async () => {
    const pack: MeetingPackView = (await xiao.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body;
    expect(pack.since).toBe('2025-02-12');
    expect(pack.previousMeeting).toEqual({ id: meetings['previous'], kind: 'monthly-dispatch', heldOn: '2025-02-12' });
    expect(section(pack).moved.map((m) => [nameOf(m.project.id), m.from, m.to, m.movedOn])).toEqual([
      ['风电整机', 'negotiation', 'evaluation', '2025-03-10'],
      ['储能电池', 'lead', 'negotiation', '2025-02-13'],
    ]);
  });

  it('counts from a month before when the chain had no earlier meeting', async () => {
    const pack: MeetingPackView = (await office.get(`/api/meetings/${meetings['previous']}/pack`).expect(200)).body;
    expect([pack.since, pack.previousMeeting]).toEqual(['2025-01-12', null]);
    expect(section(pack).moved.map((m) => nameOf(m.project.id))).toEqual(['光伏制氢']);
  });

  it('gives each unit’s 需协调解决的问题 from its latest submitted report up to the meeting’s month', async () => {
    const s = section((await xiao.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body);
    expect(s.problems.map((p) => [p.unit.name, p.period, p.text]).sort()).toEqual(
      [
        ['市数据局', '2025-02', '算力能耗指标待落实'],
        ['市能源局', '2025-03', '电网接入待协调'],
      ].sort(),
    );
  });

  it('lists the open items overdue first, then by due date, and the completion at the meeting date', async () => {
    const s = section((await xiao.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body);
    expect(s.openItems.map((i) => [itemName(i.id), i.overdue])).toEqual([
      ['联席逾期', true],
      ['逾期未办', true],
      ['办理中', false],
      ['三月下旬', false],
    ]);
    // Due by 03-10: 二月已办, 会后才办, 逾期未办, 当天办结, 联席逾期; done by then: 二月已办, 当天办结.
    expect(s.completion).toEqual({ due: 5, done: 2, rate: '40.00' });
    const earlier = section((await xiao.get(`/api/meetings/${meetings['previous']}/pack`).expect(200)).body);
    expect(earlier.completion).toEqual({ due: 0, done: 0, rate: null });
  });

  it('lists up to 20 alerts of each kind and counts them all', async () => {
    const s = section((await office.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body);
    expect(s.alertCounts['signed-no-land']).toBe(22);
    expect(s.alerts.filter((a) => a.kind === 'signed-no-land')).toHaveLength(20);
    for (const kind of ALERT_KINDS) {
      const listed = s.alerts.filter((a) => a.kind === kind).length;
      expect([kind, listed]).toEqual([kind, Math.min(20, s.alertCounts[kind])]);
    }
  });

  it('answers 404 to a leader of another chain and to staff of another unit, as the meeting does', async () => {
    for (const who of [xu, otherStaff]) {
      await who.get(`/api/meetings/${meetings['this']}/pack`).expect(404);
      await who.get(`/api/meetings/${meetings['this']}/pack.docx`).expect(404);
      await who.get(`/api/meetings/${meetings['this']}`).expect(404);
    }
    await office.get(`/api/meetings/6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11/pack`).expect(404);
  });

  it('shows a joint meeting’s chains the reader may read', async () => {
    const xiaoPack: MeetingPackView = (await xiao.get(`/api/meetings/${meetings['joint']}/pack`).expect(200)).body;
    expect(xiaoPack.chains.map((c) => c.chain.code)).toEqual(['clean-energy']);
    const officePack: MeetingPackView = (await office.get(`/api/meetings/${meetings['joint']}/pack`).expect(200)).body;
    expect(officePack.chains.map((c) => c.chain.code).sort()).toEqual(['clean-energy', 'metallurgy']);
    // The joint meeting's previous one shares either chain: 03-10 (清洁能源) is after 03-01 (冶金).
    expect(officePack.since).toBe('2025-03-10');
  });

  it('answers a Word file with a Chinese name that reads back with the chain and its figures', async () => {
    const res = await xiao
      .get(`/api/meetings/${meetings['this']}/pack.docx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const name = '清洁能源产业链月调度会会议材料-2025-03-10.docx';
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')?.async('string');
    expect(xml).toContain('清洁能源产业链');
    expect(xml).toContain('12亿元'); // 120000 万元 signed
    expect(xml).toContain('5000.5万元'); // funds in place
    expect(xml).toContain('电网接入待协调');
    expect(xml).toContain('联席逾期');
    expect(xml).toContain('完成率 40.00%');
    expect(xml).not.toContain('工作方案尚未');

    // Printed: A4 portrait on every page, "— n —" page numbers, the amounts whole.
    const rendered = await renderToPdf(res.body as Buffer, 'docx');
    if (process.env['KEEP_RENDER']) writeFileSync(process.env['KEEP_RENDER'], rendered.pdf);
    expect(rendered.pages.every((p) => p.widthMm === 210 && p.heightMm === 297)).toBe(true);
    rendered.pageTexts.forEach((page, i) => expect(page).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    const printed = rendered.text.replace(/[ \t]+/g, '');
    expect(printed).toContain('12亿元');
    expect(printed).toContain('5000.5万元');
    // The meeting of 10 March counts in March's window (26 February – 25 March), printed as such.
    expect(printed).toContain('统计区间：2025年2月26日—3月25日');
  }, 60_000);

  it('says so when the meeting’s year has no published plan: actuals only, no targets, in the JSON and the Word file', async () => {
    await meeting('next-year', '2026-02-10', ['clean-energy']);
    try {
      const pack: MeetingPackView = (await xiao.get(`/api/meetings/${meetings['next-year']}/pack`).expect(200)).body;
      expect([pack.year, pack.month]).toEqual([2026, 2]);
      expect(pack.plan).toMatchObject({ year: 2026, planStatus: 'none' });
      const f = section(pack).figures;
      expect(f.target).toBeNull();
      expect(f.signedAmount).toMatchObject({ target: null, rate: null, pace: null, paceRate: null });
      expect(f.fundsInPlace).toMatchObject({ target: null, rate: null });
      expect(f.bigProjects).toMatchObject({ target: null, rate: null });
      const res = await xiao
        .get(`/api/meetings/${meetings['next-year']}/pack.docx`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')?.async('string');
      expect(xml).toContain('【2026年度工作方案尚未录入');
      // The 2025 pack is unchanged: its plan is published.
      const earlier: MeetingPackView = (await xiao.get(`/api/meetings/${meetings['this']}/pack`).expect(200)).body;
      expect(earlier.plan).toBeNull();
    } finally {
      await q(`DELETE FROM meeting WHERE id = $1`, [meetings['next-year']]);
    }
  });
});
