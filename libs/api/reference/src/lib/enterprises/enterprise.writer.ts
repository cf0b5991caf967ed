import { AuditService, changedFields } from '@crm/api/audit';
import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import { normaliseEnterpriseName, type EnterpriseOwnership, type EnterpriseTag, type EnterpriseView } from '@crm/domain';
import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who writes: enough for the audit trail (a worker committing an import has no session). */
export type EnterpriseActor = Pick<AuthUser, 'id' | 'username'>;

/** A firm's fields as a writer takes them (undefined in a change: unchanged). */
export interface EnterpriseFields {
  name: string;
  creditCode?: string | null;
  ownership?: EnterpriseOwnership | null;
  tags?: EnterpriseTag[];
  region?: string | null;
  /** 集团: the parent firm (not itself, nor one of its own subsidiaries). */
  parentEnterpriseId?: string | null;
}

const VIEW_COLUMNS = `id, name, credit_code AS "creditCode", ownership, tags, region, version,
  parent_enterprise_id AS "parentEnterpriseId", merged_into_id AS "mergedIntoId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

interface EnterpriseRow {
  id: string;
  name: string;
  creditCode: string | null;
  ownership: EnterpriseOwnership | null;
  tags: EnterpriseTag[];
  region: string | null;
  parentEnterpriseId: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const toView = (r: EnterpriseRow): EnterpriseView => ({
  id: r.id,
  name: r.name,
  creditCode: r.creditCode?.trim() ?? null,
  ownership: r.ownership,
  tags: r.tags,
  region: r.region,
  parentEnterpriseId: r.parentEnterpriseId,
  mergedIntoId: r.mergedIntoId,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * The one writer of the enterprise library (issue 15 §1): the form's routes and the ledger import
 * create and change firms through it, inside the caller's transaction, with the same duplicate
 * rules (one firm per credit code and per normalised name: 409 with the one that exists), the same
 * audit rows, and the clock's timestamps.
 */
@Injectable()
export class EnterpriseWriter {
  constructor(
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(tx: EntityManager, actor: EnterpriseActor, input: EnterpriseFields): Promise<EnterpriseView> {
    const normalised = normaliseEnterpriseName(input.name);
    await this.refuseDuplicate(tx, normalised, input.creditCode ?? null);
    if (input.parentEnterpriseId) await refuseParent(tx, null, input.parentEnterpriseId);
    const now = this.clock.now();
    const inserted: EnterpriseRow[] = await tx.query(
      `INSERT INTO enterprise (name, normalised_name, credit_code, ownership, tags, region, parent_enterprise_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING RETURNING ${VIEW_COLUMNS}`,
      [
        input.name,
        normalised,
        input.creditCode ?? null,
        input.ownership ?? null,
        input.tags ?? [],
        input.region ?? null,
        input.parentEnterpriseId ?? null,
        now,
      ],
    );
    if (!inserted.length) {
      // Someone saved the same firm meanwhile.
      await this.refuseDuplicate(tx, normalised, input.creditCode ?? null);
      throw new ConflictException('企业库中已有该企业 / This enterprise is already in the library');
    }
    const view = toView(inserted[0]);
    await this.audit.record(tx, actor, { action: 'create', entityType: 'enterprise', entityId: view.id, after: view });
    return view;
  }

  /** Changes a firm; with `version`, refuses a stale one (409 with the current record). */
  async update(
    tx: EntityManager,
    actor: EnterpriseActor,
    id: string,
    changes: Partial<EnterpriseFields>,
    version?: number,
  ): Promise<EnterpriseView> {
    const [current]: EnterpriseRow[] = await tx.query(`SELECT ${VIEW_COLUMNS} FROM enterprise WHERE id = $1 FOR UPDATE`, [id]);
    if (!current) throw new NotFoundException(`没有找到该企业 / No enterprise ${id}`);
    const before = toView(current);
    if (version !== undefined && version !== current.version) {
      throw new ConflictException({
        statusCode: 409,
        message: '该企业已被他人修改，请刷新后再改 / Someone else changed this enterprise; reload and try again',
        current: before,
      });
    }
    const next = {
      name: changes.name ?? current.name,
      creditCode: changes.creditCode === undefined ? before.creditCode : changes.creditCode,
      ownership: changes.ownership === undefined ? current.ownership : changes.ownership,
      tags: changes.tags ?? current.tags,
      region: changes.region === undefined ? current.region : changes.region,
      parentEnterpriseId: changes.parentEnterpriseId === undefined ? current.parentEnterpriseId : changes.parentEnterpriseId,
    };
    if (next.parentEnterpriseId && next.parentEnterpriseId !== current.parentEnterpriseId) {
      await refuseParent(tx, id, next.parentEnterpriseId);
    }
    const normalised = normaliseEnterpriseName(next.name);
    await this.refuseDuplicate(tx, normalised, next.creditCode, id);
    const diff = changedFields(before, { ...before, ...next });
    if (!diff) return before;
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const [row]: EnterpriseRow[] = await tx.query(
      `WITH changed AS (
         UPDATE enterprise SET name = $2, normalised_name = $3, credit_code = $4, ownership = $5, tags = $6, region = $7,
           parent_enterprise_id = $9, version = version + 1, updated_at = $8
         WHERE id = $1 RETURNING ${VIEW_COLUMNS}
       ) SELECT * FROM changed`,
      [id, next.name, normalised, next.creditCode, next.ownership, next.tags, next.region, this.clock.now(), next.parentEnterpriseId],
    );
    await this.audit.record(tx, actor, { action: 'update', entityType: 'enterprise', entityId: id, ...diff });
    return toView(row);
  }

  /** Same credit code, or the same name once normalised: 409 with the record that exists. */
  async refuseDuplicate(tx: EntityManager, normalised: string, creditCode: string | null, exceptId?: string): Promise<void> {
    const rows: (EnterpriseRow & { normalised: string })[] = await tx.query(
      `SELECT ${VIEW_COLUMNS}, normalised_name AS normalised FROM enterprise
       WHERE (normalised_name = $1 OR ($2::text IS NOT NULL AND credit_code = $2)) AND ($3::uuid IS NULL OR id <> $3)
       LIMIT 1`,
      [normalised, creditCode, exceptId ?? null],
    );
    const existing = rows[0];
    if (!existing) return;
    const sameCode = creditCode !== null && existing.creditCode?.trim() === creditCode;
    throw new ConflictException({
      statusCode: 409,
      message: sameCode
        ? `统一社会信用代码 ${creditCode} 已登记为“${existing.name}” / This credit code is already registered`
        : `企业库中已有“${existing.name}” / This enterprise is already in the library`,
      existing: toView(existing),
    });
  }
}

/**
 * 集团: a parent must exist, not be merged away, and not be the firm itself or one of its own
 * subsidiaries (a cycle). 422 naming parentEnterpriseId, nothing written.
 */
async function refuseParent(tx: EntityManager, id: string | null, parentId: string): Promise<void> {
  const refuse = (zh: string, en: string) =>
    new UnprocessableEntityException({
      statusCode: 422,
      message: `${zh} / ${en}`,
      errors: { parentEnterpriseId: [`${zh} / ${en}`] },
    });
  if (id !== null && parentId === id) throw refuse('上级企业不能是本企业', 'A firm cannot be its own parent');
  const [parent]: { merged_into_id: string | null }[] = await tx.query(`SELECT merged_into_id FROM enterprise WHERE id = $1`, [parentId]);
  if (!parent) throw refuse('没有找到所选的上级企业', 'The parent firm does not exist');
  if (parent.merged_into_id) throw refuse('所选上级企业已合并到其他企业', 'The parent firm was merged into another');
  if (id === null) return;
  const [cycle]: { found: boolean }[] = await tx.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_enterprise_id FROM enterprise WHERE id = $1
       UNION SELECT e.id, e.parent_enterprise_id FROM enterprise e JOIN up ON e.id = up.parent_enterprise_id
     ) SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS found`,
    [parentId, id],
  );
  if (cycle.found) throw refuse('上级企业不能是本企业的下属企业', 'The parent cannot be one of the firm’s own subsidiaries');
}
