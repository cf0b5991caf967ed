import { type AuthUser, checkXlsxBytes, refuseFile, CLOCK, type Clock } from '@crm/api/core';
import type { AnnualPlanView, ChainCode, PlanBodyInput, PlanImportPreview } from '@crm/domain';
import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { diffPlans } from '../plans/plan-diff';
import { readPlan } from '../plans/plan.reader';
import { PlanService } from '../plans/plan.service';
import { readPlanWorkbook, type PlanNames } from './plan-workbook.reader';

interface ImportRow {
  id: string;
  year: number;
  file_name: string;
  body: PlanBodyInput | null;
  problems: PlanImportPreview['problems'];
  differences: PlanImportPreview['differences'];
  plan_version: number | null;
  committed_at: Date | null;
  created_by: string;
}

/**
 * A year's plan from Excel, as the ledgers are imported: the upload is read and checked into a
 * stored preview (what would change), then committed in one transaction through PlanService,
 * the plan's one writer. A preview made before someone else changed the plan is refused at commit.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlanService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(user: AuthUser, year: number, fileName: string, bytes: Buffer): Promise<PlanImportPreview> {
    const fileProblem = checkXlsxBytes(bytes);
    if (fileProblem) refuseFile(fileProblem);
    const { body, problems } = await readPlanWorkbook(bytes, await this.names());
    const current = await readPlan(this.dataSource.manager, year);
    const differences = body ? diffPlans(current, await this.asView(year, body, current)) : [];
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO plan_import (year, file_name, body, problems, differences, plan_version, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [year, fileName, body ? JSON.stringify(body) : null, JSON.stringify(problems), JSON.stringify(differences), current?.version ?? null, user.id, this.clock.now()],
    );
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<PlanImportPreview> {
    const row = await this.row(this.dataSource.manager, id, user);
    const plan = await readPlan(this.dataSource.manager, row.year);
    return view(row, plan);
  }

  async commit(user: AuthUser, id: string, reason?: string): Promise<AnnualPlanView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.row(tx, id, user, true);
      if (row.committed_at) throw new ConflictException({ statusCode: 409, message: '该导入已确认过 / This import was already committed' });
      if (!row.body || row.problems.length) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: '工作簿仍有错误，请修改后重新上传 / The workbook still has problems; correct it and upload again',
          errors: { file: row.problems.map((p) => `${p.sheet}${p.row ? ` 第${p.row}行` : ''}${p.column ? ` ${p.column}` : ''}：${p.message}`) },
        });
      }
      const [plan] = await tx.query(`SELECT version FROM annual_plan WHERE year = $1 FOR UPDATE`, [row.year]);
      if ((plan?.version ?? null) !== row.plan_version) {
        throw new ConflictException({
          statusCode: 409,
          message: '预览之后工作方案已被修改，请重新上传以查看最新差异 / The plan changed after this preview; upload the file again',
        });
      }
      const saved = await this.plans.replaceBody(user, row.year, row.body, reason, tx);
      await tx.query(`UPDATE plan_import SET committed_at = $2, committed_by = $3, body = NULL WHERE id = $1`, [id, this.clock.now(), user.id]);
      return saved;
    });
  }

  private async row(m: EntityManager, id: string, user: AuthUser, lock = false): Promise<ImportRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const [row]: ImportRow[] = await m.query(
      `SELECT id, year, file_name, body, problems, differences, plan_version, committed_at, created_by
       FROM plan_import WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row || (row.created_by !== user.id && !user.roles.includes('office'))) throw notFound();
    return row;
  }

  private async names(): Promise<PlanNames> {
    const chains: { code: ChainCode; name_zh: string }[] = await this.dataSource.query(`SELECT code, name_zh FROM chain`);
    const units: { name: string; id: number }[] = await this.dataSource.query(
      `SELECT name, id FROM unit UNION ALL SELECT alias, unit_id FROM unit_alias`,
    );
    return {
      chains: new Map(chains.flatMap((c) => [[c.name_zh, c.code] as [string, ChainCode], [c.code, c.code] as [string, ChainCode]])),
      units: new Map(units.map((u) => [u.name, u.id])),
    };
  }

  /** The body as a plan view, so the preview's differences read like the plan's own comparison. */
  private async asView(year: number, body: PlanBodyInput, current: AnnualPlanView | null): Promise<AnnualPlanView> {
    const unitNames = new Map<number, string>(
      (await this.dataSource.query(`SELECT id, name FROM unit`)).map((u: { id: number; name: string }) => [u.id, u.name]),
    );
    return {
      year,
      status: current?.status ?? 'draft',
      citySignedAmount: body.citySignedAmount,
      citySignedAtLeast: body.citySignedAtLeast,
      cityFundsInPlace: body.cityFundsInPlace,
      cityFundsAtLeast: body.cityFundsAtLeast,
      draftedFrom: current?.draftedFrom ?? null,
      publishedAt: current?.publishedAt ?? null,
      publishedBy: current?.publishedBy ?? null,
      version: current?.version ?? 0,
      targets: body.targets.map((t) => ({ ...t, chainNameZh: '' })),
      sectorGrowth: body.sectorGrowth,
      keyTasks: body.keyTasks.map((k) => ({
        id: 0,
        chainCode: k.chainCode,
        seq: k.seq,
        text: k.text,
        units: k.unitIds.map((id) => ({ id, name: unitNames.get(id) ?? String(id) })),
        milestones: k.milestones.map((m, i) => ({ id: 0, seq: i + 1, projectName: m.projectName, projectId: null, targetStage: m.targetStage, wording: m.wording ?? '' })),
        goals: k.goals.map((g, i) => ({ id: 0, seq: i + 1, label: g.label, measureUnit: g.measureUnit, target: g.target, achieved: g.achieved ?? '0', achievedOn: null, version: 0 })),
      })),
      problems: [],
    };
  }
}

function view(row: ImportRow, plan: AnnualPlanView | null): PlanImportPreview {
  return {
    id: row.id,
    year: row.year,
    fileName: row.file_name,
    createsPlan: plan === null && row.committed_at === null,
    needsReason: plan?.status === 'published',
    differences: row.differences,
    problems: row.problems,
    status: row.committed_at ? 'committed' : 'previewed',
  };
}

function notFound(): NotFoundException {
  return new NotFoundException('没有找到该导入记录 / No such plan import');
}
