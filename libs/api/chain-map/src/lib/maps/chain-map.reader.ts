import {
  isGap,
  type ChainLinkKind,
  type ChainLinkProjectView,
  type ChainLinkStageFigure,
  type ChainLinkStatus,
  type ChainLinkTier,
  type ChainMapLinkView,
  type ChainMapTargetView,
  type ChainMapFirmView,
  type Stage,
  type TargetFirmTag,
} from '@crm/domain';
import type { EntityManager } from 'typeorm';

export interface MapRow {
  id: number;
  chain_id: number;
  year: number;
  version: number;
  drafted_from: number | null;
}

interface LinkRow {
  id: number;
  parent_id: number | null;
  tier: ChainLinkTier;
  sort_order: number;
  name: string;
  status: ChainLinkStatus;
  status_reason: string | null;
  kind: ChainLinkKind | null;
  draft: boolean;
  source_quote: string | null;
}

export async function findMap(tx: EntityManager, chainId: number, year: number, lock = false): Promise<MapRow | null> {
  const rows: MapRow[] = await tx.query(
    `SELECT id, chain_id, year, version, drafted_from FROM chain_map WHERE chain_id = $1 AND year = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [chainId, year],
  );
  return rows[0] ?? null;
}

/**
 * A map's links in order (upstream → downstream, each sub-link after its parent), with the local
 * firms (链主 marked from chain_anchor_firm), the targets, and the pipeline of the projects tagged
 * with the link in any year of its lineage: counts and signed amounts by stage summed by PostgreSQL
 * (dropped projects left out), and the active ones as leads.
 */
export async function readLinks(tx: EntityManager, map: MapRow): Promise<ChainMapLinkView[]> {
  const links: LinkRow[] = await tx.query(
    `SELECT l.id, l.parent_id, l.tier, l.sort_order, l.name, l.status, l.status_reason, l.kind, l.draft, l.source_quote
     FROM chain_map_link l WHERE l.map_id = $1 ORDER BY l.sort_order, l.id`,
    [map.id],
  );
  const firms: { link_id: number; enterprise_id: string; name: string; anchor: boolean }[] = await tx.query(
    `SELECT f.link_id, e.id AS enterprise_id, e.name,
            EXISTS (SELECT 1 FROM chain_anchor_firm a WHERE a.chain_id = $2 AND a.enterprise_id = e.id) AS anchor
     FROM chain_map_link_firm f JOIN chain_map_link l ON l.id = f.link_id JOIN enterprise e ON e.id = f.enterprise_id
     WHERE l.map_id = $1 ORDER BY f.sort_order, e.name`,
    [map.id, map.chain_id],
  );
  const targets: { link_id: number; name: string; tags: TargetFirmTag[]; note: string | null }[] = await tx.query(
    `SELECT t.link_id, t.name, t.tags, t.note FROM chain_map_target t JOIN chain_map_link l ON l.id = t.link_id
     WHERE l.map_id = $1 ORDER BY t.sort_order, t.id`,
    [map.id],
  );
  const figures: { link_id: number; stage: Stage; count: number; signed: string }[] = await tx.query(
    `SELECT l.id AS link_id, p.stage, count(*)::int AS count, sum(p.signed_amount)::text AS signed
     FROM chain_map_link l
     JOIN chain_map_link tagged ON tagged.lineage = l.lineage
     JOIN project p ON p.chain_link_id = tagged.id AND p.status <> 'dropped'
     WHERE l.map_id = $1
     GROUP BY l.id, p.stage ORDER BY l.id, p.stage`,
    [map.id],
  );
  const projects: (Omit<ChainLinkProjectView, 'signedAmount'> & { link_id: number; signed: string })[] = await tx.query(
    `SELECT l.id AS link_id, p.id, p.name, p.stage, p.status, p.chain_link_kind AS kind, p.signed_amount::text AS signed
     FROM chain_map_link l
     JOIN chain_map_link tagged ON tagged.lineage = l.lineage
     JOIN project p ON p.chain_link_id = tagged.id
     WHERE l.map_id = $1
     ORDER BY l.id, p.stage DESC, p.name`,
    [map.id],
  );
  const byLink = <T extends { link_id: number }>(rows: T[]) => {
    const out = new Map<number, T[]>();
    for (const r of rows) {
      const list = out.get(r.link_id);
      if (list) list.push(r);
      else out.set(r.link_id, [r]);
    }
    return out;
  };
  const firmsOf = byLink(firms);
  const targetsOf = byLink(targets);
  const figuresOf = byLink(figures);
  const projectsOf = byLink(projects);
  const ordered = [...links.filter((l) => l.parent_id === null)];
  for (const child of links.filter((l) => l.parent_id !== null)) {
    let at = ordered.findIndex((l) => l.id === child.parent_id);
    while (at + 1 < ordered.length && ordered[at + 1].parent_id === child.parent_id) at++;
    ordered.splice(at + 1, 0, child);
  }
  return ordered.map((l) => {
    const linkProjects: ChainLinkProjectView[] = (projectsOf.get(l.id) ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      stage: p.stage,
      status: p.status,
      kind: p.kind,
      signedAmount: p.signed,
    }));
    const activeLeads = linkProjects.filter((p) => p.status === 'active').length;
    return {
      id: l.id,
      parentId: l.parent_id,
      tier: l.tier,
      sortOrder: l.sort_order,
      name: l.name,
      status: l.status,
      statusReason: l.status_reason,
      kind: l.kind,
      draft: l.draft,
      sourceQuote: l.source_quote,
      firms: (firmsOf.get(l.id) ?? []).map<ChainMapFirmView>((f) => ({ enterpriseId: f.enterprise_id, name: f.name, anchor: f.anchor })),
      targets: (targetsOf.get(l.id) ?? []).map<ChainMapTargetView>((t) => ({ name: t.name, tags: t.tags, note: t.note })),
      pipeline: (figuresOf.get(l.id) ?? []).map<ChainLinkStageFigure>((f) => ({ stage: f.stage, count: f.count, signedAmount: f.signed })),
      projects: linkProjects,
      activeLeads,
      unledGap: isGap(l.status) && activeLeads === 0,
    };
  });
}
