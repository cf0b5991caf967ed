import { addDays, EVALUATION_DIMENSIONS, shanghaiToday } from '@crm/domain';
import { count, createLead, createPipelineWorld, logContact, versionOf, type PipelineWorld } from '../../test/pipeline-world';

/**
 * The project writer (issue 15 §1, §2, §4): one request carries every fact a move needs and is one
 * transaction; the owner and the responsible unit serve the project's chain; time in stage counts
 * from the stage's business date.
 */
describe('the project writer', () => {
  let w: PipelineWorld;
  const year = Number(shanghaiToday().slice(0, 4)) - 1;
  const row = async (id: string) => (await w.t.dataSource.query(`SELECT * FROM project WHERE id = $1`, [id]))[0];
  const audits = async (id: string): Promise<number> =>
    (await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM audit_log WHERE project_id = $1`, [id]))[0].n;

  beforeAll(async () => {
    w = await createPipelineWorld();
  });
  afterAll(() => w.close());

  describe('atomic moves', () => {
    it('saves the estimate, opens the evaluation and moves in one request', async () => {
      const { id } = await createLead(w);
      await logContact(w, id, `${year}-01-10`);
      const moved = await w.staff
        .post(`/api/projects/${id}/stage-moves`, { to: 'evaluation', version: await versionOf(w, id), plannedInvestment: '150000', openEvaluation: true })
        .expect(201);
      expect(moved.body).toMatchObject({ stage: 'evaluation', plannedInvestment: '150000.000000' });
      const [{ n }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM project_evaluation WHERE project_id = $1`, [id]);
      expect(n).toBe(1);
      const actions = await w.t.dataSource.query(
        `SELECT action, entity_type AS type FROM audit_log WHERE project_id = $1 ORDER BY at, action`,
        [id],
      );
      expect(actions.map((a: { action: string; type: string }) => `${a.type}:${a.action}`)).toEqual(
        expect.arrayContaining(['project:update', 'evaluation:create', 'project:stage-move']),
      );
    });

    it('refused, saves nothing of it: the project row and the audit count are as they were', async () => {
      const { id } = await createLead(w);
      // No contact logged: the move to 项目评估 is refused though it brings the estimate and an evaluation.
      const before = await row(id);
      const audited = await audits(id);
      const evaluations = await count(w.t, 'project_evaluation');
      const res = await w.staff
        .post(`/api/projects/${id}/stage-moves`, { to: 'evaluation', version: before.version, plannedInvestment: '150000', openEvaluation: true })
        .expect(422);
      expect(res.body.missing.map((m: { field: string }) => m.field)).toEqual(['activities']);
      expect(await row(id)).toEqual(before);
      expect(await audits(id)).toBe(audited);
      expect(await count(w.t, 'project_evaluation')).toBe(evaluations);

      // A fact that contradicts another (completion before the start) refuses the whole move too.
      const { id: other } = await createLead(w, { name: '原子推进测试项目' });
      await logContact(w, other, `${year}-01-10`);
      const opened = await w.staff
        .post(`/api/projects/${other}/evaluations`, {
          dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
          eliminatedCategory: false,
        })
        .expect(201);
      await w.staff
        .post(`/api/projects/${other}/evaluations/${opened.body.id}/conclusion`, { conclusion: 'pass', concludedOn: `${year}-02-01`, version: opened.body.version })
        .expect(200);
      const start = await row(other);
      const startAudits = await audits(other);
      const agreements = await count(w.t, 'project_agreement');
      await w.staff
        .post(`/api/projects/${other}/stage-moves`, {
          to: 'production',
          version: start.version,
          plannedInvestment: '150000',
          signedAmount: '1000',
          signedOn: `${year}-03-01`,
          agreementRef: `YZ-${year}-1`,
          landParcel: 'A-1',
          landAreaMu: '10',
          landApprovalRef: 'P-1',
          landApprovedOn: `${year}-04-01`,
          constructionStartedOn: `${year}-05-01`,
          constructionPermitRef: 'SG-1',
          completedOn: `${year}-04-30`,
        })
        .expect(400);
      expect(await row(other)).toEqual(start);
      expect(await audits(other)).toBe(startAudits);
      expect(await count(w.t, 'project_agreement')).toBe(agreements);
    });
  });

  describe('owner and responsible unit serve the chain', () => {
    it('refuses with 422 an owner or a unit outside the chain, on create and on update', async () => {
      const projects = await count(w.t, 'project');
      const unit = await w.staff
        .post('/api/projects', {
          name: '链外单位测试项目',
          chain: 'clean-energy',
          investorName: '某公司',
          sourceChannel: 'through-firms',
          responsibleUnitId: w.otherUnitId,
        })
        .expect(422);
      expect(unit.body.errors.responsibleUnitId[0]).toContain('不负责');
      const owner = await w.staff
        .post('/api/projects', {
          name: '链外负责人测试项目',
          chain: 'clean-energy',
          investorName: '某公司',
          sourceChannel: 'through-firms',
          responsibleUnitId: w.unitId,
          ownerId: w.otherStaff.user.id,
        })
        .expect(422);
      expect(owner.body.errors.ownerId[0]).toContain('专班');
      expect(owner.body.message).toContain('须为负责该产业链的单位');
      expect(await count(w.t, 'project')).toBe(projects);

      const { id, version } = await createLead(w, { name: '负责人变更测试项目' });
      const before = await row(id);
      await w.staff.patch(`/api/projects/${id}`, { version, ownerId: w.otherStaff.user.id }).expect(422);
      await w.staff.patch(`/api/projects/${id}`, { version, responsibleUnitId: w.otherUnitId }).expect(422);
      expect(await row(id)).toEqual(before);
    });

    it('lets the chain’s staff save a project unchanged whatever its owner was made by someone else', async () => {
      const { id } = await createLead(w, { name: '办公室负责人测试项目' });
      // An owner set outside the writer (an old import made the office the owner).
      await w.t.dataSource.query(`UPDATE project SET owner_id = $2 WHERE id = $1`, [id, w.office.user.id]);
      const res = await w.staff.patch(`/api/projects/${id}`, { version: await versionOf(w, id), location: '昆仑经济技术开发区' }).expect(200);
      expect(res.body.location).toBe('昆仑经济技术开发区');
      await w.staff.patch(`/api/projects/${id}`, { version: res.body.version }).expect(200);
      // Giving it a proper owner works; the office user stays no owner for the writer.
      await w.staff.patch(`/api/projects/${id}`, { version: res.body.version, ownerId: w.staff.user.id }).expect(200);
    });
  });

  describe('business dates', () => {
    it('counts time in stage from the day given for reaching it (never in the future), and from today when none is given', async () => {
      const { id } = await createLead(w, { name: '业务日期测试项目' });
      await logContact(w, id, `${year}-01-10`);
      const reachedOn = addDays(shanghaiToday(), -40);
      await w.staff
        .post(`/api/projects/${id}/stage-moves`, { to: 'negotiation', version: await versionOf(w, id), plannedInvestment: '150000', reachedOn })
        .expect(201);
      const sinceOf = async () =>
        (await w.t.dataSource.query(`SELECT stage_since::text AS since FROM project WHERE id = $1`, [id]))[0].since;
      expect(await sinceOf()).toBe(reachedOn);
      // The project as the web reads it says since when it is in its stage (the business date).
      expect((await w.staff.get(`/api/projects/${id}`).expect(200)).body.project.stageSince).toBe(reachedOn);
      const future = await w.staff
        .post(`/api/projects/${id}/stage-moves`, { to: 'lead', version: await versionOf(w, id), reason: '重新接洽', reachedOn: addDays(shanghaiToday(), 1) })
        .expect(400);
      expect(future.body.errors.reachedOn[0]).toContain('不能晚于今天');
      // Back without a day: today, not the day given for the stage before.
      await w.staff.post(`/api/projects/${id}/stage-moves`, { to: 'lead', version: await versionOf(w, id), reason: '重新接洽' }).expect(201);
      expect(await sinceOf()).toBe(shanghaiToday());
    });
  });
});
