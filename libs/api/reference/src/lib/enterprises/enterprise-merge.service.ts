import { AuditService } from '@crm/api/audit';
import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import type { EnterpriseMergeView } from '@crm/domain';
import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const refuse = (field: string, zh: string, en: string) =>
  new UnprocessableEntityException({ statusCode: 422, message: `${zh} / ${en}`, errors: { [field]: [`${zh} / ${en}`] } });

interface FirmRow {
  id: string;
  name: string;
  credit_code: string | null;
  merged_into_id: string | null;
}

interface MergeRow {
  id: string;
  source_id: string;
  target_id: string;
  moved_project_ids: string[];
  moved_contact_ids: string[];
  moved_subsidiary_ids: string[];
  moved_credit_code: string | null;
  undone_at: Date | null;
}

/**
 * 重复企业合并 (issue 20 §2): a duplicate's projects, contacts and subsidiaries move to the firm it
 * duplicates, and its credit code too when that one has none; the duplicate stays, marked merged,
 * so the admin can undo the merge from what enterprise_merge recorded. Both audited.
 */
@Injectable()
export class EnterpriseMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async merge(user: AuthUser, sourceId: string, targetId: string): Promise<EnterpriseMergeView> {
    if (sourceId === targetId) throw refuse('into', '不能把企业合并到它自己', 'A firm cannot be merged into itself');
    return this.dataSource.transaction(async (tx) => {
      const firms = await this.lockFirms(tx, [sourceId, targetId]);
      const source = firms.get(sourceId);
      const target = firms.get(targetId);
      if (!source) throw new NotFoundException(`没有找到该企业 / No enterprise ${sourceId}`);
      if (!target) throw refuse('into', '没有找到要并入的企业', 'The firm to merge into does not exist');
      if (source.merged_into_id) throw refuse('into', '该企业已合并到其他企业', 'This firm was already merged');
      if (target.merged_into_id) throw refuse('into', '要并入的企业本身已被合并，请选择合并后的企业', 'The firm to merge into was itself merged; choose the one it went into');
      const [under] = await tx.query(
        `WITH RECURSIVE down AS (
           SELECT id FROM enterprise WHERE parent_enterprise_id = $1
           UNION SELECT e.id FROM enterprise e JOIN down ON e.parent_enterprise_id = down.id
         ) SELECT EXISTS (SELECT 1 FROM down WHERE id = $2) AS found`,
        [sourceId, targetId],
      );
      if (under.found) throw refuse('into', '不能把企业合并到它自己的下属企业', 'A firm cannot be merged into one of its own subsidiaries');

      const now = this.clock.now();
      const projects: { id: string }[] = await tx.query(
        `WITH moved AS (
           UPDATE project SET enterprise_id = $2, investor_name = $3, version = version + 1, updated_at = $4
           WHERE enterprise_id = $1 RETURNING id
         ) SELECT id FROM moved ORDER BY id`,
        [sourceId, targetId, target.name, now],
      );
      const contacts: { id: string }[] = await tx.query(
        `WITH moved AS (UPDATE enterprise_contact SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING id)
         SELECT id FROM moved ORDER BY id`,
        [sourceId, targetId],
      );
      const subsidiaries: { id: string }[] = await tx.query(
        `WITH moved AS (UPDATE enterprise SET parent_enterprise_id = $2 WHERE parent_enterprise_id = $1 AND id <> $2 RETURNING id)
         SELECT id FROM moved ORDER BY id`,
        [sourceId, targetId],
      );
      const movedCode = source.credit_code && !target.credit_code ? source.credit_code : null;
      await tx.query(
        `UPDATE enterprise SET merged_into_id = $2, credit_code = CASE WHEN $3::boolean THEN NULL ELSE credit_code END,
           version = version + 1, updated_at = $4 WHERE id = $1`,
        [sourceId, targetId, movedCode !== null, now],
      );
      if (movedCode) {
        await tx.query(`UPDATE enterprise SET credit_code = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [targetId, movedCode, now]);
      }
      const [{ id }] = await tx.query(
        `INSERT INTO enterprise_merge (source_id, target_id, moved_project_ids, moved_contact_ids, moved_subsidiary_ids,
           moved_credit_code, merged_by, merged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [sourceId, targetId, projects.map((p) => p.id), contacts.map((c) => c.id), subsidiaries.map((s) => s.id), movedCode, user.id, now],
      );
      const moved = {
        into: targetId,
        projectIds: projects.map((p) => p.id),
        contactIds: contacts.map((c) => c.id),
        subsidiaryIds: subsidiaries.map((s) => s.id),
        creditCode: movedCode,
      };
      await this.audit.record(tx, user, { action: 'merge', entityType: 'enterprise', entityId: sourceId, after: { mergeId: id, ...moved } });
      for (const p of projects) {
        await this.audit.record(tx, user, {
          action: 'update',
          entityType: 'project',
          entityId: p.id,
          projectId: p.id,
          before: { enterpriseId: sourceId },
          after: { enterpriseId: targetId, reason: `重复企业合并：${source.name} → ${target.name}` },
        });
      }
      return this.view(tx, id);
    });
  }

  /** The admin undoes a merge: what moved and is still where the merge put it goes back. */
  async undo(user: AuthUser, enterpriseId: string, mergeId: string): Promise<EnterpriseMergeView> {
    return this.dataSource.transaction(async (tx) => {
      const [merge]: MergeRow[] = await tx.query(
        `SELECT * FROM enterprise_merge WHERE id = $1 AND $2 IN (source_id, target_id) FOR UPDATE`,
        [mergeId, enterpriseId],
      );
      if (!merge) throw new NotFoundException(`没有找到该合并记录 / No merge ${mergeId} of this firm`);
      if (merge.undone_at) throw refuse('mergeId', '该合并已撤销', 'This merge was already undone');
      const firms = await this.lockFirms(tx, [merge.source_id, merge.target_id]);
      const source = firms.get(merge.source_id) as FirmRow;
      if (source.merged_into_id !== merge.target_id) {
        throw refuse('mergeId', '该企业合并后又有变动，不能撤销此合并', 'The firm changed since this merge; it cannot be undone');
      }
      const now = this.clock.now();
      const projects: { id: string }[] = await tx.query(
        `WITH back AS (
           UPDATE project SET enterprise_id = $2, investor_name = $3, version = version + 1, updated_at = $4
           WHERE id = ANY ($5::uuid[]) AND enterprise_id = $1 RETURNING id
         ) SELECT id FROM back ORDER BY id`,
        [merge.target_id, merge.source_id, source.name, now, merge.moved_project_ids],
      );
      await tx.query(`UPDATE enterprise_contact SET enterprise_id = $2 WHERE id = ANY ($3::uuid[]) AND enterprise_id = $1`, [
        merge.target_id,
        merge.source_id,
        merge.moved_contact_ids,
      ]);
      await tx.query(`UPDATE enterprise SET parent_enterprise_id = $2 WHERE id = ANY ($3::uuid[]) AND parent_enterprise_id = $1`, [
        merge.target_id,
        merge.source_id,
        merge.moved_subsidiary_ids,
      ]);
      if (merge.moved_credit_code) {
        await tx.query(`UPDATE enterprise SET credit_code = NULL, version = version + 1, updated_at = $3 WHERE id = $1 AND credit_code = $2`, [
          merge.target_id,
          merge.moved_credit_code,
          now,
        ]);
      }
      await tx.query(
        `UPDATE enterprise SET merged_into_id = NULL, credit_code = COALESCE($2, credit_code), version = version + 1, updated_at = $3
         WHERE id = $1`,
        [merge.source_id, merge.moved_credit_code, now],
      );
      await tx.query(`UPDATE enterprise_merge SET undone_by = $2, undone_at = $3 WHERE id = $1`, [mergeId, user.id, now]);
      await this.audit.record(tx, user, {
        action: 'undo',
        entityType: 'enterprise',
        entityId: merge.source_id,
        after: { mergeId, into: merge.target_id, projectIds: projects.map((p) => p.id) },
      });
      for (const p of projects) {
        await this.audit.record(tx, user, {
          action: 'update',
          entityType: 'project',
          entityId: p.id,
          projectId: p.id,
          before: { enterpriseId: merge.target_id },
          after: { enterpriseId: merge.source_id, reason: '撤销企业合并' },
        });
      }
      return this.view(tx, mergeId);
    });
  }

  /** Locks the firms in id order, so two merges of the same pair cannot deadlock. */
  private async lockFirms(tx: EntityManager, ids: string[]): Promise<Map<string, FirmRow>> {
    const rows: FirmRow[] = await tx.query(
      `SELECT id, name, rtrim(credit_code) AS credit_code, merged_into_id FROM enterprise WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async view(tx: EntityManager, id: string): Promise<EnterpriseMergeView> {
    const [g] = await tx.query(
      `SELECT g.id, g.source_id AS "sourceId", s.name AS "sourceName", g.target_id AS "targetId", t.name AS "targetName",
              cardinality(g.moved_project_ids) AS "movedProjects", cardinality(g.moved_contact_ids) AS "movedContacts",
              cardinality(g.moved_subsidiary_ids) AS "movedSubsidiaries", rtrim(g.moved_credit_code) AS "movedCreditCode",
              g.merged_at AS "mergedAt", g.undone_at AS "undoneAt"
       FROM enterprise_merge g JOIN enterprise s ON s.id = g.source_id JOIN enterprise t ON t.id = g.target_id WHERE g.id = $1`,
      [id],
    );
    return { ...g, mergedAt: g.mergedAt.toISOString(), undoneAt: g.undoneAt ? g.undoneAt.toISOString() : null };
  }
}
