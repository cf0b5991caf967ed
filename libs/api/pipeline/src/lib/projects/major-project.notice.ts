import type { NotificationWriter } from '@crm/api/core';
import { isExistingSiteRoute, landRouteMark, type LandRoute, type Stage } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** What made a project worth the office's notice (重大项目 / 重大事项). */
export type MajorNotice =
  | { kind: 'created' | 'flagged'; projectId: string }
  | { kind: 'event'; activityId: string };

/**
 * Tells every active office user at once, in the caller's transaction, that a project was created
 * or flagged major, or that a major event was logged on one (kind major-project). Written through
 * the one NotificationWriter; returns the notifications' ids.
 */
export async function notifyOfficeOfMajor(tx: EntityManager, writer: NotificationWriter, notice: MajorNotice): Promise<string[]> {
  const office: string[] = (
    await tx.query(`SELECT id FROM app_user WHERE active AND 'office' = ANY (roles) ORDER BY id`)
  ).map((r: { id: string }) => r.id);
  if (!office.length) return [];
  if (notice.kind === 'event') {
    const [e]: { project_id: string; name: string; chain_name: string; unit_name: string; occurred_on: string; summary: string }[] =
      await tx.query(
        `SELECT p.id AS project_id, p.name, c.name_zh AS chain_name, u.name AS unit_name,
                a.occurred_on::text AS occurred_on, left(a.summary, 500) AS summary
         FROM project_activity a JOIN project p ON p.id = a.project_id
         JOIN chain c ON c.id = p.chain_id JOIN unit u ON u.id = p.responsible_unit_id
         WHERE a.id = $1`,
        [notice.activityId],
      );
    return writer.notify(tx, office, {
      kind: 'major-project',
      title: `重大事项：${e.name} / Major event on ${e.name}`,
      body: `${e.chain_name} · ${e.unit_name} · ${e.occurred_on}\n${e.summary}`,
      link: `/projects/${e.project_id}`,
    });
  }
  const [p]: { name: string; chain_name: string; unit_name: string; investor_name: string; planned: string | null }[] = await tx.query(
    `SELECT p.name, c.name_zh AS chain_name, u.name AS unit_name, p.investor_name,
            rtrim(rtrim(p.planned_investment::text, '0'), '.') AS planned
     FROM project p JOIN chain c ON c.id = p.chain_id JOIN unit u ON u.id = p.responsible_unit_id
     WHERE p.id = $1`,
    [notice.projectId],
  );
  const what = notice.kind === 'created' ? '新建为重大项目 / Created as a major project' : '标记为重大项目 / Flagged major';
  return writer.notify(tx, office, {
    kind: 'major-project',
    title: `重大项目：${p.name} / Major project: ${p.name}`,
    body: `${p.chain_name} · ${p.unit_name} · ${p.investor_name}${p.planned === null ? '' : ` · 计划投资 ${p.planned} 万元`}\n${what}`,
    link: `/projects/${notice.projectId}`,
  });
}

/**
 * 重大项目随时报: the stages whose reaching, by a major project, is reported at once — signing, land
 * approval, start and completion — with how the notice names them.
 */
export const MAJOR_STAGE_NOTICES: Partial<Record<Stage, { zh: string; en: string }>> = {
  signed: { zh: '签约', en: 'signed' },
  land: { zh: '供地获批', en: 'land approved' },
  construction: { zh: '开工', en: 'construction started' },
  production: { zh: '竣工投产', en: 'completed' },
};

/**
 * A major project reached one of MAJOR_STAGE_NOTICES: every active office user and the chain's
 * leaders on that day (chain_leaders_on) are told at once, in the caller's transaction, with the
 * figures (planned investment, signed, funds in place: sums made by PostgreSQL, in 万元).
 */
export async function notifyMajorStage(
  tx: EntityManager,
  writer: NotificationWriter,
  projectId: string,
  to: Stage,
  day: string,
): Promise<string[]> {
  const label = MAJOR_STAGE_NOTICES[to];
  if (!label) return [];
  const recipients: string[] = (
    await tx.query(
      `SELECT u.id FROM app_user u WHERE u.active AND 'office' = ANY (u.roles)
       UNION
       SELECT u.id FROM app_user u JOIN chain_leaders_on($2::date) cl ON cl.person_id = u.person_id
       WHERE u.active AND cl.chain_id = (SELECT chain_id FROM project WHERE id = $1)
       ORDER BY id`,
      [projectId, day],
    )
  ).map((r: { id: string }) => r.id);
  if (!recipients.length) return [];
  const [p]: {
    name: string;
    chain_name: string;
    unit_name: string;
    investor_name: string;
    planned: string | null;
    signed: string;
    funds: string;
    land_route: LandRoute | null;
  }[] = await tx.query(
    `SELECT p.name, c.name_zh AS chain_name, u.name AS unit_name, p.investor_name, p.land_route,
            rtrim(rtrim(p.planned_investment::text, '0'), '.') AS planned,
            (SELECT coalesce(rtrim(rtrim(sum(a.amount)::text, '0'), '.'), '0') FROM project_agreement a WHERE a.project_id = p.id) AS signed,
            (SELECT coalesce(rtrim(rtrim(sum(f.amount)::text, '0'), '.'), '0') FROM fund_arrival f WHERE f.project_id = p.id) AS funds
     FROM project p JOIN chain c ON c.id = p.chain_id JOIN unit u ON u.id = p.responsible_unit_id
     WHERE p.id = $1`,
    [projectId],
  );
  // 盘活存量: an existing site or idle plant has no land approved; the notice says what it has.
  const what =
    to === 'land' && isExistingSiteRoute(p.land_route)
      ? { zh: `落实场地（${landRouteMark(p.land_route)}）`, en: 'site secured (existing site reused)' }
      : label;
  return writer.notify(tx, recipients, {
    kind: 'major-project',
    title: `重大项目${what.zh}：${p.name} / Major project ${what.en}: ${p.name}`,
    body:
      `${p.chain_name} · ${p.unit_name} · ${p.investor_name} · ${day}\n` +
      `${p.planned === null ? '' : `计划投资 ${p.planned} 万元 · `}签约额 ${p.signed} 万元 · 到位资金 ${p.funds} 万元`,
    link: `/projects/${projectId}`,
  });
}
