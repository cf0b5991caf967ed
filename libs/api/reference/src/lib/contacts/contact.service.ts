import { AuditService, changedFields } from '@crm/api/audit';
import { addTableSheet, CLOCK, newWorkbook, staleRecord, type AuthUser, type Clock, type ExportColumn } from '@crm/api/core';
import {
  ANONYMISED_CONTACT_NAME,
  ledgerContactAction,
  ledgerContactChanges,
  matchLedgerContact,
  type ContactRevealView,
  type ContactView,
  type LedgerContactAction,
  type LedgerContactCandidate,
  type LedgerContactInput,
} from '@crm/domain';
import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AnonymiseContactDto, CreateContactDto, ListContactsDto, UpdateContactDto } from './contact.dto';
import {
  CONTACT_SELECT,
  contactAuditSnapshot,
  contactVisibleSql,
  projectReadableSql,
  READER,
  readerParams,
  toContactView,
  type ContactRow,
} from './contact.rows';

type Problem = { field: string; zh: string; en: string };

/** 422 naming the fields: the input is well-formed but refers to what cannot be used. */
function refused(problems: Problem[]): UnprocessableEntityException {
  const errors: Record<string, string[]> = {};
  for (const p of problems) (errors[p.field] ??= []).push(`${p.zh} / ${p.en}`);
  return new UnprocessableEntityException({
    statusCode: 422,
    message: problems.map((p) => `${p.zh} / ${p.en}`).join('; '),
    errors,
  });
}

/** Who writes a contact outside a session (the worker committing an import): enough for the audit. */
export type ContactActor = Pick<AuthUser, 'id' | 'username'>;

/** A ledger row's contact: the firm of its project, the project, and what the row says of the person. */
export interface LedgerContactWrite extends LedgerContactInput {
  enterpriseId: string;
  projectId: string;
}

/** The reader's chains as $1, $2 (a query that does not name the user). */
const CHAINS_ONLY = { all: '$1', chains: '$2', user: '' };

/** The firm exists and was not merged away: a contact belongs to a firm of the library. */
async function firmProblems(tx: EntityManager, enterpriseId: string): Promise<Problem[]> {
  const [firm]: { merged_into_id: string | null }[] = await tx.query(`SELECT merged_into_id FROM enterprise WHERE id = $1`, [enterpriseId]);
  if (!firm) return [{ field: 'enterpriseId', zh: '没有找到所选企业，联系人须属于企业库中的企业', en: 'The firm does not exist; a contact needs a firm of the library' }];
  if (firm.merged_into_id) return [{ field: 'enterpriseId', zh: '所选企业已合并到其他企业，请选择合并后的企业', en: 'The firm was merged into another; choose that one' }];
  return [];
}

const notFound = (id: string) => new NotFoundException(`没有找到该联系人 / No contact ${id}`);

const EXPORT_COLUMNS: ExportColumn<ContactRow>[] = [
  { header: '企业', kind: 'text', width: 30, value: (r) => r.enterprise_name },
  { header: '姓名', kind: 'text', width: 12, value: (r) => r.name },
  { header: '职务', kind: 'text', width: 16, value: (r) => r.title },
  { header: '手机', kind: 'text', width: 14, value: (r) => r.mobile },
  { header: '座机', kind: 'text', width: 14, value: (r) => r.landline },
  { header: '微信', kind: 'text', width: 14, value: (r) => r.wechat },
  { header: '电子邮箱', kind: 'text', width: 22, value: (r) => r.email },
  { header: '熟悉该联系人的工作人员', kind: 'text', width: 20, value: (r) => r.known_by.map((u) => u.displayName).join('、') },
  { header: '备注', kind: 'text', width: 30, value: (r) => r.notes },
];

/**
 * 联系人 (issue 20 §1): people at firms, seen only by those whose chains work with the firm
 * (contactVisibleSql), the mobile masked everywhere but in the audited reveal and export; a
 * person removed on request is anonymised in place, so the activities that named them stay.
 */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, query: ListContactsDto): Promise<{ items: ContactView[]; total: number }> {
    const { where, params } = this.filter(user, query);
    const rows: (ContactRow & { total: string })[] = await this.dataSource.query(
      `${CONTACT_SELECT.replace('SELECT c.id,', 'SELECT count(*) OVER () AS total, c.id,')}
       WHERE ${where} ORDER BY (c.anonymised_at IS NOT NULL), e.name, c.name, c.id
       LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(toContactView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async findOne(user: AuthUser, id: string): Promise<ContactView> {
    return toContactView(await this.visible(this.dataSource.manager, user, id));
  }

  async create(user: AuthUser, input: CreateContactDto): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      await this.refuseReferences(tx, user, input.enterpriseId, input.knownByUserIds ?? [], input.projectIds ?? []);
      const id = await this.insert(tx, user, input);
      await this.linkStaff(tx, id, input.knownByUserIds ?? []);
      await this.linkProjects(tx, id, input.projectIds ?? []);
      const row = await this.visible(tx, user, id);
      await this.audit.record(tx, user, { action: 'create', entityType: 'contact', entityId: id, after: contactAuditSnapshot(row) });
      return toContactView(row);
    });
  }

  async update(user: AuthUser, id: string, input: UpdateContactDto): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.visible(tx, user, id, true);
      if (current.anonymised_at) {
        throw refused([{ field: 'name', zh: '该联系人已按本人要求删除，不能再修改', en: 'This contact was removed on request and cannot be edited' }]);
      }
      if (input.version !== current.version) throw staleRecord('该联系人', toContactView(current));
      const enterpriseId = input.enterpriseId ?? current.enterprise_id;
      await this.refuseReferences(tx, user, enterpriseId, input.knownByUserIds ?? [], input.projectIds ?? []);
      const keep = <K extends keyof ContactRow>(value: ContactRow[K] | undefined, key: K) => (value === undefined ? current[key] : value);
      await tx.query(
        `UPDATE enterprise_contact SET enterprise_id = $2, name = $3, title = $4, mobile = $5, landline = $6, wechat = $7,
           email = $8, notes = $9 WHERE id = $1`,
        [
          id,
          enterpriseId,
          input.name ?? current.name,
          keep(input.title, 'title'),
          keep(input.mobile, 'mobile'),
          keep(input.landline, 'landline'),
          keep(input.wechat, 'wechat'),
          keep(input.email, 'email'),
          keep(input.notes, 'notes'),
        ],
      );
      if (input.knownByUserIds !== undefined) {
        await tx.query(`DELETE FROM enterprise_contact_staff WHERE contact_id = $1`, [id]);
        await this.linkStaff(tx, id, input.knownByUserIds);
      }
      if (input.projectIds !== undefined || enterpriseId !== current.enterprise_id) {
        // Only the links the editor can see are replaced; a link to a project of another chain stays,
        // unless the contact moved to another firm (then no project of the old firm fits).
        await tx.query(
          `DELETE FROM project_contact pc USING project p
           WHERE pc.contact_id = $3 AND p.id = pc.project_id AND (${projectReadableSql('p', CHAINS_ONLY)} OR p.enterprise_id <> $4)`,
          [user.allChains, user.chainIds, id, enterpriseId],
        );
        await this.linkProjects(tx, id, input.projectIds ?? []);
      }
      const after = await this.visible(tx, user, id);
      const diff = changedFields(contactAuditSnapshot(current), contactAuditSnapshot(after));
      if (!diff) return toContactView(current);
      await tx.query(`UPDATE enterprise_contact SET version = version + 1, updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      await this.audit.record(tx, user, { action: 'update', entityType: 'contact', entityId: id, ...diff });
      return toContactView(await this.visible(tx, user, id));
    });
  }

  /** The full mobile number, for one who may see the contact; every showing is audited. */
  async reveal(user: AuthUser, id: string): Promise<ContactRevealView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.visible(tx, user, id);
      await this.audit.record(tx, user, {
        action: 'reveal',
        entityType: 'contact',
        entityId: id,
        after: { enterpriseId: row.enterprise_id, shown: 'mobile' },
      });
      return { id, mobile: row.mobile };
    });
  }

  /**
   * 删除个人信息 on the person's request: the name becomes 已删除联系人 and every personal field is
   * cleared; the links to projects and activities stay, so the history still reads. Audited with
   * the reason, without the values removed.
   */
  async anonymise(user: AuthUser, id: string, input: AnonymiseContactDto): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.visible(tx, user, id, true);
      if (current.anonymised_at) return toContactView(current);
      if (input.version !== current.version) throw staleRecord('该联系人', toContactView(current));
      const now = this.clock.now();
      await tx.query(
        `UPDATE enterprise_contact SET name = $2, title = NULL, mobile = NULL, landline = NULL, wechat = NULL, email = NULL,
           notes = NULL, anonymised_at = $3, version = version + 1, updated_at = $3 WHERE id = $1`,
        [id, ANONYMISED_CONTACT_NAME, now],
      );
      await tx.query(`DELETE FROM enterprise_contact_staff WHERE contact_id = $1`, [id]);
      await this.audit.record(tx, user, {
        action: 'anonymise',
        entityType: 'contact',
        entityId: id,
        after: { enterpriseId: current.enterprise_id, reason: input.reason },
      });
      return toContactView(await this.visible(tx, user, id));
    });
  }

  /** The contacts the user may see (a firm's, when given) as .xlsx, full numbers; audited with the count. */
  async export(user: AuthUser, query: ListContactsDto): Promise<{ buffer: Buffer; count: number }> {
    return this.dataSource.transaction(async (tx) => {
      const { where, params } = this.filter(user, { ...query, limit: 0, offset: 0 });
      const rows: ContactRow[] = await tx.query(
        `${CONTACT_SELECT} WHERE ${where} AND c.anonymised_at IS NULL ORDER BY e.name, c.name, c.id`,
        params,
      );
      await this.audit.record(tx, user, {
        action: 'export',
        entityType: 'contact',
        entityId: query.enterpriseId ?? 'all',
        after: { enterpriseId: query.enterpriseId ?? null, projectId: query.projectId ?? null, count: rows.length },
      });
      const workbook = newWorkbook(this.clock.now());
      addTableSheet(workbook, '联系人', EXPORT_COLUMNS, rows, '企业联系人名录', '含个人信息，请妥善保管，不得外传');
      return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), count: rows.length };
    });
  }

  /**
   * The ledger import's contact (issue 20 §6), inside the import's transaction: the firm's contact
   * of the same name (else the same mobile) gets the row's phone and the project linked; without
   * one, a contact is created. The same rule as the preview's (matchLedgerContact), so importing a
   * file twice makes no duplicate; every change audited as the form's are. Commits of one firm's
   * contacts are serialised, so two imports at once cannot both create the person.
   */
  async recordFromLedger(tx: EntityManager, actor: ContactActor, input: LedgerContactWrite): Promise<{ action: LedgerContactAction; id: string }> {
    const problems = await firmProblems(tx, input.enterpriseId);
    if (problems.length) throw refused(problems);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('enterprise-contact:' || $1::text))`, [input.enterpriseId]);
    const candidates: (LedgerContactCandidate & { id: string })[] = await tx.query(
      `SELECT c.id, c.name, c.mobile, c.landline,
              ARRAY(SELECT pc.project_id FROM project_contact pc WHERE pc.contact_id = c.id) AS "projectIds"
       FROM enterprise_contact c WHERE c.enterprise_id = $1 AND c.anonymised_at IS NULL
       ORDER BY c.created_at, c.id FOR UPDATE OF c`,
      [input.enterpriseId],
    );
    const match = matchLedgerContact(candidates, input);
    const action = ledgerContactAction(match, input, input.projectId);
    const reader = { allChains: true, chainIds: [], id: actor.id };
    if (!match) {
      const id = await this.insert(tx, actor, { enterpriseId: input.enterpriseId, name: input.name, mobile: input.mobile, landline: input.landline });
      await this.linkProjects(tx, id, [input.projectId]);
      const row = await this.visible(tx, reader, id);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'contact', entityId: id, after: contactAuditSnapshot(row) });
      return { action, id };
    }
    if (action === 'unchanged') return { action, id: match.id };
    const before = await this.visible(tx, reader, match.id);
    const changes = ledgerContactChanges(match, input);
    await tx.query(
      `UPDATE enterprise_contact SET mobile = coalesce($2, mobile), landline = coalesce($3, landline), version = version + 1, updated_at = $4
       WHERE id = $1`,
      [match.id, changes.mobile ?? null, changes.landline ?? null, this.clock.now()],
    );
    await this.linkProjects(tx, match.id, [input.projectId]);
    const diff = changedFields(contactAuditSnapshot(before), contactAuditSnapshot(await this.visible(tx, reader, match.id)));
    if (diff) await this.audit.record(tx, actor, { action: 'update', entityType: 'contact', entityId: match.id, ...diff });
    return { action, id: match.id };
  }

  /** The firms' contacts as the import's preview matches its rows against them (anonymised ones left out), by firm. */
  async ledgerCandidates(enterpriseIds: string[]): Promise<Map<string, LedgerContactCandidate[]>> {
    const byFirm = new Map<string, LedgerContactCandidate[]>();
    if (!enterpriseIds.length) return byFirm;
    const rows: (LedgerContactCandidate & { enterpriseId: string })[] = await this.dataSource.query(
      `SELECT c.id, c.enterprise_id AS "enterpriseId", c.name, c.mobile, c.landline,
              ARRAY(SELECT pc.project_id FROM project_contact pc WHERE pc.contact_id = c.id) AS "projectIds"
       FROM enterprise_contact c WHERE c.enterprise_id = ANY ($1::uuid[]) AND c.anonymised_at IS NULL
       ORDER BY c.created_at, c.id`,
      [enterpriseIds],
    );
    for (const { enterpriseId, ...c } of rows) byFirm.set(enterpriseId, [...(byFirm.get(enterpriseId) ?? []), c]);
    return byFirm;
  }

  /** Inserts a contact's own fields; links and audit are the caller's. */
  private async insert(
    tx: EntityManager,
    actor: ContactActor,
    input: Pick<CreateContactDto, 'enterpriseId' | 'name' | 'title' | 'mobile' | 'landline' | 'wechat' | 'email' | 'notes'>,
  ): Promise<string> {
    const now = this.clock.now();
    const [{ id }] = await tx.query(
      `INSERT INTO enterprise_contact (enterprise_id, name, title, mobile, landline, wechat, email, notes, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [
        input.enterpriseId,
        input.name,
        input.title ?? null,
        input.mobile ?? null,
        input.landline ?? null,
        input.wechat ?? null,
        input.email ?? null,
        input.notes ?? null,
        actor.id,
        now,
      ],
    );
    return id;
  }

  /** Loads a contact the user may see (404 otherwise: it does not exist for them). */
  private async visible(
    manager: EntityManager,
    user: Pick<AuthUser, 'allChains' | 'chainIds' | 'id'>,
    id: string,
    lock = false,
  ): Promise<ContactRow> {
    const [row]: ContactRow[] = await manager.query(
      `${CONTACT_SELECT} WHERE c.id = $4 AND ${contactVisibleSql('c', READER)} ${lock ? 'FOR UPDATE OF c' : ''}`,
      [...readerParams(user), id],
    );
    if (!row) throw notFound(id);
    return row;
  }

  private filter(user: AuthUser, query: Partial<ListContactsDto>): { where: string; params: unknown[] } {
    const params: unknown[] = readerParams(user);
    const where = [contactVisibleSql('c', READER)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.split('?').join(`$${params.length}`));
    };
    if (query.enterpriseId) add('c.enterprise_id = ?', query.enterpriseId);
    if (query.projectId) add('EXISTS (SELECT 1 FROM project_contact f WHERE f.contact_id = c.id AND f.project_id = ?)', query.projectId);
    if (query.q) {
      add(`(c.name ILIKE ? OR c.title ILIKE ?)`, `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    return { where: where.join(' AND '), params };
  }

  /** The firm exists (not merged away), the staff are active users, the projects are the firm's and readable. */
  private async refuseReferences(
    tx: EntityManager,
    user: AuthUser,
    enterpriseId: string,
    staffIds: string[],
    projectIds: string[],
  ): Promise<void> {
    const problems: Problem[] = await firmProblems(tx, enterpriseId);
    if (staffIds.length) {
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM app_user WHERE id = ANY ($1::uuid[]) AND active`, [staffIds]);
      if (n !== staffIds.length) problems.push({ field: 'knownByUserIds', zh: '所选工作人员不存在或已停用', en: 'A chosen staff member does not exist or is inactive' });
    }
    if (projectIds.length) {
      const [{ n }] = await tx.query(
        `SELECT count(*)::int AS n FROM project p WHERE p.id = ANY ($3::uuid[]) AND p.enterprise_id = $4 AND ${projectReadableSql('p', CHAINS_ONLY)}`,
        [user.allChains, user.chainIds, projectIds, enterpriseId],
      );
      if (n !== projectIds.length) problems.push({ field: 'projectIds', zh: '关联项目须为该企业的、您可查看的项目', en: 'Linked projects must be this firm’s projects that you may read' });
    }
    if (problems.length) throw refused(problems);
  }

  private async linkStaff(tx: EntityManager, id: string, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await tx.query(
      `INSERT INTO enterprise_contact_staff (contact_id, user_id) SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [id, userIds],
    );
  }

  private async linkProjects(tx: EntityManager, id: string, projectIds: string[]): Promise<void> {
    if (!projectIds.length) return;
    await tx.query(`INSERT INTO project_contact (project_id, contact_id) SELECT unnest($1::uuid[]), $2::uuid ON CONFLICT DO NOTHING`, [projectIds, id]);
  }
}
