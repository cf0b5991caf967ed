import type { ChainCode, ChainLinkKind, ChainLinkStatus } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/** A weak or missing link of a chain's map with no active project tagged with it (any year of its lineage). */
export interface UnledGap {
  chainId: number;
  chainCode: ChainCode;
  chainName: string;
  linkId: number;
  linkName: string;
  status: ChainLinkStatus;
  kind: ChainLinkKind | null;
}

/**
 * The gaps with no active lead on the year's maps, in chain and map order: the one query the map's
 * list, the chain leader page and the meeting pack read (so the three agree). `chainIds` null: all.
 */
export async function unledGaps(manager: EntityManager, year: number, chainIds: number[] | null = null): Promise<UnledGap[]> {
  const rows: {
    chain_id: number;
    code: ChainCode;
    name_zh: string;
    link_id: number;
    name: string;
    status: ChainLinkStatus;
    kind: ChainLinkKind | null;
  }[] = await manager.query(
    `SELECT c.id AS chain_id, c.code, c.name_zh, l.id AS link_id, l.name, l.status, l.kind
     FROM chain_map m
     JOIN chain c ON c.id = m.chain_id
     JOIN chain_map_link l ON l.map_id = m.id
     WHERE m.year = $1 AND ($2::smallint[] IS NULL OR m.chain_id = ANY($2::smallint[]))
       AND l.status <> 'strong'
       AND NOT EXISTS (
         SELECT 1 FROM chain_map_link tagged JOIN project p ON p.chain_link_id = tagged.id
         WHERE tagged.lineage = l.lineage AND p.status = 'active')
     ORDER BY c.sort_order, l.sort_order, l.id`,
    [year, chainIds],
  );
  return rows.map((r) => ({
    chainId: r.chain_id,
    chainCode: r.code,
    chainName: r.name_zh,
    linkId: r.link_id,
    linkName: r.name,
    status: r.status,
    kind: r.kind,
  }));
}

/** One chain's unled gaps for the year, or null when the chain has no map for the year. */
export async function unledGapsOfChain(manager: EntityManager, year: number, chainId: number): Promise<UnledGap[] | null> {
  const [map] = await manager.query(`SELECT 1 FROM chain_map WHERE chain_id = $1 AND year = $2`, [chainId, year]);
  return map ? unledGaps(manager, year, [chainId]) : null;
}
