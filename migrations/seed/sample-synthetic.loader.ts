import type { ChainCode } from '@crm/domain';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { ensureSampleUser } from './sample-pipeline.loader';
import type { SyntheticData } from './sample-synthetic';

interface Figures {
  signed: Decimal;
  signedOn: string | null;
  agreementRef: string | null;
  funds: Decimal;
  verified: Decimal;
  contacts: number;
  lastActivityOn: string | null;
  nextFollowUpOn: string | null;
  /** The latest activity: its date and id, ordered as the trigger orders them. */
  latest: [string, string] | null;
  eliminated: boolean;
}

const emptyFigures = (): Figures => ({
  signed: new Decimal(0),
  signedOn: null,
  agreementRef: null,
  funds: new Decimal(0),
  verified: new Decimal(0),
  contacts: 0,
  lastActivityOn: null,
  nextFollowUpOn: null,
  latest: null,
  eliminated: false,
});

/**
 * The figures the triggers keep on each project, computed here the same way, so the triggers fired
 * by the child rows find nothing to change and the load does not rewrite 50,000 projects. Should
 * they differ, the triggers win and the totals check says so.
 */
function derivedFigures(data: SyntheticData): Map<string, Figures> {
  const figures = new Map<string, Figures>();
  const of = (id: string): Figures => {
    const found = figures.get(id);
    if (found) return found;
    const created = emptyFigures();
    figures.set(id, created);
    return created;
  };
  for (const a of data.agreements) {
    const f = of(a.projectId);
    f.signed = f.signed.plus(a.amount);
    if (a.kind === 'initial') [f.signedOn, f.agreementRef] = [a.signedOn, a.agreementRef];
  }
  for (const fund of data.fundArrivals) {
    const f = of(fund.projectId);
    f.funds = f.funds.plus(fund.amount);
    if (fund.verified) f.verified = f.verified.plus(fund.amount);
  }
  for (const a of data.activities) {
    const f = of(a.projectId);
    f.contacts++;
    if (!f.lastActivityOn || a.occurredOn > f.lastActivityOn) f.lastActivityOn = a.occurredOn;
    if (!f.latest || a.occurredOn > f.latest[0] || (a.occurredOn === f.latest[0] && a.id > f.latest[1])) {
      f.latest = [a.occurredOn, a.id];
      f.nextFollowUpOn = a.nextFollowUpOn;
    }
  }
  for (const e of data.evaluations) if (e.conclusion && e.eliminated) of(e.projectId).eliminated = true;
  return figures;
}

/** A column of a multi-row insert: its name and the PostgreSQL type of its array parameter. */
type Column = [name: string, type: string];

/** Inserts rows in batches of one statement each: INSERT … SELECT * FROM unnest($1::t1[], $2::t2[], …). */
async function insertRows(
  manager: EntityManager,
  table: string,
  columns: Column[],
  rows: unknown[][],
  batchSize: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const arrays = columns.map((_, i) => batch.map((row) => row[i]));
    await manager.query(
      `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
       SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      arrays,
    );
  }
}

/**
 * Writes generated data with multi-row inserts (the triggers keep every total current, one
 * statement per batch). Owners are three synthetic staff users per chain, in its responsible units.
 * Returns the number of projects written.
 */
export async function insertSyntheticProjects(
  manager: EntityManager,
  data: SyntheticData,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  return manager.transaction(async (tx) => {
    // Years of history are not news: no major-project notices for what this loads.
    await tx.query(`SET LOCAL crm.loading_history = 'on'`);
    const chains: { id: number; code: ChainCode; units: number[] }[] = await tx.query(
      `SELECT c.id, c.code, array_agg(cu.unit_id ORDER BY cu.is_lead DESC, cu.sort_order) AS units
       FROM chain c JOIN chain_unit cu ON cu.chain_id = c.id AND cu.role = 'responsible' GROUP BY c.id, c.code`,
    );
    const byCode = new Map(chains.map((c) => [c.code, c]));
    const owners = new Map<ChainCode, string[]>();
    for (const chain of chains) {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(
          await ensureSampleUser(
            tx,
            `synthetic-${chain.code}-${i + 1}`,
            `合成数据专班${i + 1}`,
            chain.units[i % chain.units.length],
          ),
        );
      }
      owners.set(chain.code, ids);
    }
    const lastMove = new Map<string, string>();
    for (const m of data.stageMoves) lastMove.set(m.projectId, m.movedAt);
    const derived = derivedFigures(data);

    await insertRows(
      tx,
      'project',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['chain_id', 'smallint'],
        ['investor_name', 'text'],
        ['source_channel', 'source_channel'],
        ['responsible_unit_id', 'integer'],
        ['owner_id', 'uuid'],
        ['planned_investment', 'numeric'],
        ['major', 'boolean'],
        ['status', 'project_status'],
        ['status_reason', 'text'],
        ['stage', 'project_stage'],
        ['stage_entered_at', 'timestamptz'],
        ['land_parcel', 'text'],
        ['land_area_mu', 'numeric'],
        ['land_approval_ref', 'text'],
        ['land_approved_on', 'date'],
        ['construction_started_on', 'date'],
        ['construction_permit_ref', 'text'],
        ['completed_on', 'date'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
        ['signed_amount', 'numeric'],
        ['signed_on', 'date'],
        ['agreement_ref', 'text'],
        ['funds_in_place', 'numeric'],
        ['funds_in_place_verified', 'numeric'],
        ['contact_count', 'integer'],
        ['last_activity_on', 'date'],
        ['next_follow_up_on', 'date'],
        ['eliminated_category', 'boolean'],
      ],
      data.projects.map((p) => {
        const d = derived.get(p.id) ?? emptyFigures();
        const chain = byCode.get(p.chain);
        const chainOwners = owners.get(p.chain);
        if (!chain || !chainOwners) throw new Error(`synthetic data: chain ${p.chain} is not in the database`);
        const owner = chainOwners[p.ownerIndex % chainOwners.length];
        const entered = lastMove.get(p.id) ?? p.createdAt;
        return [
          p.id,
          p.name,
          chain.id,
          p.investorName,
          p.sourceChannel,
          chain.units[p.unitIndex % chain.units.length],
          owner,
          p.plannedInvestment,
          p.major,
          p.status,
          p.statusReason,
          p.stage,
          entered,
          p.landParcel,
          p.landAreaMu,
          p.landApprovalRef,
          p.landApprovedOn,
          p.constructionStartedOn,
          p.constructionPermitRef,
          p.completedOn,
          owner,
          p.createdAt,
          entered,
          d.signed.toFixed(6),
          d.signedOn,
          d.agreementRef,
          d.funds.toFixed(6),
          d.verified.toFixed(6),
          d.contacts,
          d.lastActivityOn,
          d.nextFollowUpOn,
          d.eliminated,
        ];
      }),
      batchSize,
    );
    const ownerOf = new Map(
      data.projects.map((p) => {
        const chainOwners = owners.get(p.chain) ?? [];
        return [p.id, chainOwners[p.ownerIndex % chainOwners.length]];
      }),
    );
    await insertRows(
      tx,
      'project_stage_move',
      [
        ['project_id', 'uuid'],
        ['from_stage', 'project_stage'],
        ['to_stage', 'project_stage'],
        ['moved_by', 'uuid'],
        ['moved_at', 'timestamptz'],
      ],
      data.stageMoves.map((m) => [m.projectId, m.from, m.to, ownerOf.get(m.projectId), m.movedAt]),
      batchSize,
    );
    await insertRows(
      tx,
      'project_activity',
      [
        ['id', 'uuid'],
        ['project_id', 'uuid'],
        ['kind', 'activity_kind'],
        ['occurred_on', 'date'],
        ['summary', 'text'],
        ['next_follow_up_on', 'date'],
        ['created_by', 'uuid'],
      ],
      data.activities.map((a) => [
        a.id,
        a.projectId,
        a.kind,
        a.occurredOn,
        a.summary,
        a.nextFollowUpOn,
        ownerOf.get(a.projectId),
      ]),
      batchSize,
    );
    await insertRows(
      tx,
      'project_evaluation',
      [
        ['id', 'uuid'],
        ['project_id', 'uuid'],
        ['eliminated_category', 'boolean'],
        ['conclusion', 'evaluation_conclusion'],
        ['concluded_by', 'uuid'],
        ['concluded_on', 'date'],
        ['concluded_at', 'timestamptz'],
        ['opened_by', 'uuid'],
      ],
      data.evaluations.map((e) => {
        const by = ownerOf.get(e.projectId);
        return [
          e.id,
          e.projectId,
          e.conclusion ? e.eliminated : null,
          e.conclusion,
          e.conclusion ? by : null,
          e.concludedOn,
          e.concludedOn ? `${e.concludedOn}T08:00:00Z` : null,
          by,
        ];
      }),
      batchSize,
    );
    for (let start = 0; start < data.evaluations.length; start += batchSize) {
      await tx.query(
        `INSERT INTO project_evaluation_dimension (evaluation_id, dimension, rating, note)
         SELECT e.id, d.dimension,
                CASE WHEN e.conclusion IS NULL THEN NULL WHEN e.conclusion = 'fail' AND d.dimension = 'safety' THEN 'unacceptable'
                     ELSE 'acceptable' END::evaluation_rating,
                CASE WHEN e.conclusion IS NULL THEN NULL ELSE '合成数据' END
         FROM project_evaluation e CROSS JOIN unnest(enum_range(NULL::evaluation_dimension)) AS d(dimension)
         WHERE e.id = ANY ($1::uuid[])`,
        [data.evaluations.slice(start, start + batchSize).map((e) => e.id)],
      );
    }
    await insertRows(
      tx,
      'project_agreement',
      [
        ['project_id', 'uuid'],
        ['kind', 'agreement_kind'],
        ['amount', 'numeric'],
        ['signed_on', 'date'],
        ['agreement_ref', 'text'],
        ['created_by', 'uuid'],
      ],
      data.agreements.map((a) => [a.projectId, a.kind, a.amount, a.signedOn, a.agreementRef, ownerOf.get(a.projectId)]),
      batchSize,
    );
    await insertRows(
      tx,
      'fund_arrival',
      [
        ['project_id', 'uuid'],
        ['month', 'text'],
        ['amount', 'numeric'],
        ['verified', 'boolean'],
        ['verified_at', 'timestamptz'],
        ['created_by', 'uuid'],
      ],
      data.fundArrivals.map((f) => [
        f.projectId,
        f.month,
        f.amount,
        f.verified,
        f.verified ? `${f.month}-28T08:00:00Z` : null,
        ownerOf.get(f.projectId),
      ]),
      batchSize,
    );
    await insertSyntheticEvents(tx, data.projects.map((p) => p.id));
    // Fresh statistics, so the planner sees the new rows before autovacuum gets to them.
    for (const table of ['project', 'project_stage_move', 'project_activity', 'project_agreement', 'fund_arrival', 'promotion_event']) {
      await tx.query(`ANALYZE ${table}`);
    }
    return data.projects.length;
  });
}

/**
 * 招商活动 of the synthetic city: one per chain and year of its projects (kinds in turn), and about
 * one project in five linked to its chain's event of the year it was opened; deterministic (the
 * link follows the project's id).
 */
async function insertSyntheticEvents(tx: EntityManager, projectIds: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO promotion_event (name, normalised_name, kind, starts_on, ends_on, place, chain_ids, created_at, updated_at)
     SELECT format('合成%s年%s招商推介会', y, c.name_zh), format('合成%s年%s招商推介会', y, c.name_zh),
            (ARRAY['fair', 'trip', 'forum', 'business-visit', 'online'])[1 + (y + c.id) % 5]::promotion_event_kind,
            make_date(y, 1 + (c.id * 2) % 12, 10), make_date(y, 1 + (c.id * 2) % 12, 12), '西宁', ARRAY[c.id],
            '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
     FROM chain c
     CROSS JOIN (SELECT DISTINCT extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS y
                 FROM project WHERE id = ANY ($1::uuid[])) years
     ON CONFLICT (normalised_name) DO NOTHING`,
    [projectIds],
  );
  await tx.query(
    `UPDATE project p SET event_id = e.id
     FROM promotion_event e
     WHERE p.id = ANY ($1::uuid[]) AND get_byte(decode(md5(p.id::text), 'hex'), 0) % 5 = 0
       AND e.normalised_name = format('合成%s年%s招商推介会',
             extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int, (SELECT name_zh FROM chain WHERE id = p.chain_id))`,
    [projectIds],
  );
}
