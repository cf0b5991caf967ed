import type { PromotionEventLine, PromotionEventPeriodTotals, PromotionEventTotals } from '@crm/domain';
import type { EntityManager } from 'typeorm';

export const EVENT_TOTALS_ZERO: PromotionEventTotals = { projects: 0, signedProjects: 0, signedAmount: '0', fundsInPlace: '0' };

/**
 * 签约 N个 X亿元, 到位 Y亿元 per event, summed in SQL over the linked projects' agreements (initial and
 * supplementary) and fund arrivals; with `upTo`, only those signed by that day and arrived by that
 * month (a roll-up's period, a cockpit's year). Every linked project counts, whoever asks: these are
 * the figures the gazette publishes. Amounts in 万元, decimal strings.
 */
export async function eventTotals(
  manager: EntityManager,
  eventIds: string[],
  upTo: { date: string; month: string } | null = null,
): Promise<Map<string, PromotionEventTotals>> {
  const totals = new Map<string, PromotionEventTotals>();
  if (!eventIds.length) return totals;
  // The linked projects first, so the sums below read the ledgers by project id (an index scan)
  // rather than joining every agreement and fund arrival of the city.
  const linked: { id: string; event_id: string }[] = await manager.query(
    `SELECT id, event_id FROM project WHERE event_id = ANY ($1::uuid[])`,
    [eventIds],
  );
  const rows: { id: string; projects: number; signed_projects: number; signed_amount: string; funds: string }[] = await manager.query(
    `WITH linked AS (SELECT * FROM unnest($2::uuid[], $3::uuid[]) AS l(id, event_id)),
     signed AS (
       SELECT l.event_id, count(DISTINCT a.project_id)::int AS n, sum(a.amount) AS amount
       FROM project_agreement a JOIN linked l ON l.id = a.project_id
       WHERE a.project_id = ANY ($2::uuid[]) AND a.signed_on <= coalesce($4::date, 'infinity') GROUP BY l.event_id),
     funds AS (
       SELECT l.event_id, sum(f.amount) AS amount
       FROM fund_arrival f JOIN linked l ON l.id = f.project_id
       WHERE f.project_id = ANY ($2::uuid[]) AND f.month <= coalesce($5::text, '9999-99') GROUP BY l.event_id),
     counted AS (SELECT event_id, count(*)::int AS n FROM linked GROUP BY event_id)
     SELECT e.id, coalesce(c.n, 0) AS projects, coalesce(s.n, 0) AS signed_projects,
            trim_scale(coalesce(s.amount, 0))::text AS signed_amount, trim_scale(coalesce(f.amount, 0))::text AS funds
     FROM unnest($1::uuid[]) AS e(id)
     LEFT JOIN counted c ON c.event_id = e.id LEFT JOIN signed s ON s.event_id = e.id LEFT JOIN funds f ON f.event_id = e.id`,
    [eventIds, linked.map((l) => l.id), linked.map((l) => l.event_id), upTo?.date ?? null, upTo?.month ?? null],
  );
  for (const r of rows) {
    totals.set(r.id, { projects: r.projects, signedProjects: r.signed_projects, signedAmount: r.signed_amount, fundsInPlace: r.funds });
  }
  return totals;
}

/** The events held (in part) between two days: city-wide ones and, with `chainIds`, those of these chains. */
const EVENTS_BETWEEN = `
  SELECT e.id FROM promotion_event e
  WHERE e.starts_on <= $2::date AND e.ends_on >= $1::date
    AND ($3::smallint[] IS NULL OR e.chain_ids = '{}' OR e.chain_ids && $3::smallint[])`;

/**
 * 招商活动 of a window summed: the events held (in part) between two days, the firms and contacts
 * they met, and the results of their linked projects up to `upTo`, the same sums as eventTotals
 * gives per event (a project links to one event, so they add up). The one figure the roll-up (its
 * statistical window) and the cockpit (the year to the chosen month) show. `chainIds` as for
 * eventLinesBetween.
 */
export async function eventPeriodTotals(
  manager: EntityManager,
  from: string,
  to: string,
  upTo: { date: string; month: string },
  chainIds: number[] | null = null,
): Promise<PromotionEventPeriodTotals> {
  const [row]: { events: number; firms: number; contacts: number; projects: number; signed_projects: number; signed_amount: string; funds: string }[] =
    await manager.query(
      `WITH ev AS (${EVENTS_BETWEEN}),
       linked AS (SELECT p.id FROM project p WHERE p.event_id IN (SELECT id FROM ev)),
       signed AS (
         SELECT count(DISTINCT a.project_id)::int AS n, sum(a.amount) AS amount FROM project_agreement a
         WHERE a.project_id IN (SELECT id FROM linked) AND a.signed_on <= $4::date)
       SELECT (SELECT count(*) FROM ev)::int AS events,
              (SELECT count(DISTINCT x.enterprise_id) FROM promotion_event_enterprise x WHERE x.event_id IN (SELECT id FROM ev))::int AS firms,
              (SELECT count(DISTINCT x.contact_id) FROM promotion_event_contact x WHERE x.event_id IN (SELECT id FROM ev))::int AS contacts,
              (SELECT count(*) FROM linked)::int AS projects,
              s.n AS signed_projects, trim_scale(coalesce(s.amount, 0))::text AS signed_amount,
              trim_scale(coalesce((SELECT sum(f.amount) FROM fund_arrival f
                                   WHERE f.project_id IN (SELECT id FROM linked) AND f.month <= $5::text), 0))::text AS funds
       FROM signed s`,
      [from, to, chainIds, upTo.date, upTo.month],
    );
  return {
    from,
    to,
    events: row.events,
    firmsMet: row.firms,
    contactsMet: row.contacts,
    projects: row.projects,
    signedProjects: row.signed_projects,
    signedAmount: row.signed_amount,
    fundsInPlace: row.funds,
  };
}

/**
 * The events held (in part) between two days, with their totals up to `upTo`: the roll-up's period
 * table and the cockpit's year list. `chainIds` null: every event; else city-wide events and those of these chains.
 */
export async function eventLinesBetween(
  manager: EntityManager,
  from: string,
  to: string,
  upTo: { date: string; month: string },
  chainIds: number[] | null = null,
): Promise<PromotionEventLine[]> {
  const events: { id: string; name: string; kind: PromotionEventLine['kind']; starts_on: string; ends_on: string }[] = await manager.query(
    `SELECT e.id, e.name, e.kind, e.starts_on::text AS starts_on, e.ends_on::text AS ends_on
     FROM promotion_event e
     WHERE e.starts_on <= $2::date AND e.ends_on >= $1::date
       AND ($3::smallint[] IS NULL OR e.chain_ids = '{}' OR e.chain_ids && $3::smallint[])
     ORDER BY e.starts_on, e.name`,
    [from, to, chainIds],
  );
  const totals = await eventTotals(manager, events.map((e) => e.id), upTo);
  return events.map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    totals: totals.get(e.id) ?? EVENT_TOTALS_ZERO,
  }));
}
