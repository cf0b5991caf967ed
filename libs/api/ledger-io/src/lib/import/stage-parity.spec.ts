import { addDays, EVALUATION_DIMENSIONS, shanghaiToday, STAGE_GATE_REQUIREMENTS, STAGE_LABELS, STAGES, stageIndex, type Stage } from '@crm/domain';
import { Workbook } from 'exceljs';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';

/**
 * The ledger import and the pipeline refuse the same moves with the same problems (issue 15): for
 * every pair of stages and every item a move's gate asks for, a project missing that item is moved
 * through POST /api/projects/:id/stage-moves and through an imported row; the preview's row errors
 * name exactly what the route's 422 names, stage by stage.
 */

const FACT_HEADERS: Record<string, string> = {
  plannedInvestment: '计划总投资（万元）',
  signedAmount: '签约金额（万元）',
  signedOn: '签约日期',
  agreementRef: '协议编号',
  landParcel: '用地地块',
  landAreaMu: '用地面积（亩）',
  landApprovalRef: '用地批复文号',
  landApprovedOn: '供地日期',
  constructionStartedOn: '开工日期',
  constructionPermitRef: '施工许可证号',
  completedOn: '竣工投产日期',
};
const HEADERS = ['项目名称', '所属产业链', '投资方', '项目阶段', '责任单位', ...Object.values(FACT_HEADERS)];
const INVESTOR = '对照测试投资有限公司';
const UNIT = '市数据局';

/** The facts each stage asks for, dated in last year (from the clock), as a move into it sends them. */
function stageFacts(year: number): Partial<Record<Stage, Record<string, string>>> {
  return {
    signed: { signedAmount: '120000', signedOn: `${year}-03-01`, agreementRef: `DZ-${year}-001` },
    land: { landParcel: '昆仑经济技术开发区 A-3', landAreaMu: '120.5', landApprovalRef: `格自然资〔${year}〕12号`, landApprovedOn: `${year}-04-01` },
    construction: { constructionStartedOn: `${year}-05-01`, constructionPermitRef: `SG-${year}-088` },
    production: { completedOn: `${year}-10-01` },
  };
}

/** What a base project has recorded before the move. */
type Records = 'full' | 'no-contact' | 'no-evaluation' | 'open-evaluation';

interface Case {
  from: Stage;
  to: Stage;
  records: Records;
  /** A fact of the request left out (null: none). */
  omit: string | null;
  /** The gate item the case is about: the route must name it. */
  expects: string | null;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const from of STAGES) {
    for (const to of STAGES) {
      if (from === to) continue;
      if (stageIndex(to) < stageIndex(from)) {
        out.push({ from, to, records: 'full', omit: null, expects: 'reason' });
        continue;
      }
      const passed = STAGES.slice(stageIndex(from) + 1, stageIndex(to) + 1);
      for (const stage of passed) {
        for (const item of STAGE_GATE_REQUIREMENTS[stage]) {
          if (item.field === 'eliminatedCategory') continue;
          if (item.field === 'activities') out.push({ from, to, records: 'no-contact', omit: null, expects: 'activities' });
          else if (item.field === 'evaluation' && stage === 'evaluation') out.push({ from, to, records: 'no-evaluation', omit: null, expects: 'evaluation' });
          else if (item.field === 'evaluation') out.push({ from, to, records: 'open-evaluation', omit: null, expects: 'evaluation' });
          else out.push({ from, to, records: 'full', omit: item.field, expects: item.field });
        }
      }
    }
  }
  return out;
}

describe('the import and the pipeline refuse the same moves with the same problems', () => {
  let w: LedgerWorld;
  let unitId: number;
  const year = Number(shanghaiToday().slice(0, 4)) - 1;
  const FACTS = stageFacts(year);
  const bases = new Map<string, { id: string; name: string }>();
  const versionOf = async (id: string): Promise<number> =>
    (await w.t.dataSource.query(`SELECT version FROM project WHERE id = $1`, [id]))[0].version;

  async function base(from: Stage, records: Records): Promise<{ id: string; name: string }> {
    const key = `${from}/${records}`;
    const known = bases.get(key);
    if (known) return known;
    const name = `对照测试项目 ${from} ${records}`;
    const created = await w.staff
      .post('/api/projects', { name, chain: 'clean-energy', investorName: INVESTOR, sourceChannel: 'through-firms', responsibleUnitId: unitId })
      .expect(201);
    const id: string = created.body.id;
    if (records !== 'no-contact') {
      await w.staff
        .post(`/api/projects/${id}/activities`, { kind: 'visit', occurredOn: `${year}-01-10`, summary: '走访', ourParticipants: ['张三'] })
        .expect(201);
    }
    if (records !== 'no-evaluation') {
      const opened = await w.staff
        .post(`/api/projects/${id}/evaluations`, {
          dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
          eliminatedCategory: false,
        })
        .expect(201);
      if (records !== 'open-evaluation') {
        await w.staff
          .post(`/api/projects/${id}/evaluations/${opened.body.id}/conclusion`, {
            conclusion: 'pass',
            concludedOn: `${year}-02-01`,
            version: opened.body.version,
          })
          .expect(200);
      }
    }
    // Up to `from`, one stage at a time, through the route; a lead keeps no estimate (the move brings it).
    for (const next of STAGES.slice(1, stageIndex(from) + 1)) {
      await w.staff
        .post(`/api/projects/${id}/stage-moves`, {
          to: next,
          version: await versionOf(id),
          ...(next === 'negotiation' ? { plannedInvestment: '150000' } : {}),
          ...(FACTS[next] ?? {}),
        })
        .expect(201);
    }
    const made = { id, name };
    bases.set(key, made);
    return made;
  }

  /** The request of a case: the estimate when moving on from a lead, and the facts of the stages passed. */
  function request(c: Case): Record<string, string> {
    const body: Record<string, string> = {};
    if (stageIndex(c.to) > stageIndex(c.from)) {
      if (c.from === 'lead') body['plannedInvestment'] = '150000';
      for (const stage of STAGES.slice(stageIndex(c.from) + 1, stageIndex(c.to) + 1)) Object.assign(body, FACTS[stage] ?? {});
    }
    if (c.omit) delete body[c.omit];
    return body;
  }

  async function importErrors(name: string, to: Stage, body: Record<string, string>): Promise<{ action: string; zh: string[] }> {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('重点项目');
    sheet.addRow(HEADERS);
    sheet.addRow([name, '清洁能源', INVESTOR, STAGE_LABELS[to], UNIT, ...Object.keys(FACT_HEADERS).map((f) => body[f] ?? '')]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await postAs(w, w.office, '/api/ledger/imports/projects').attach('file', bytes, 'parity.xlsx').expect(201);
    const [row] = res.body.rows;
    return { action: row.action, zh: row.errors.map((e: { zh: string }) => e.zh.replace('（导入不能退回阶段：请在系统中说明原因后退回）', '')) };
  }

  beforeAll(async () => {
    w = await createLedgerWorld();
    [{ id: unitId }] = await w.t.dataSource.query(`SELECT id FROM unit WHERE name = $1`, [UNIT]);
  }, 60_000);
  afterAll(() => w.close());

  const all = cases();

  it('covers every stage pair', () => {
    const pairs = new Set(all.map((c) => `${c.from}>${c.to}`));
    expect(pairs.size).toBe(STAGES.length * (STAGES.length - 1));
    expect(all.length).toBeGreaterThan(60);
  });

  it.each(all.map((c) => [`${c.from} → ${c.to}, ${c.records}${c.omit ? ` without ${c.omit}` : ''}`, c] as const))(
    '%s',
    async (_, c) => {
      const project = await base(c.from, c.records);
      const body = request(c);
      const version = await versionOf(project.id);
      const [before] = await w.t.dataSource.query(`SELECT * FROM project WHERE id = $1`, [project.id]);

      const refused = await w.staff.post(`/api/projects/${project.id}/stage-moves`, { to: c.to, version, ...body }).expect(422);
      const missing: { stage: Stage; field: string; zh: string }[] = refused.body.missing;
      expect(missing.map((m) => m.field)).toContain(c.expects);

      const imported = await importErrors(project.name, c.to, body);
      expect(imported.action).toBe('error');
      expect(imported.zh).toEqual(missing.map((m) => `未满足“${STAGE_LABELS[m.stage]}”环节的条件：${m.zh}`));

      // Refused both ways: the project is as it was.
      const [after] = await w.t.dataSource.query(`SELECT * FROM project WHERE id = $1`, [project.id]);
      expect(after).toEqual(before);
    },
    30_000,
  );

  it.each([
    ['a completion before the construction start', 'construction' as Stage, 'production' as Stage, { completedOn: `${year}-04-30` }, 'completedOn'],
    ['a signing date in the future', 'evaluation' as Stage, 'signed' as Stage, { signedOn: addDays(shanghaiToday(), 1) }, 'signedOn'],
  ])('refuses %s both ways, with the same words', async (_, from, to, override, field) => {
    const project = await base(from, 'full');
    const body = { ...request({ from, to, records: 'full', omit: null, expects: null }), ...override };
    const refused = await w.staff
      .post(`/api/projects/${project.id}/stage-moves`, { to, version: await versionOf(project.id), ...body })
      .expect(400);
    const said: string = refused.body.errors[field][0];
    const imported = await importErrors(project.name, to, body);
    expect(imported.action).toBe('error');
    expect(imported.zh).toHaveLength(1);
    expect(said).toContain(imported.zh[0]);
  });

  it('accepts, both ways, a move whose gate is met: the import previews an update and commits it', async () => {
    const project = await base('negotiation', 'full');
    const c: Case = { from: 'negotiation', to: 'signed', records: 'full', omit: null, expects: null };
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('重点项目');
    sheet.addRow(HEADERS);
    const body = request(c);
    sheet.addRow([project.name, '清洁能源', INVESTOR, STAGE_LABELS.signed, UNIT, ...Object.keys(FACT_HEADERS).map((f) => body[f] ?? '')]);
    const res = await postAs(w, w.office, '/api/ledger/imports/projects')
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'parity.xlsx')
      .expect(201);
    expect(res.body.rows[0]).toMatchObject({ action: 'update', errors: [] });
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const [p] = await w.t.dataSource.query(`SELECT stage, signed_on::text AS signed_on FROM project WHERE id = $1`, [project.id]);
    expect(p).toEqual({ stage: 'signed', signed_on: FACTS.signed?.['signedOn'] });
  });

  it('judges an existing site alike both ways (盘活存量): refused without its document with the same words, else imported at 项目开工 and labelled', async () => {
    const project = await base('signed', 'full');
    const siteHeaders = ['项目名称', '所属产业链', '投资方', '项目阶段', '责任单位', '用地方式', '用地地块', '用地面积（亩）', '场地权属', '产权证号或租赁合同编号', '产权证或租赁合同日期', '开工日期', '施工许可证号'];
    const site = { landParcel: '格尔木工业园 原某化工厂区', landAreaMu: '45', siteDocumentRef: `青(${year})格尔木市不动产权第0001234号`, siteDocumentOn: `${year}-02-20` };
    const started = FACTS.construction ?? {};
    const sheetOf = async (ref: string) => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('重点项目');
      sheet.addRow(siteHeaders);
      sheet.addRow([project.name, '清洁能源', INVESTOR, STAGE_LABELS.construction, UNIT, '既有用地（盘活存量）', site.landParcel, site.landAreaMu, '产权', ref, site.siteDocumentOn, started['constructionStartedOn'], started['constructionPermitRef']]);
      return postAs(w, w.office, '/api/ledger/imports/projects').attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'site.xlsx').expect(201);
    };
    const body = { to: 'construction', landRoute: 'existing-site', siteDocumentKind: 'property-title', ...site, ...started };
    const refused = await w.staff
      .post(`/api/projects/${project.id}/stage-moves`, { ...body, siteDocumentRef: undefined, version: await versionOf(project.id) })
      .expect(422);
    expect(refused.body.missing.map((m: { field: string }) => m.field)).toEqual(['siteDocumentRef']);
    const noDocument = await sheetOf('');
    expect(noDocument.body.rows[0].action).toBe('error');
    expect(noDocument.body.rows[0].errors.map((e: { zh: string }) => e.zh)).toEqual(
      refused.body.missing.map((m: { stage: Stage; zh: string }) => `未满足“${STAGE_LABELS[m.stage]}”环节的条件：${m.zh}`),
    );

    const res = await sheetOf(site.siteDocumentRef);
    expect(res.body.rows[0]).toMatchObject({ action: 'update', errors: [] });
    await w.office.post(`/api/ledger/imports/${res.body.batch.id}/commit`).expect(200);
    const [p] = await w.t.dataSource.query(
      `SELECT stage, land_route, site_document_kind, site_document_ref, land_approval_ref FROM project WHERE id = $1`,
      [project.id],
    );
    expect(p).toEqual({ stage: 'construction', land_route: 'existing-site', site_document_kind: 'property-title', site_document_ref: site.siteDocumentRef, land_approval_ref: null });
  });
});
