import { AuditService } from '@crm/api/audit';
import { canEditChain, CLOCK, hasRole, NotificationWriter, type AuthUser, type Clock } from '@crm/api/core';
import { canReadProject, ProjectStore } from '@crm/api/pipeline';
import {
  GUARANTEE_CLOSED_STATUSES,
  GUARANTEE_DEFAULT_UNIT_NAMES,
  GUARANTEE_KIND_LABELS,
  GUARANTEE_STATUS_LABELS,
  guaranteeInputProblems,
  guaranteeNeedText,
  shanghaiToday,
  toFieldErrors,
  type GuaranteeKind,
  type GuaranteeQueueView,
  type GuaranteeRequestView,
  type GuaranteeStatus,
  type ProjectGuaranteesView,
  type RuleProblem,
} from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GuaranteeAnswerDto, GuaranteeDueDateDto, GuaranteeRequestDto } from './guarantee-request.dto';
import { loadAnswers, loadRequests, toRequestView, type GuaranteeRequestRow } from './guarantee-request.rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the audit keeps of a request: the need, the bureau, the due date and the latest answer. */
interface GuaranteeSnapshot {
  kind: GuaranteeKind;
  description: string | null;
  areaMu: string | null;
  powerKw: string | null;
  powerMwhPerYear: string | null;
  waterM3PerYear: string | null;
  gasM3PerYear: string | null;
  quantity: string | null;
  quantityUnit: string | null;
  financeWan: string | null;
  unitId: number;
  dueOn: string;
  status: GuaranteeStatus;
  statusOn: string | null;
  expectedOn: string | null;
  note: string | null;
}

function snapshotOf(r: GuaranteeRequestRow): GuaranteeSnapshot {
  return {
    kind: r.kind,
    description: r.description,
    areaMu: r.area_mu,
    powerKw: r.power_kw,
    powerMwhPerYear: r.power_mwh_per_year,
    waterM3PerYear: r.water_m3_per_year,
    gasM3PerYear: r.gas_m3_per_year,
    quantity: r.quantity,
    quantityUnit: r.quantity_unit,
    financeWan: r.finance_wan,
    unitId: r.unit_id,
    dueOn: r.due_on,
    status: r.status,
    statusOn: r.status_on,
    expectedOn: r.expected_on,
    note: r.note,
  };
}

/** 400 with the field tree, as the validation pipe answers: nothing was written. */
function invalid(problems: RuleProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`,
    errors: toFieldErrors(problems),
  });
}

const notFound = () => new NotFoundException({ statusCode: 404, message: '没有该要素保障需求 / No such resource request' });

/** The active users of a unit (its staff), who answer what is sent to it. */
export async function unitStaff(manager: EntityManager, unitId: number): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM app_user WHERE unit_id = $1 AND active AND 'staff' = ANY (roles) ORDER BY id`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

/** The project's readers and the addressed unit's users read a request. */
export function mayReadRequest(user: AuthUser, row: GuaranteeRequestRow): boolean {
  return (user.unitId !== null && user.unitId === row.unit_id) || canReadProject(user, row);
}

/**
 * 要素保障: a project's needs sent to the bureaus, and their answers. The one writer of
 * guarantee_request and guarantee_answer; every write is one transaction with its audit row and
 * the notices it sends. Who does what:
 * - the project's readers read its needs (others: 404, as for the project);
 * - staff of a unit serving the project's chain send needs and move a due date (403 otherwise);
 * - the staff of the addressed unit read and answer it; for any other unit it does not exist (404).
 */
@Injectable()
export class GuaranteeRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    private readonly notifications: NotificationWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return shanghaiToday(this.clock.now());
  }

  async forProject(user: AuthUser, projectId: string): Promise<ProjectGuaranteesView> {
    const m = this.dataSource.manager;
    const project = await this.store.readable(m, user, projectId);
    const rows = await loadRequests(m, 'g.project_id = $1', [projectId], { order: 'g.sent_at DESC, g.id' });
    return {
      requests: await this.views(m, user, rows),
      canRequest: hasRole(user, 'staff') && canEditChain(user, project.chain_id) && project.status !== 'dropped',
      defaultUnits: await this.defaultUnits(m),
    };
  }

  async queue(user: AuthUser, filter: 'open' | 'all'): Promise<GuaranteeQueueView> {
    const m = this.dataSource.manager;
    if (user.unitId === null) return { unit: null, requests: [] };
    const [unit] = await m.query(`SELECT id, name FROM unit WHERE id = $1`, [user.unitId]);
    const rows = await loadRequests(
      m,
      `g.unit_id = $1${filter === 'open' ? ` AND g.status NOT IN ('secured', 'cannot-meet')` : ''}`,
      [user.unitId],
      { order: 'g.due_on, g.sent_at, g.id', limit: 500 },
    );
    return { unit: unit ? { id: unit.id, name: unit.name } : null, requests: await this.views(m, user, rows) };
  }

  async get(user: AuthUser, id: string): Promise<GuaranteeRequestView> {
    const m = this.dataSource.manager;
    const row = await this.visible(m, user, id);
    return (await this.views(m, user, [row]))[0];
  }

  async create(user: AuthUser, projectId: string, input: GuaranteeRequestDto): Promise<GuaranteeRequestView> {
    return this.dataSource.transaction(async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      if (project.status === 'dropped') {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: '该项目已终止，不能再提出要素保障需求 / The project was dropped; it takes no new requests',
        });
      }
      const problems = [...guaranteeInputProblems(input), ...this.dueProblems(input.dueOn)];
      const [unit] = await tx.query(`SELECT id, name FROM unit WHERE id = $1`, [input.unitId]);
      if (!unit) problems.push({ field: 'unitId', zh: '没有该要素保障部门', en: 'No such unit' });
      if (problems.length) throw invalid(problems);
      const now = this.clock.now();
      const [{ id }] = await tx.query(
        `INSERT INTO guarantee_request (project_id, kind, description, area_mu, power_kw, power_mwh_per_year, water_m3_per_year,
           gas_m3_per_year, quantity, quantity_unit, finance_wan, unit_id, due_on, sent_at, sent_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14) RETURNING id`,
        [
          projectId,
          input.kind,
          input.description ?? null,
          input.areaMu ?? null,
          input.powerKw ?? null,
          input.powerMwhPerYear ?? null,
          input.waterM3PerYear ?? null,
          input.gasM3PerYear ?? null,
          input.quantity ?? null,
          input.quantityUnit ?? null,
          input.financeWan ?? null,
          input.unitId,
          input.dueOn,
          now,
          user.id,
        ],
      );
      const [row] = await loadRequests(tx, 'g.id = $1', [id]);
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'guarantee_request',
        entityId: id,
        projectId,
        after: snapshotOf(row),
      });
      const need = guaranteeNeedText(row.kind, snapshotOf(row));
      await this.notifications.notify(tx, await unitStaff(tx, row.unit_id), {
        kind: 'guarantee-requested',
        title: `要素保障需求：${row.project_name} ${need}（${row.due_on}前）/ Resource request: ${row.project_name}`,
        body: `${row.project_name}（${GUARANTEE_KIND_LABELS[row.kind]}）请求贵单位保障：${need}，办理时限 ${row.due_on}。请在“要素保障办理”中受理并答复。/ Please receive and answer it under 要素保障办理 by ${row.due_on}.`,
        link: '/guarantees',
      });
      return (await this.views(tx, user, [row]))[0];
    });
  }

  async changeDueDate(user: AuthUser, projectId: string, id: string, input: GuaranteeDueDateDto): Promise<GuaranteeRequestView> {
    if (!UUID.test(id)) throw notFound();
    return this.dataSource.transaction(async (tx) => {
      await this.store.lockForEdit(tx, user, projectId);
      const [row] = await loadRequests(tx, 'g.id = $1 AND g.project_id = $2', [id, projectId], { lock: true });
      if (!row) throw notFound();
      if (row.version !== input.version) throw await this.stale(tx, user, row);
      if (GUARANTEE_CLOSED_STATUSES.includes(row.status)) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          message: `该需求已答复“${GUARANTEE_STATUS_LABELS[row.status]}”，不能再改办理时限 / The request is closed; its due date stays`,
        });
      }
      const problems = this.dueProblems(input.dueOn);
      if (problems.length) throw invalid(problems);
      await tx.query(`UPDATE guarantee_request SET due_on = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [
        id,
        input.dueOn,
        this.clock.now(),
      ]);
      const [after] = await loadRequests(tx, 'g.id = $1', [id]);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'guarantee_request',
        entityId: id,
        projectId,
        before: { dueOn: row.due_on },
        after: { dueOn: after.due_on },
      });
      return (await this.views(tx, user, [after]))[0];
    });
  }

  /** The addressed unit's answer: a new status with its date and a note, on the version read. */
  async answer(user: AuthUser, id: string, input: GuaranteeAnswerDto): Promise<GuaranteeRequestView> {
    if (!UUID.test(id)) throw notFound();
    return this.dataSource.transaction(async (tx) => {
      const [row] = await loadRequests(tx, 'g.id = $1', [id], { lock: true });
      // Not addressed to the reader's unit: it does not exist for them, whatever else they may read.
      if (!row || user.unitId === null || row.unit_id !== user.unitId) throw notFound();
      if (row.version !== input.version) throw await this.stale(tx, user, row);
      const today = this.today();
      const problems: RuleProblem[] = [];
      if (input.statusOn > today) {
        problems.push({ field: 'statusOn', zh: `办理日期不能晚于今天（${today}）`, en: `The date cannot be later than today (${today})` });
      } else if (input.statusOn < row.sent_on) {
        problems.push({ field: 'statusOn', zh: `办理日期不能早于需求发出日（${row.sent_on}）`, en: `The date cannot be before the request was sent (${row.sent_on})` });
      }
      const open = input.status === 'received' || input.status === 'in-progress';
      if (input.expectedOn && !open) {
        problems.push({ field: 'expectedOn', zh: '已办结的需求不填预计办结日期', en: 'A closed request has no expected date' });
      } else if (input.expectedOn && input.expectedOn < input.statusOn) {
        problems.push({ field: 'expectedOn', zh: '预计办结日期不能早于办理日期', en: 'The expected date cannot be before the date of the status' });
      }
      if (input.status === 'cannot-meet' && !input.note) {
        problems.push({ field: 'note', zh: '无法满足时请说明原因', en: 'Say why the need cannot be met' });
      }
      if (problems.length) throw invalid(problems);
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO guarantee_answer (request_id, status, status_on, expected_on, note, answered_by, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.status, input.statusOn, input.expectedOn ?? null, input.note ?? null, user.id, now],
      );
      await tx.query(
        `UPDATE guarantee_request SET status = $2, status_on = $3, expected_on = $4, note = $5, version = version + 1, updated_at = $6
         WHERE id = $1`,
        [id, input.status, input.statusOn, input.expectedOn ?? null, input.note ?? null, now],
      );
      const [after] = await loadRequests(tx, 'g.id = $1', [id]);
      const before = snapshotOf(row);
      const next = snapshotOf(after);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'guarantee_request',
        entityId: id,
        projectId: row.project_id,
        before: { status: before.status, statusOn: before.statusOn, expectedOn: before.expectedOn, note: before.note },
        after: { status: next.status, statusOn: next.statusOn, expectedOn: next.expectedOn, note: next.note },
      });
      const tell = [...new Set([row.sent_by, row.owner_id].filter((u): u is string => !!u && u !== user.id))];
      const active: { id: string }[] = tell.length
        ? await tx.query(`SELECT id FROM app_user WHERE id = ANY ($1::uuid[]) AND active ORDER BY id`, [tell])
        : [];
      await this.notifications.notify(
        tx,
        active.map((u) => u.id),
        {
          kind: 'guarantee-answered',
          title: `${row.unit_name}答复：${row.project_name} ${GUARANTEE_KIND_LABELS[row.kind]} ${GUARANTEE_STATUS_LABELS[input.status]} / ${row.unit_name} answered`,
          body: `${guaranteeNeedText(row.kind, before)}：${GUARANTEE_STATUS_LABELS[input.status]}（${input.statusOn}）${input.note ? `\n${input.note}` : ''}`,
          link: `/projects/${row.project_id}`,
        },
      );
      return (await this.views(tx, user, [after]))[0];
    });
  }

  private async visible(manager: EntityManager, user: AuthUser, id: string): Promise<GuaranteeRequestRow> {
    if (!UUID.test(id)) throw notFound();
    const [row] = await loadRequests(manager, 'g.id = $1', [id]);
    if (!row || !mayReadRequest(user, row)) throw notFound();
    return row;
  }

  private dueProblems(dueOn: string): RuleProblem[] {
    const today = this.today();
    return dueOn < today
      ? [{ field: 'dueOn', zh: `办理时限不能早于今天（${today}）`, en: `The due date cannot be before today (${today})` }]
      : [];
  }

  private async stale(manager: EntityManager, user: AuthUser, row: GuaranteeRequestRow): Promise<ConflictException> {
    return new ConflictException({
      statusCode: 409,
      message: '该要素保障需求已被他人更新，请查看最新内容后再提交 / Someone updated this request first; review it and try again',
      current: (await this.views(manager, user, [row]))[0],
    });
  }

  private async views(manager: EntityManager, user: AuthUser, rows: GuaranteeRequestRow[]): Promise<GuaranteeRequestView[]> {
    const answers = await loadAnswers(manager, rows.map((r) => r.id));
    const today = this.today();
    return rows.map((r) =>
      toRequestView(r, answers.get(r.id) ?? [], today, hasRole(user, 'staff') && user.unitId !== null && user.unitId === r.unit_id),
    );
  }

  /** The suggested bureau per kind, found by name or alias in the reference units. */
  private async defaultUnits(manager: EntityManager): Promise<ProjectGuaranteesView['defaultUnits']> {
    const names = [...new Set(Object.values(GUARANTEE_DEFAULT_UNIT_NAMES).filter((n): n is string => !!n))];
    const rows: { key: string; id: number; name: string }[] = await manager.query(
      `SELECT n AS key, u.id, u.name FROM unnest($1::text[]) AS n
       JOIN unit u ON u.id = coalesce((SELECT id FROM unit WHERE name = n), (SELECT unit_id FROM unit_alias WHERE alias = n))`,
      [names],
    );
    const byName = new Map(rows.map((r) => [r.key, { id: r.id, name: r.name }]));
    const out: ProjectGuaranteesView['defaultUnits'] = {};
    for (const [kind, name] of Object.entries(GUARANTEE_DEFAULT_UNIT_NAMES) as [GuaranteeKind, string | null][]) {
      const unit = name ? byName.get(name) : undefined;
      if (unit) out[kind] = unit;
    }
    return out;
  }
}
