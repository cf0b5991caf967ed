import { normaliseEnterpriseName, normaliseLinkName } from '@crm/domain';
import type { EntityManager } from 'typeorm';
import type { CHAIN_MAPS_2025 } from './chain-map-2025.data';

/**
 * The year's 招商图谱 drafted from the plan's words, for each chain that has no map for the year
 * yet: its links as drafts with the quoted sentence, the named local firms. Never overwrites, so
 * the office's edits (or a map it removed link by link) survive a restart.
 */
export async function seedChainMaps(manager: EntityManager, seed: typeof CHAIN_MAPS_2025): Promise<void> {
  await manager.transaction(async (tx) => {
    for (const map of seed.maps) {
      const inserted: { id: number }[] = await tx.query(
        `INSERT INTO chain_map (chain_id, year, created_at, updated_at)
         SELECT id, $2, $3, $3 FROM chain WHERE code = $1
         ON CONFLICT (chain_id, year) DO NOTHING RETURNING id`,
        [map.chain, seed.year, seed.createdAt],
      );
      if (!inserted.length) continue;
      const mapId = inserted[0].id;
      for (const [order, link] of map.links.entries()) {
        await tx.query(
          `INSERT INTO chain_map_link (map_id, parent_id, tier, sort_order, name, normalised_name, status, status_reason, kind, draft, source_quote)
           VALUES ($1, (SELECT id FROM chain_map_link WHERE map_id = $1 AND normalised_name = $2), $3, $4, $5, $6, $7, $8, $9, true, $10)`,
          [
            mapId,
            link.parent ? normaliseLinkName(link.parent) : null,
            link.tier,
            order,
            link.name,
            normaliseLinkName(link.name),
            link.status,
            seed.reason,
            link.kind ?? null,
            link.quote,
          ],
        );
        for (const [i, firm] of (link.firms ?? []).entries()) {
          await tx.query(
            `INSERT INTO chain_map_link_firm (link_id, enterprise_id, sort_order)
             SELECT l.id, e.id, $3 FROM chain_map_link l, enterprise e
             WHERE l.map_id = $1 AND l.normalised_name = $2 AND e.normalised_name = $4`,
            [mapId, normaliseLinkName(link.name), i, normaliseEnterpriseName(firm)],
          );
        }
      }
    }
  });
}
