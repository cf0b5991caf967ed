import { isSector, normaliseEnterpriseName, stageCommittedBy, STAGES, type ReferenceSeed } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * Loads the reference data idempotently: it inserts what is missing and never overwrites what
 * exists, so running it twice changes nothing and later edits by an admin survive a restart.
 * The year's plan (annual_plan, published as of seed.plan.publishedAt), its sector growth targets
 * and each key task's milestones and goals are written only where the year or the key task has
 * none yet, so rows the office edits, renumbers or removes one by one are not put back.
 */
export async function seedReference(manager: EntityManager, seed: ReferenceSeed): Promise<void> {
  checkReferenceSeed(seed);
  await manager.transaction(async (tx) => {
    await seedPlan(tx, seed);
    for (const person of seed.people) {
      await tx.query(`INSERT INTO person (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
        person.name,
        person.position,
      ]);
    }
    for (const unit of seed.units) {
      await tx.query(`INSERT INTO unit (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
        unit.name,
        unit.kind,
      ]);
      for (const alias of unit.aliases) {
        await tx.query(
          `INSERT INTO unit_alias (alias, unit_id) SELECT $1, id FROM unit WHERE name = $2
           ON CONFLICT (alias) DO NOTHING`,
          [alias, unit.name],
        );
      }
    }
    for (const firm of seed.enterprises) {
      await tx.query(
        `INSERT INTO enterprise (name, normalised_name, credit_code, ownership, tags, region)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          firm.name,
          normaliseEnterpriseName(firm.name),
          firm.creditCode ?? null,
          firm.ownership ?? null,
          firm.tags ?? [],
          firm.region ?? null,
        ],
      );
    }
    for (const chain of seed.chains) {
      await tx.query(
        `INSERT INTO chain (code, name_zh, name_en, kind, direction, sort_order, sector)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
        [chain.code, chain.nameZh, chain.nameEn, chain.kind, chain.direction, chain.sortOrder, chain.sector],
      );
      const [{ id: chainId }] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [chain.code]);
      await seedChainRoles(tx, chainId, chain);
      for (const task of chain.keyTasks) {
        await tx.query(
          `INSERT INTO key_task (chain_id, year, seq, text) VALUES ($1, $2, $3, $4)
           ON CONFLICT (chain_id, year, seq) DO NOTHING`,
          [chainId, seed.year, task.seq, task.text],
        );
        await seedMilestonesAndGoals(tx, chainId, seed.year, task);
        for (const [order, unitName] of task.units.entries()) {
          await tx.query(
            `INSERT INTO key_task_unit (key_task_id, unit_id, sort_order)
             SELECT k.id, u.id, $4 FROM key_task k, unit u
             WHERE k.chain_id = $1 AND k.year = $2 AND k.seq = $3 AND u.name = $5
             ON CONFLICT DO NOTHING`,
            [chainId, seed.year, task.seq, order, unitName],
          );
        }
      }
      await tx.query(
        `INSERT INTO chain_target (chain_id, year, signed_amount, big_project_threshold, big_project_min_count, funds_in_place,
           signed_at_least, big_project_at_least, funds_at_least)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (chain_id, year) DO NOTHING`,
        [
          chainId,
          seed.year,
          chain.target.signedAmount,
          chain.target.bigProjectThreshold,
          chain.target.bigProjectMinCount,
          chain.target.fundsInPlace,
          chain.target.signedAtLeast,
          chain.target.bigProjectAtLeast,
          chain.target.fundsAtLeast,
        ],
      );
    }
  });
}

/** The year's plan as published, and its sector growth targets when the year has none. */
async function seedPlan(tx: EntityManager, seed: ReferenceSeed): Promise<void> {
  const { plan } = seed;
  await tx.query(
    `INSERT INTO annual_plan (year, status, city_signed_amount, city_signed_at_least, city_funds_in_place, city_funds_at_least,
       published_at)
     VALUES ($1, 'published', $2, $3, $4, $5, $6) ON CONFLICT (year) DO NOTHING`,
    [seed.year, plan.citySignedAmount, plan.citySignedAtLeast, plan.cityFundsInPlace, plan.cityFundsAtLeast, plan.publishedAt],
  );
  await tx.query(
    `INSERT INTO sector_growth_target (year, sector, growth_rate)
     SELECT $1, x.sector, x.rate FROM unnest($2::project_sector[], $3::numeric[]) AS x(sector, rate)
     WHERE NOT EXISTS (SELECT 1 FROM sector_growth_target g WHERE g.year = $1)`,
    [seed.year, plan.sectorGrowth.map((g) => g.sector), plan.sectorGrowth.map((g) => g.growthRate)],
  );
}

/** A key task's milestones (and goals) when it has none yet, numbered in the order of the text. */
async function seedMilestonesAndGoals(
  tx: EntityManager,
  chainId: number,
  year: number,
  task: ReferenceSeed['chains'][number]['keyTasks'][number],
): Promise<void> {
  const [{ id: keyTaskId }] = await tx.query(`SELECT id FROM key_task WHERE chain_id = $1 AND year = $2 AND seq = $3`, [
    chainId,
    year,
    task.seq,
  ]);
  if (task.milestones.length > 0) {
    await tx.query(
      `INSERT INTO key_task_milestone (key_task_id, seq, project_name, target_stage, wording)
       SELECT $1, x.seq, x.name, x.stage, x.wording
       FROM unnest($2::smallint[], $3::text[], $4::project_stage[], $5::text[]) AS x(seq, name, stage, wording)
       WHERE NOT EXISTS (SELECT 1 FROM key_task_milestone m WHERE m.key_task_id = $1)`,
      [
        keyTaskId,
        task.milestones.map((_, i) => i + 1),
        task.milestones.map((m) => m.projectName),
        task.milestones.map((m) => m.targetStage ?? stageCommittedBy(m.wording)),
        task.milestones.map((m) => m.wording),
      ],
    );
  }
  if (task.goals.length > 0) {
    await tx.query(
      `INSERT INTO key_task_goal (key_task_id, seq, label, measure_unit, target)
       SELECT $1, x.seq, x.label, x.unit, x.target
       FROM unnest($2::smallint[], $3::text[], $4::text[], $5::numeric[]) AS x(seq, label, unit, target)
       WHERE NOT EXISTS (SELECT 1 FROM key_task_goal g WHERE g.key_task_id = $1)`,
      [
        keyTaskId,
        task.goals.map((_, i) => i + 1),
        task.goals.map((g) => g.label),
        task.goals.map((g) => g.measureUnit),
        task.goals.map((g) => g.target),
      ],
    );
  }
}

async function seedChainRoles(tx: EntityManager, chainId: number, chain: ReferenceSeed['chains'][number]) {
  const leaders = [
    { name: chain.liaisonLeader, role: 'liaison' },
    ...chain.responsibleLeaders.map((name) => ({ name, role: 'responsible' })),
  ];
  for (const [order, leader] of leaders.entries()) {
    await tx.query(
      `INSERT INTO chain_leader (chain_id, person_id, role, sort_order)
       SELECT $1, id, $2, $3 FROM person WHERE name = $4 ON CONFLICT DO NOTHING`,
      [chainId, leader.role, order, leader.name],
    );
  }
  const units = [
    ...chain.responsibleUnits.map((u) => ({ name: u.unit, role: 'responsible', isLead: u.isLead ?? false })),
    ...chain.cooperatingUnits.map((name) => ({ name, role: 'cooperating', isLead: false })),
  ];
  for (const [order, unit] of units.entries()) {
    await tx.query(
      `INSERT INTO chain_unit (chain_id, unit_id, role, is_lead, sort_order)
       SELECT $1, id, $2, $3, $4 FROM unit WHERE name = $5 ON CONFLICT DO NOTHING`,
      [chainId, unit.role, unit.isLead, order, unit.name],
    );
  }
  for (const [order, firmName] of chain.anchorFirms.entries()) {
    await tx.query(
      `INSERT INTO chain_anchor_firm (chain_id, enterprise_id, sort_order)
       SELECT $1, id, $2 FROM enterprise WHERE normalised_name = $3 ON CONFLICT DO NOTHING`,
      [chainId, order, normaliseEnterpriseName(firmName)],
    );
  }
}

/** Refuses a seed whose references do not resolve, before anything is written. */
export function checkReferenceSeed(seed: ReferenceSeed): void {
  const problems: string[] = [];
  const people = new Set(seed.people.map((p) => p.name));
  const units = new Set(seed.units.map((u) => u.name));
  const firms = new Set(seed.enterprises.map((e) => normaliseEnterpriseName(e.name)));
  const spellings = new Map<string, string>();
  for (const unit of seed.units) {
    for (const spelling of [unit.name, ...unit.aliases]) {
      const owner = spellings.get(spelling);
      if (owner && owner !== unit.name) problems.push(`“${spelling}” names both ${owner} and ${unit.name}`);
      spellings.set(spelling, unit.name);
    }
  }
  for (const g of seed.plan.sectorGrowth) {
    if (!isSector(g.sector)) problems.push(`plan: unknown sector ${g.sector}`);
  }
  for (const chain of seed.chains) {
    for (const task of chain.keyTasks) {
      for (const m of task.milestones) {
        if (m.wording.length > 40) problems.push(`${chain.code} ${task.seq}: wording longer than 40 characters: ${m.wording}`);
        if (m.targetStage && !STAGES.includes(m.targetStage)) problems.push(`${chain.code} ${task.seq}: unknown stage ${m.targetStage}`);
      }
      for (const g of task.goals) {
        if (!(Number(g.target) > 0)) problems.push(`${chain.code} ${task.seq}: goal ${g.label} needs a positive target`);
      }
    }
    for (const name of [chain.liaisonLeader, ...chain.responsibleLeaders]) {
      if (!people.has(name)) problems.push(`${chain.code}: unknown person ${name}`);
    }
    const unitNames = [
      ...chain.responsibleUnits.map((u) => u.unit),
      ...chain.cooperatingUnits,
      ...chain.keyTasks.flatMap((t) => t.units),
    ];
    for (const name of unitNames) {
      if (!units.has(name)) problems.push(`${chain.code}: unknown unit ${name}`);
    }
    for (const name of chain.anchorFirms) {
      if (!firms.has(normaliseEnterpriseName(name))) problems.push(`${chain.code}: unknown enterprise ${name}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Reference seed does not resolve:\n${problems.join('\n')}`);
  }
}
