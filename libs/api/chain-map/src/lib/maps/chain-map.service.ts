import { AuditService } from '@crm/api/audit';
import { canEditChain, canReadChain, CLOCK, hasRole, staleRecord, type AuthUser, type Clock } from '@crm/api/core';
import {
  chainMapProblems,
  isGap,
  normaliseEnterpriseName,
  normaliseLinkName,
  toFieldErrors,
  type ChainCode,
  type ChainMapSummary,
  type ChainMapView,
  type RuleProblem,
} from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { unledGaps } from '../gaps/unled-gaps';
import type { ChainMapDto } from './chain-map.dto';
import { findMap, readLinks, type MapRow } from './chain-map.reader';

interface ChainRow {
  id: number;
  code: ChainCode;
  name_zh: string;
}

function problemsException(problems: RuleProblem[], status: 400 | 422) {
  const body = {
    statusCode: status,
    message: `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`,
    errors: toFieldErrors(problems),
  };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
}

/**
 * 招商图谱: a chain's map per year, kept by the office and the chain's staff (a unit serving the
 * chain today), read by whoever may read the chain; anyone else is told the chain does not exist (404).
 * A save replaces the document in one transaction with its audit row, on the version read.
 */
/** What the audit keeps of a map: its links with their firms and targets, by name. */
interface MapSnapshot {
  links: { name: string; tier: string; status: string; kind: string | null; firms: string[]; targets: string[] }[];
}

@Injectable()
export class ChainMapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The chain, if the user may read it; 404 otherwise (another chain's staff learn nothing). */
  async readableChain(user: AuthUser, code: string, manager: EntityManager = this.dataSource.manager): Promise<ChainRow> {
    const [chain]: ChainRow[] = await manager.query(`SELECT id, code, name_zh FROM chain WHERE code = $1`, [code]);
    if (!chain || !canReadChain(user, chain.id)) {
      throw new NotFoundException({ statusCode: 404, message: '没有该产业链 / No such chain' });
    }
    return chain;
  }

  mayEdit(user: AuthUser, chainId: number): boolean {
    return hasRole(user, 'office') || (hasRole(user, 'staff') && canEditChain(user, chainId));
  }

  async editableChain(user: AuthUser, code: string, manager: EntityManager): Promise<ChainRow> {
    const chain = await this.readableChain(user, code, manager);
    if (!this.mayEdit(user, chain.id)) {
      throw new ForbiddenException({
        statusCode: 403,
        message: '只有领导小组办公室和该产业链专班可以编辑招商图谱 / Only the office and the chain’s staff edit its map',
      });
    }
    return chain;
  }

  async view(user: AuthUser, code: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<ChainMapView> {
    const chain = await this.readableChain(user, code, manager);
    return this.viewOf(manager, user, chain, year);
  }

  private async viewOf(manager: EntityManager, user: AuthUser, chain: ChainRow, year: number): Promise<ChainMapView> {
    const map = await findMap(manager, chain.id, year);
    const [{ previous }] = await manager.query(`SELECT max(year)::int AS previous FROM chain_map WHERE chain_id = $1 AND year < $2`, [
      chain.id,
      year,
    ]);
    return {
      chain: { code: chain.code, nameZh: chain.name_zh },
      year,
      map: map ? { version: map.version, draftedFrom: map.drafted_from, links: await readLinks(manager, map) } : null,
      previousYear: previous ?? null,
      editable: this.mayEdit(user, chain.id),
    };
  }

  /** Every chain the user may read, with the year's map in figures (links, gaps, gaps with no active lead). */
  async list(user: AuthUser, year: number): Promise<ChainMapSummary[]> {
    const chains: (ChainRow & { has_map: boolean; links: number; gaps: number; drafts: number })[] = await this.dataSource.query(
      `SELECT c.id, c.code, c.name_zh, m.id IS NOT NULL AS has_map,
              count(l.id)::int AS links, (count(l.id) FILTER (WHERE l.status <> 'strong'))::int AS gaps,
              (count(l.id) FILTER (WHERE l.draft))::int AS drafts
       FROM chain c
       LEFT JOIN chain_map m ON m.chain_id = c.id AND m.year = $1
       LEFT JOIN chain_map_link l ON l.map_id = m.id
       GROUP BY c.id, m.id ORDER BY c.sort_order`,
      [year],
    );
    const readable = chains.filter((c) => canReadChain(user, c.id));
    const gaps = await unledGaps(this.dataSource.manager, year, readable.map((c) => c.id));
    return readable.map((c) => {
      const mine = gaps.filter((g) => g.chainId === c.id);
      return {
        code: c.code,
        nameZh: c.name_zh,
        year,
        hasMap: c.has_map,
        links: c.links,
        gaps: c.gaps,
        unledGaps: mine.length,
        unledGapNames: mine.map((g) => g.linkName),
        drafts: c.drafts,
      };
    });
  }

  async save(user: AuthUser, code: string, year: number, input: ChainMapDto): Promise<ChainMapView> {
    return this.dataSource.transaction(async (tx) => {
      const chain = await this.editableChain(user, code, tx);
      const map = await findMap(tx, chain.id, year, true);
      if ((map?.version ?? 0) !== input.version) {
        throw staleRecord('该招商图谱', await this.viewOf(tx, user, chain, year));
      }
      const before = map ? await this.snapshot(tx, map.id) : null;
      await this.checkDocument(tx, map, input);
      const now = this.clock.now();
      let mapId: number;
      if (map) {
        mapId = map.id;
        await tx.query(`UPDATE chain_map SET version = version + 1, updated_at = $2 WHERE id = $1`, [map.id, now]);
      } else {
        [{ id: mapId }] = await tx.query(
          `INSERT INTO chain_map (chain_id, year, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
          [chain.id, year, now],
        );
      }
      await writeLinks(tx, mapId, input);
      const after = await this.snapshot(tx, mapId);
      await this.audit.record(tx, user, {
        action: map ? 'update' : 'create',
        entityType: 'chain_map',
        entityId: `${chain.code}/${year}`,
        ...(before ? { before } : {}),
        after,
      });
      return this.viewOf(tx, user, chain, year);
    });
  }

  /** Next year's map drafted from the latest earlier one: its links (same lineage), firms and targets, each marked a draft. */
  async draftFromPrevious(user: AuthUser, code: string, year: number): Promise<ChainMapView> {
    return this.dataSource.transaction(async (tx) => {
      const chain = await this.editableChain(user, code, tx);
      await tx.query(`SELECT pg_advisory_xact_lock(22, $1)`, [chain.id]);
      if (await findMap(tx, chain.id, year)) {
        throw new ConflictException({
          statusCode: 409,
          message: `${year}年的招商图谱已存在 / The ${year} map exists already`,
          current: await this.viewOf(tx, user, chain, year),
        });
      }
      const [prev]: MapRow[] = await tx.query(
        `SELECT id, chain_id, year, version, drafted_from FROM chain_map WHERE chain_id = $1 AND year < $2 ORDER BY year DESC LIMIT 1`,
        [chain.id, year],
      );
      if (!prev) {
        throw problemsException(
          [{ field: 'year', zh: `${year}年之前没有招商图谱可供起草`, en: `There is no map before ${year} to draft from` }],
          422,
        );
      }
      const now = this.clock.now();
      const [{ id: mapId }] = await tx.query(
        `INSERT INTO chain_map (chain_id, year, drafted_from, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
        [chain.id, year, prev.year, now],
      );
      await tx.query(
        `INSERT INTO chain_map_link (map_id, lineage, tier, sort_order, name, normalised_name, status, status_reason, kind, draft, source_quote)
         SELECT $1, lineage, tier, sort_order, name, normalised_name, status, status_reason, kind, true, source_quote
         FROM chain_map_link WHERE map_id = $2`,
        [mapId, prev.id],
      );
      await tx.query(
        `UPDATE chain_map_link n SET parent_id = np.id
         FROM chain_map_link o JOIN chain_map_link op ON op.id = o.parent_id
         JOIN chain_map_link np ON np.lineage = op.lineage AND np.map_id = $1
         WHERE n.map_id = $1 AND o.map_id = $2 AND o.lineage = n.lineage`,
        [mapId, prev.id],
      );
      await tx.query(
        `INSERT INTO chain_map_link_firm (link_id, enterprise_id, sort_order)
         SELECT n.id, f.enterprise_id, f.sort_order FROM chain_map_link_firm f
         JOIN chain_map_link o ON o.id = f.link_id AND o.map_id = $2
         JOIN chain_map_link n ON n.lineage = o.lineage AND n.map_id = $1`,
        [mapId, prev.id],
      );
      await tx.query(
        `INSERT INTO chain_map_target (link_id, name, normalised_name, tags, note, sort_order)
         SELECT n.id, t.name, t.normalised_name, t.tags, t.note, t.sort_order FROM chain_map_target t
         JOIN chain_map_link o ON o.id = t.link_id AND o.map_id = $2
         JOIN chain_map_link n ON n.lineage = o.lineage AND n.map_id = $1`,
        [mapId, prev.id],
      );
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'chain_map',
        entityId: `${chain.code}/${year}`,
        after: { draftedFrom: prev.year, ...(await this.snapshot(tx, mapId)) },
      });
      return this.viewOf(tx, user, chain, year);
    });
  }

  /** Problems the database would meet, judged first so nothing is written: ids, firms, removed links still tagged. */
  private async checkDocument(tx: EntityManager, map: MapRow | null, input: ChainMapDto): Promise<void> {
    const firmIds = [...new Set(input.links.flatMap((l) => l.firmIds))];
    const firms: { id: string; name: string }[] = firmIds.length
      ? await tx.query(`SELECT id, name FROM enterprise WHERE id = ANY($1::uuid[])`, [firmIds])
      : [];
    const names = new Map(firms.map((f) => [f.id, f.name]));
    const invalid: RuleProblem[] = [];
    input.links.forEach((link, i) => {
      link.firmIds.forEach((id, j) => {
        if (!names.has(id)) {
          invalid.push({ field: `links.${i}.firmIds.${j}`, zh: '本地企业须从企业库中选择', en: 'A local firm must be one of the enterprise library' });
        }
      });
    });
    const existing: { id: number; name: string; tagged: boolean }[] = map
      ? await tx.query(
          `SELECT l.id, l.name, EXISTS (SELECT 1 FROM project p WHERE p.chain_link_id = l.id) AS tagged
           FROM chain_map_link l WHERE l.map_id = $1`,
          [map.id],
        )
      : [];
    const ids = new Set(existing.map((l) => l.id));
    input.links.forEach((link, i) => {
      if (link.id !== undefined && !ids.has(link.id)) {
        invalid.push({ field: `links.${i}.id`, zh: '该环节不属于本图谱', en: 'This link is not one of this map' });
      }
    });
    if (invalid.length) throw problemsException(invalid, 400);
    const problems = chainMapProblems(input.links, (id) => names.get(id));
    const kept = new Set(input.links.map((l) => l.id).filter((id) => id !== undefined));
    for (const gone of existing.filter((l) => !kept.has(l.id) && l.tagged)) {
      problems.push({
        field: 'links',
        zh: `环节“${gone.name}”已有项目关联，不能删除（可改为其他状况）`,
        en: `The link “${gone.name}” has projects tagged with it and cannot be removed`,
      });
    }
    if (problems.length) throw problemsException(problems, 422);
  }

  /** The map as the audit keeps it: each link's place, state, firms and targets. */
  private async snapshot(tx: EntityManager, mapId: number): Promise<MapSnapshot> {
    const rows: MapSnapshot['links'] = await tx.query(
      `SELECT l.name, l.tier, l.status, l.kind,
              ARRAY(SELECT e.name FROM chain_map_link_firm f JOIN enterprise e ON e.id = f.enterprise_id WHERE f.link_id = l.id ORDER BY f.sort_order) AS firms,
              ARRAY(SELECT t.name FROM chain_map_target t WHERE t.link_id = l.id ORDER BY t.sort_order) AS targets
       FROM chain_map_link l WHERE l.map_id = $1 ORDER BY l.sort_order`,
      [mapId],
    );
    return { links: rows };
  }
}

/**
 * Writes the document's links onto the map: kept links updated in place (their ids, so tagged
 * projects stay tagged), removed ones deleted, new ones inserted; then parents, firms and targets.
 */
async function writeLinks(tx: EntityManager, mapId: number, input: ChainMapDto): Promise<void> {
  const kept = input.links.map((l) => l.id).filter((id): id is number => id !== undefined);
  // Names move between kept links (a swap): clear them first so the unique name index holds mid-way;
  // parents too, so a removed parent does not take a kept sub-link with it.
  await tx.query(`UPDATE chain_map_link SET normalised_name = '#' || id, parent_id = NULL WHERE map_id = $1`, [mapId]);
  await tx.query(`DELETE FROM chain_map_link WHERE map_id = $1 AND NOT (id = ANY($2::int[]))`, [mapId, kept]);
  const idOf = new Map<string, number>();
  for (const [order, link] of input.links.entries()) {
    const values = [
      link.tier,
      order,
      link.name,
      normaliseLinkName(link.name),
      link.status,
      link.statusReason ?? null,
      isGap(link.status) ? (link.kind ?? null) : null,
      link.draft ?? false,
      link.sourceQuote ?? null,
    ];
    let id: number;
    if (link.id !== undefined) {
      id = link.id;
      await tx.query(
        `UPDATE chain_map_link SET tier = $2, sort_order = $3, name = $4, normalised_name = $5, status = $6, status_reason = $7,
           kind = $8, draft = $9, source_quote = $10 WHERE id = $1`,
        [id, ...values],
      );
    } else {
      [{ id }] = await tx.query(
        `INSERT INTO chain_map_link (map_id, tier, sort_order, name, normalised_name, status, status_reason, kind, draft, source_quote)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [mapId, ...values],
      );
    }
    idOf.set(normaliseLinkName(link.name), id);
  }
  const linkIds = [...idOf.values()];
  await tx.query(`DELETE FROM chain_map_link_firm WHERE link_id = ANY($1::int[])`, [linkIds]);
  await tx.query(`DELETE FROM chain_map_target WHERE link_id = ANY($1::int[])`, [linkIds]);
  for (const link of input.links) {
    const id = idOf.get(normaliseLinkName(link.name)) as number;
    if (link.parent) {
      await tx.query(`UPDATE chain_map_link SET parent_id = $2 WHERE id = $1`, [id, idOf.get(normaliseLinkName(link.parent))]);
    }
    if (link.firmIds.length) {
      await tx.query(
        `INSERT INTO chain_map_link_firm (link_id, enterprise_id, sort_order)
         SELECT $1, x.id, x.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, ord) ON CONFLICT DO NOTHING`,
        [id, link.firmIds],
      );
    }
    if (link.targets.length) {
      await tx.query(
        `INSERT INTO chain_map_target (link_id, name, normalised_name, tags, note, sort_order)
         SELECT $1, x.name, x.norm, ARRAY(SELECT jsonb_array_elements_text(x.tags)), x.note, x.ord - 1
         FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[]) WITH ORDINALITY AS x(name, norm, tags, note, ord)`,
        [
          id,
          link.targets.map((t) => t.name),
          link.targets.map((t) => normaliseEnterpriseName(t.name)),
          link.targets.map((t) => JSON.stringify([...new Set(t.tags)])),
          link.targets.map((t) => t.note ?? null),
        ],
      );
    }
  }
}
