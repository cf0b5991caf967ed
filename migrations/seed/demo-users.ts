import type { Role } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * Demo accounts, one or more per role, loaded only with the demo data (npm run seed:demo), never
 * on a normal start. They share one password, given by DEMO_PASSWORD or generated and printed.
 */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; unit?: string; person?: string }[] = [
  { username: 'demo-staff-energy', displayName: '能源局专班（演示）', roles: ['staff'], unit: '市能源局' },
  { username: 'demo-staff-kunlun', displayName: '开发区专班（演示）', roles: ['staff'], unit: '昆仑经济技术开发区管委会' },
  { username: 'demo-staff-port', displayName: '陆港专班（演示）', roles: ['staff'], unit: '陆港园区管委会' },
  { username: 'demo-leader-xu', displayName: '徐进（演示）', roles: ['leader'], person: '徐进' },
  { username: 'demo-leader-hu', displayName: '胡红梅（演示）', roles: ['leader'], person: '胡红梅' },
  { username: 'demo-office', displayName: '领导小组办公室（演示）', roles: ['office'] },
  { username: 'demo-admin', displayName: '系统管理员（演示）', roles: ['admin'] },
];

/** Inserts the demo users that are missing; an existing username is left as it is. */
export async function seedDemoUsers(manager: EntityManager, passwordHash: string): Promise<string[]> {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    const rows = await manager.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, unit_id, person_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM unit WHERE name = $5), (SELECT id FROM person WHERE name = $6))
       ON CONFLICT DO NOTHING RETURNING username`,
      [user.username, user.displayName, passwordHash, user.roles, user.unit ?? null, user.person ?? null],
    );
    created.push(...rows.map((r: { username: string }) => r.username));
  }
  return created;
}
