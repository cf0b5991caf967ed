import type { EntityManager } from 'typeorm';
import { refused } from '../common/problems';

/**
 * 联系人 who took part in an activity (issue 20 §1): contacts of the project's firm or of its group
 * (enterprise_group), not anonymised. Anything else is refused with 422 naming contactIds, before
 * the transaction commits, so nothing is written.
 */
export async function linkActivityContacts(tx: EntityManager, projectId: string, activityId: string, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  const [{ n }] = await tx.query(
    `SELECT count(*)::int AS n FROM enterprise_contact c JOIN project p ON p.id = $1
     WHERE c.id = ANY ($2::uuid[]) AND c.anonymised_at IS NULL
       AND p.enterprise_id IS NOT NULL AND c.enterprise_id IN (SELECT enterprise_group(p.enterprise_id))`,
    [projectId, contactIds],
  );
  if (n !== contactIds.length) {
    throw refused('参加的联系人须为本项目投资企业（或其集团）的联系人 / The contacts must be people of the project’s firm or its group', [
      {
        field: 'contactIds',
        zh: '参加的联系人须为本项目投资企业（或其集团）的联系人',
        en: 'The contacts must be people of the project’s firm or its group',
      },
    ]);
  }
  await tx.query(`INSERT INTO activity_contact (activity_id, contact_id) SELECT $1::uuid, unnest($2::uuid[])`, [activityId, contactIds]);
}
