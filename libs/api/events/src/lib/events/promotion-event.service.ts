import { AuditService } from '@crm/api/audit';
import { contactVisibleSql as referenceContactVisible } from '@crm/api/reference';
import { canEditChain, CLOCK, hasRole, staleRecord, type AuthUser, type Clock } from '@crm/api/core';
import {
  normaliseEnterpriseName,
  promotionEventProblems,
  toFieldErrors,
  type ChainCode,
  type PromotionEventKind,
  type PromotionEventSummary,
  type PromotionEventView,
  type RuleProblem,
} from '@crm/domain';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_TOTALS_ZERO, eventTotals } from './event-totals';
import type { PromotionEventDto, UpdatePromotionEventDto } from './promotion-event.dto';

interface EventRow {
  id: string;
  name: string;
  kind: PromotionEventKind;
  starts_on: string;
  ends_on: string;
  place: string | null;
  lead_person_id: number | null;
  lead_person_name: string | null;
  chain_ids: number[];
  chain_codes: ChainCode[];
  notes: string | null;
  version: number;
  created_by: string | null;
}

const EVENT_COLUMNS = `e.id, e.name, e.kind, e.starts_on::text AS starts_on, e.ends_on::text AS ends_on, e.place,
  e.lead_person_id, lp.name AS lead_person_name, e.chain_ids,
  ARRAY(SELECT c.code FROM chain c WHERE c.id = ANY (e.chain_ids) ORDER BY c.sort_order) AS chain_codes,
  e.notes, e.version, e.created_by`;
const EVENT_FROM = `promotion_event e LEFT JOIN person lp ON lp.id = e.lead_person_id`;

/** Who may read an event: every chain's readers for a city-wide one, else the readers of one of its chains. */
export function eventVisibleSql(alias: string, user: AuthUser, param: (value: unknown) => string): string {
  if (user.allChains) return 'true';
  return `(${alias}.chain_ids = '{}' OR ${alias}.chain_ids && ${param(user.chainIds)}::smallint[])`;
}

/** A contact's name is shown only to those who may see the contact (the reference area's one rule, 个人信息保护法). */
export function contactVisibleSql(alias: string, user: AuthUser, param: (value: unknown) => string): string {
  return referenceContactVisible(alias, { all: param(user.allChains), chains: param(user.chainIds), user: param(user.id) });
}

function problemsException(problems: RuleProblem[], status: 400 | 422) {
  const body = {
    statusCode: status,
    message: `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`,
    errors: toFieldErrors(problems),
  };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
}

const notFound = () => new NotFoundException({ statusCode: 404, message: '没有该招商活动 / No such promotion event' });

/**
 * 招商活动 (issue 20 §4): kept by the office and the staff, read by leaders; a chain's event is read
 * by whoever reads the chain (others are told it does not exist), a city-wide one by everyone.
 * Writes are one transaction with their audit row, on the version read (409 with the event as it is).
 */
/** What the audit keeps of an event: its fields and the ids of what it links. */
interface EventSnapshot {
  name: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  place: string | null;
  leadPersonId: number | null;
  chains: string[];
  unitIds: number[];
  enterpriseIds: string[];
  contactIds: string[];
  notes: string | null;
}

@Injectable()
export class PromotionEventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, filter: { year?: number; kind?: PromotionEventKind }): Promise<PromotionEventSummary[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [eventVisibleSql('e', user, param)];
    if (filter.year) where.push(`e.starts_on <= make_date(${param(filter.year)}::int, 12, 31) AND e.ends_on >= make_date(${param(filter.year)}::int, 1, 1)`);
    if (filter.kind) where.push(`e.kind = ${param(filter.kind)}::promotion_event_kind`);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE ${where.join(' AND ')} ORDER BY e.starts_on DESC, e.name LIMIT 500`,
      params,
    );
    const totals = await eventTotals(this.dataSource.manager, rows.map((r) => r.id));
    return rows.map((r) => this.summary(r, totals.get(r.id)));
  }

  async view(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<PromotionEventView> {
    const row = await this.readable(user, id, manager);
    return this.viewOf(user, row, manager);
  }

  async create(user: AuthUser, input: PromotionEventDto): Promise<PromotionEventView> {
    return this.dataSource.transaction(async (tx) => {
      const chainIds = await this.checkInput(tx, user, input, null);
      const now = this.clock.now();
      const [{ id }] = await tx.query(
        `INSERT INTO promotion_event (name, normalised_name, kind, starts_on, ends_on, place, lead_person_id, chain_ids, notes,
           created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
        [input.name, normaliseEnterpriseName(input.name), input.kind, input.startsOn, input.endsOn, input.place ?? null,
          input.leadPersonId ?? null, chainIds, input.notes ?? null, user.id, now],
      );
      await this.writeLinks(tx, id, input);
      await this.audit.record(tx, user, { action: 'create', entityType: 'promotion_event', entityId: id, after: this.snapshot(input) });
      return this.view(user, id, tx);
    });
  }

  async update(user: AuthUser, id: string, input: UpdatePromotionEventDto): Promise<PromotionEventView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.readable(user, id, tx, true);
      if (!this.mayEdit(user, row)) throw this.forbidden();
      if (row.version !== input.version) throw staleRecord('该招商活动', await this.viewOf(user, row, tx));
      const before = await this.storedSnapshot(tx, row);
      const chainIds = await this.checkInput(tx, user, input, id);
      await tx.query(
        `UPDATE promotion_event SET name = $2, normalised_name = $3, kind = $4, starts_on = $5, ends_on = $6, place = $7,
           lead_person_id = $8, chain_ids = $9, notes = $10, version = version + 1, updated_at = $11 WHERE id = $1`,
        [id, input.name, normaliseEnterpriseName(input.name), input.kind, input.startsOn, input.endsOn, input.place ?? null,
          input.leadPersonId ?? null, chainIds, input.notes ?? null, this.clock.now()],
      );
      await tx.query(`DELETE FROM promotion_event_unit WHERE event_id = $1`, [id]);
      await tx.query(`DELETE FROM promotion_event_enterprise WHERE event_id = $1`, [id]);
      await tx.query(`DELETE FROM promotion_event_contact WHERE event_id = $1`, [id]);
      await this.writeLinks(tx, id, input);
      await this.audit.record(tx, user, { action: 'update', entityType: 'promotion_event', entityId: id, before, after: this.snapshot(input) });
      return this.view(user, id, tx);
    });
  }

  /** The event, if the user may read it; 404 otherwise. */
  private async readable(user: AuthUser, id: string, manager: EntityManager, lock = false): Promise<EventRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const params: unknown[] = [id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const [row]: EventRow[] = await manager.query(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.id = $1 AND ${eventVisibleSql('e', user, param)}${lock ? ' FOR UPDATE OF e' : ''}`,
      params,
    );
    if (!row) throw notFound();
    return row;
  }

  private mayEdit(user: AuthUser, row: Pick<EventRow, 'chain_ids' | 'created_by'>): boolean {
    if (hasRole(user, 'office')) return true;
    if (!hasRole(user, 'staff')) return false;
    return row.created_by === user.id || row.chain_ids.some((c) => canEditChain(user, c));
  }

  private forbidden() {
    return new ForbiddenException({
      statusCode: 403,
      message: '只有领导小组办公室和活动所属产业链的专班可以修改该招商活动 / Only the office and the staff of the event’s chains edit it',
    });
  }

  /** Bad input (400) and what the user may not do (422), judged before anything is written; the chains' ids. */
  private async checkInput(tx: EntityManager, user: AuthUser, input: PromotionEventDto, id: string | null): Promise<number[]> {
    const invalid: RuleProblem[] = [...promotionEventProblems(input)];
    const chains: { id: number; code: string }[] = input.chains?.length
      ? await tx.query(`SELECT id, code FROM chain WHERE code = ANY ($1)`, [input.chains])
      : [];
    if (input.leadPersonId) {
      const [person] = await tx.query(`SELECT 1 FROM person WHERE id = $1`, [input.leadPersonId]);
      if (!person) invalid.push({ field: 'leadPersonId', zh: '没有该带队领导', en: 'No such person' });
    }
    const missing = async (table: string, ids: unknown[] | undefined, type: string): Promise<number> => {
      if (!ids?.length) return 0;
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY ($1::${type}[])`, [ids]);
      return ids.length - n;
    };
    if (await missing('unit', input.unitIds, 'int')) invalid.push({ field: 'unitIds', zh: '参加单位中有不存在的单位', en: 'A unit does not exist' });
    if (await missing('enterprise', input.enterpriseIds, 'uuid')) {
      invalid.push({ field: 'enterpriseIds', zh: '洽谈企业中有企业库里没有的企业', en: 'A firm is not in the enterprise library' });
    }
    if (await missing('enterprise_contact', input.contactIds, 'uuid')) {
      invalid.push({ field: 'contactIds', zh: '会见联系人中有不存在的联系人', en: 'A contact does not exist' });
    }
    const [taken] = await tx.query(`SELECT id FROM promotion_event WHERE normalised_name = $1 AND id IS DISTINCT FROM $2`, [
      normaliseEnterpriseName(input.name),
      id,
    ]);
    if (taken) invalid.push({ field: 'name', zh: '已有同名的招商活动', en: 'An event of this name already exists' });
    if (invalid.length) throw problemsException(invalid, 400);
    if (!hasRole(user, 'office')) {
      const foreign = chains.filter((c) => !canEditChain(user, c.id));
      if (foreign.length) {
        throw problemsException(
          [{ field: 'chains', zh: `您不在${foreign.map((c) => c.code).join('、')}产业链专班，不能为其登记活动`, en: `You do not serve ${foreign.map((c) => c.code).join(', ')}` }],
          422,
        );
      }
    }
    return chains.map((c) => c.id);
  }

  private async writeLinks(tx: EntityManager, id: string, input: PromotionEventDto): Promise<void> {
    if (input.unitIds?.length) {
      await tx.query(`INSERT INTO promotion_event_unit (event_id, unit_id) SELECT $1, unnest($2::int[])`, [id, input.unitIds]);
    }
    if (input.enterpriseIds?.length) {
      await tx.query(`INSERT INTO promotion_event_enterprise (event_id, enterprise_id) SELECT $1, unnest($2::uuid[])`, [id, input.enterpriseIds]);
    }
    if (input.contactIds?.length) {
      await tx.query(`INSERT INTO promotion_event_contact (event_id, contact_id) SELECT $1, unnest($2::uuid[])`, [id, input.contactIds]);
    }
  }

  private snapshot(input: PromotionEventDto): EventSnapshot {
    return {
      name: input.name,
      kind: input.kind,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      place: input.place ?? null,
      leadPersonId: input.leadPersonId ?? null,
      chains: input.chains ?? [],
      unitIds: [...(input.unitIds ?? [])].sort((a, b) => a - b),
      enterpriseIds: [...(input.enterpriseIds ?? [])].sort(),
      contactIds: [...(input.contactIds ?? [])].sort(),
      notes: input.notes ?? null,
    };
  }

  private async storedSnapshot(tx: EntityManager, row: EventRow): Promise<EventSnapshot> {
    const [links] = await tx.query(
      `SELECT ARRAY(SELECT unit_id FROM promotion_event_unit WHERE event_id = $1 ORDER BY unit_id) AS units,
              ARRAY(SELECT enterprise_id::text FROM promotion_event_enterprise WHERE event_id = $1 ORDER BY 1) AS firms,
              ARRAY(SELECT contact_id::text FROM promotion_event_contact WHERE event_id = $1 ORDER BY 1) AS contacts`,
      [row.id],
    );
    return {
      name: row.name,
      kind: row.kind,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      place: row.place,
      leadPersonId: row.lead_person_id,
      chains: row.chain_codes,
      unitIds: links.units,
      enterpriseIds: links.firms,
      contactIds: links.contacts,
      notes: row.notes,
    };
  }

  private summary(r: EventRow, totals = EVENT_TOTALS_ZERO): PromotionEventSummary {
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      place: r.place,
      leadPerson: r.lead_person_id === null ? null : { id: r.lead_person_id, name: r.lead_person_name ?? '' },
      chains: r.chain_codes,
      totals,
    };
  }

  private async viewOf(user: AuthUser, row: EventRow, manager: EntityManager): Promise<PromotionEventView> {
    const totals = await eventTotals(manager, [row.id]);
    const params: unknown[] = [row.id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const readable = user.allChains
      ? 'true'
      : `(p.chain_id = ANY (${param(user.chainIds)}::smallint[]) OR p.related_chain_ids && $${params.length}::smallint[])`;
    const projects = await manager.query(
      `SELECT p.id, p.name, p.investor_name, c.code AS chain, p.stage, trim_scale(p.signed_amount)::text AS signed_amount,
              trim_scale(p.funds_in_place)::text AS funds_in_place, ${readable} AS readable
       FROM project p JOIN chain c ON c.id = p.chain_id WHERE p.event_id = $1 ORDER BY p.signed_amount DESC, p.name`,
      params,
    );
    const units = await manager.query(
      `SELECT u.id, u.name FROM promotion_event_unit eu JOIN unit u ON u.id = eu.unit_id WHERE eu.event_id = $1 ORDER BY u.name`,
      [row.id],
    );
    const enterprises = await manager.query(
      `SELECT en.id, en.name FROM promotion_event_enterprise ee JOIN enterprise en ON en.id = ee.enterprise_id
       WHERE ee.event_id = $1 ORDER BY en.name`,
      [row.id],
    );
    const contactParams: unknown[] = [row.id];
    const contactParam = (value: unknown) => {
      contactParams.push(value);
      return `$${contactParams.length}`;
    };
    const contacts = await manager.query(
      `SELECT ct.id, ct.name, en.name AS enterprise_name
       FROM promotion_event_contact ec JOIN enterprise_contact ct ON ct.id = ec.contact_id JOIN enterprise en ON en.id = ct.enterprise_id
       WHERE ec.event_id = $1 AND ct.anonymised_at IS NULL AND ${contactVisibleSql('ct', user, contactParam)} ORDER BY ct.name`,
      contactParams,
    );
    const shown = projects.filter((p: { readable: boolean }) => p.readable);
    return {
      ...this.summary(row, totals.get(row.id)),
      notes: row.notes,
      units,
      enterprises,
      contacts: contacts.map((c: { id: string; name: string; enterprise_name: string }) => ({ id: c.id, name: c.name, enterpriseName: c.enterprise_name })),
      projects: shown.map((p: Record<string, string>) => ({
        id: p['id'],
        name: p['name'],
        investorName: p['investor_name'],
        chain: p['chain'] as ChainCode,
        stage: p['stage'] as PromotionEventView['projects'][number]['stage'],
        signedAmount: p['signed_amount'],
        fundsInPlace: p['funds_in_place'],
      })),
      hiddenProjects: projects.length - shown.length,
      version: row.version,
      editable: this.mayEdit(user, row),
    };
  }
}
