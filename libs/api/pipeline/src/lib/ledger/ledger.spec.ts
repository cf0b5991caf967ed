import { shanghaiMonth } from '@crm/domain';
import { advance, count, createLead, createPipelineWorld, FACTS, type PipelineWorld } from '../../test/pipeline-world';

describe('money as a ledger: agreements and funds in place', () => {
  let w: PipelineWorld;
  const projectMoney = async (id: string) =>
    (
      await w.t.dataSource.query(
        `SELECT signed_amount::text AS signed, funds_in_place::text AS funds, funds_in_place_verified::text AS verified FROM project WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  it('sums a thousand entries of 0.1 万元 and odd fen amounts exactly', async () => {
    const { id } = await createLead(w, { name: '到位资金精度测试' });
    await advance(w, id, 'signed', {
      ...FACTS,
      signed: { signedAmount: '0.1', signedOn: '2025-01-20', agreementRef: 'P-0' },
    });
    for (let i = 0; i < 1000; i++) {
      await w.staff.post(`/api/projects/${id}/fund-arrivals`, { month: '2025-02', amount: '0.1' }).expect(201);
    }
    // 0.1 + 0.2 in floating point is 0.30000000000000004; sent as numbers they still arrive exact.
    await w.staff.post(`/api/projects/${id}/fund-arrivals`, { month: '2025-03', amount: 0.2 }).expect(201);
    await w.staff.post(`/api/projects/${id}/fund-arrivals`, { month: '2025-03', amount: '0.000001' }).expect(201);
    await w.staff
      .post(`/api/projects/${id}/agreements`, { amount: 0.2, signedOn: '2025-02-01', agreementRef: 'P-1' })
      .expect(201);
    expect(await projectMoney(id)).toEqual({ signed: '0.300000', funds: '100.200001', verified: '0.000000' });
    const detail = await w.staff.get(`/api/projects/${id}`).expect(200);
    expect(detail.body.project).toMatchObject({ signedAmount: '0.300000', fundsInPlace: '100.200001' });
    expect(detail.body.fundArrivals).toHaveLength(1002);
    // A thousand requests one after another, each through the session check, the audit trail and
    // the totals' triggers: ~10-30 s depending on the machine's load.
  }, 120_000);

  it('adds a supplementary agreement once, its increment only', async () => {
    const { id } = await createLead(w, { name: '补充协议测试' });
    await advance(w, id, 'signed');
    const supplement = {
      amount: '30000.25',
      signedOn: '2025-06-18',
      agreementRef: 'GEM-QN-2025-001-补1',
      note: '二期扩产',
    };
    const added = await w.staff.post(`/api/projects/${id}/agreements`, supplement).expect(201);
    expect(added.body).toMatchObject({ kind: 'supplementary', amount: '30000.250000' });
    const again = await w.staff.post(`/api/projects/${id}/agreements`, supplement).expect(409);
    expect(again.body.message).toContain('不会重复计入');
    expect(again.body.current.id).toBe(added.body.id);
    // The initial agreement's reference cannot come back as a supplement either.
    await w.staff
      .post(`/api/projects/${id}/agreements`, { ...supplement, agreementRef: 'GEM-QN-2025-001' })
      .expect(409);
    expect((await projectMoney(id)).signed).toBe('150000.250000');
    const detail = await w.staff.get(`/api/projects/${id}`).expect(200);
    expect(detail.body.agreements.map((a: { kind: string; amount: string }) => [a.kind, a.amount])).toEqual([
      ['initial', '120000.000000'],
      ['supplementary', '30000.250000'],
    ]);
  });

  it('refuses money on an unsigned project, negative or future amounts, writing nothing', async () => {
    const { id } = await createLead(w, { name: '未签约项目' });
    const funds = await count(w.t, 'fund_arrival');
    const agreements = await count(w.t, 'project_agreement');
    const unsigned = await w.staff
      .post(`/api/projects/${id}/fund-arrivals`, { month: '2025-02', amount: '10' })
      .expect(422);
    expect(unsigned.body.message).toContain('已签约');
    await w.staff
      .post(`/api/projects/${id}/agreements`, { amount: '10', signedOn: '2025-02-01', agreementRef: 'X' })
      .expect(422);

    const signed = await createLead(w, { name: '已签约项目' });
    await advance(w, signed.id, 'signed');
    const path = `/api/projects/${signed.id}/fund-arrivals`;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ month: '2025-04', amount: '-5' }, 'amount', '不能为负数'],
      [{ month: '2025-04', amount: '0' }, 'amount', '大于0'],
      [{ month: '2025-4', amount: '5' }, 'month', 'YYYY-MM'],
      [{ month: '2999-01', amount: '5' }, 'month', '不能晚于本月'],
      [{ month: '2025-02', amount: '5' }, 'month', '不能早于签约月份'],
      [{ month: '2025-04', amount: '5', evidenceNote: '证'.repeat(501) }, 'evidenceNote', '500'],
      [{ month: '2025-04', amount: '5', verified: true }, 'verified', '不允许的字段'],
    ];
    for (const [body, field, text] of cases) {
      const res = await w.staff.post(path, body).expect(400);
      expect([field, (res.body.errors[field] ?? []).join(' ')]).toEqual([field, expect.stringContaining(text)]);
    }
    const early = await w.staff
      .post(`/api/projects/${signed.id}/agreements`, { amount: '1', signedOn: '2025-02-01', agreementRef: 'EARLY' })
      .expect(400);
    expect(early.body.errors.signedOn[0]).toContain('不能早于原签约日期');
    expect(await count(w.t, 'fund_arrival')).toBe(funds);
    expect(await count(w.t, 'project_agreement')).toBe(agreements + 1);
    await w.staff.post(path, { month: shanghaiMonth(), amount: '5' }).expect(201);
  });

  it('lets the office verify an entry; a verified entry cannot be deleted', async () => {
    const { id } = await createLead(w, { name: '核实测试' });
    await advance(w, id, 'signed');
    const entry = await w.staff
      .post(`/api/projects/${id}/fund-arrivals`, { month: '2025-04', amount: '2500.5', evidenceNote: '银行回单' })
      .expect(201);
    const other = await w.staff
      .post(`/api/projects/${id}/fund-arrivals`, { month: '2025-05', amount: '1' })
      .expect(201);
    const verifyPath = `/api/projects/${id}/fund-arrivals/${entry.body.id}/verification`;
    await w.staff.patch(verifyPath, { verified: true }).expect(403);
    const verified = await w.office.patch(verifyPath, { verified: true }).expect(200);
    expect(verified.body).toMatchObject({ verified: true, verifiedBy: { id: w.office.user.id } });
    expect(await projectMoney(id)).toMatchObject({ funds: '2501.500000', verified: '2500.500000' });
    await w.staff.delete(`/api/projects/${id}/fund-arrivals/${entry.body.id}`).expect(422);
    await w.staff.delete(`/api/projects/${id}/fund-arrivals/${other.body.id}`).expect(204);
    expect(await projectMoney(id)).toMatchObject({ funds: '2500.500000', verified: '2500.500000' });
    await w.office.patch(verifyPath, { verified: false }).expect(200);
    expect((await projectMoney(id)).verified).toBe('0.000000');
    const audits = await w.t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'fund-arrival' AND project_id = $1 ORDER BY id`,
      [id],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['create', 'create', 'update', 'delete', 'update']);
  });
});
