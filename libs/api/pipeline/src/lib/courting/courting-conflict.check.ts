import type { NotificationWriter } from '@crm/api/core';
import { shanghaiToday } from '@crm/domain';
import type { EntityManager } from 'typeorm';

interface SideRow {
  id: string;
  name: string;
  chain_id: number;
  chain_name: string;
  unit_id: number;
  unit_name: string;
  owner_id: string;
  owner_name: string;
  enterprise_id: string;
  enterprise_name: string;
  created_at: Date;
}

/**
 * 撞车提醒 (issue 20 §3), called by ProjectWriter.create in the creating transaction: when the new
 * project's firm, or a firm of its group (enterprise_group), is already being worked with by another
 * chain or another responsible unit (an active project), each such pair is recorded once
 * (courting_conflict's unique pair, ON CONFLICT DO NOTHING) and both task forces — the owners, the
 * responsible units' staff, the chains' leaders — and the office are told at once: who, which
 * project, since when.
 *
 * Two leads of one group opened at the same moment would not see each other's uncommitted row, so
 * the check first takes a transaction lock on the group: the second waits for the first to commit
 * and then sees its project (READ COMMITTED reads anew per statement). Returns the conflicts opened.
 */
export async function raiseCourtingConflicts(
  tx: EntityManager,
  notifications: NotificationWriter,
  projectId: string,
  now: Date,
): Promise<string[]> {
  const [project]: { enterprise_id: string | null }[] = await tx.query(`SELECT enterprise_id FROM project WHERE id = $1`, [projectId]);
  if (!project?.enterprise_id) return [];
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('courting-conflict:' || min(g::text), 0)) FROM enterprise_group($1) g`,
    [project.enterprise_id],
  );
  const opened: { id: string; other_id: string }[] = await tx.query(
    `INSERT INTO courting_conflict (project_a_id, project_b_id, opened_by_project_id, opened_at)
     SELECT least(p.id, q.id), greatest(p.id, q.id), p.id, $2
     FROM project p JOIN project q ON q.id <> p.id AND q.status = 'active'
       AND q.enterprise_id IN (SELECT enterprise_group(p.enterprise_id))
       AND (q.chain_id <> p.chain_id OR q.responsible_unit_id <> p.responsible_unit_id)
     WHERE p.id = $1
     ORDER BY q.created_at, q.id
     ON CONFLICT (project_a_id, project_b_id) DO NOTHING
     RETURNING id, CASE WHEN project_a_id = $1 THEN project_b_id ELSE project_a_id END AS other_id`,
    [projectId, now],
  );
  for (const conflict of opened) await notifyConflict(tx, notifications, conflict.id, projectId, conflict.other_id, now);
  return opened.map((c) => c.id);
}

async function notifyConflict(
  tx: EntityManager,
  notifications: NotificationWriter,
  conflictId: string,
  newId: string,
  otherId: string,
  now: Date,
): Promise<void> {
  const sides: SideRow[] = await tx.query(
    `SELECT p.id, p.name, p.chain_id, c.name_zh AS chain_name, p.responsible_unit_id AS unit_id, u.name AS unit_name,
            p.owner_id, o.display_name AS owner_name, p.enterprise_id, p.investor_name AS enterprise_name, p.created_at
     FROM project p JOIN chain c ON c.id = p.chain_id JOIN unit u ON u.id = p.responsible_unit_id
     JOIN app_user o ON o.id = p.owner_id WHERE p.id = ANY ($1::uuid[])`,
    [[newId, otherId]],
  );
  const fresh = sides.find((s) => s.id === newId) as SideRow;
  const earlier = sides.find((s) => s.id === otherId) as SideRow;
  const day = shanghaiToday(now);
  const recipients: string[] = (
    await tx.query(
      `SELECT u.id FROM app_user u WHERE u.active AND (
         'office' = ANY (u.roles)
         OR u.id = ANY ($1::uuid[])
         OR ('staff' = ANY (u.roles) AND u.unit_id = ANY ($2::int[]))
         OR ('leader' = ANY (u.roles) AND u.person_id IN (
               SELECT cl.person_id FROM chain_leaders_on($4::date) cl WHERE cl.chain_id = ANY ($3::smallint[]))))
       ORDER BY u.id`,
      [[fresh.owner_id, earlier.owner_id], [fresh.unit_id, earlier.unit_id], [fresh.chain_id, earlier.chain_id], day],
    )
  ).map((r: { id: string }) => r.id);
  const side = (s: SideRow) =>
    `${s.chain_name} · ${s.unit_name} · 负责人 ${s.owner_name}：“${s.name}”（${s.enterprise_name}，${shanghaiToday(s.created_at)} 起）`;
  await notifications.notify(tx, recipients, {
    kind: 'courting-conflict',
    title: `撞车提醒：${fresh.enterprise_name} 已有其他专班在对接 / Courting alert: ${fresh.enterprise_name}`,
    body:
      `新建：${side(fresh)}\n已在对接：${side(earlier)}\n` +
      '请两个专班沟通，由市招商办确定牵头单位 / Both task forces are told; the office decides who leads',
    // The firm page: each side may open it (it shows each reader what they may see).
    link: `/enterprises/${fresh.enterprise_id}?conflict=${conflictId}`,
  });
}
