import { CHAIN_LINK_TIERS, type ChainLinkStatus, type ChainLinkTier, type ChainMapLinkView, type ChainMapView } from '@crm/domain';

/** Status colours: readable on screen and in grey print (strong dark, weak mid, missing outlined). */
export const STATUS_COLORS: Record<ChainLinkStatus, string> = { strong: '#389e0d', weak: '#d48806', missing: '#cf1322' };

export interface MapTreeNode {
  name: string;
  linkId?: number;
  children?: MapTreeNode[];
  itemStyle?: { color: string; borderColor: string; borderWidth?: number };
  label?: { color?: string; fontWeight?: 'bold' | 'normal'; backgroundColor?: string; padding?: number[]; borderRadius?: number };
}

/** The links of a tier in map order, each main link with its sub-links. */
export function linksByTier(links: ChainMapLinkView[]): { tier: ChainLinkTier; links: { link: ChainMapLinkView; subs: ChainMapLinkView[] }[] }[] {
  return CHAIN_LINK_TIERS.map((tier) => ({
    tier,
    links: links
      .filter((l) => l.tier === tier && l.parentId === null)
      .map((link) => ({ link, subs: links.filter((s) => s.parentId === link.id) })),
  })).filter((t) => t.links.length > 0);
}

/** A node's label: the name, ⚑ for a gap with no active lead. */
export function nodeLabel(link: ChainMapLinkView): string {
  return link.unledGap ? `⚑ ${link.name}` : link.name;
}

function linkNode(link: ChainMapLinkView, subs: ChainMapLinkView[] = []): MapTreeNode {
  const color = STATUS_COLORS[link.status];
  return {
    name: nodeLabel(link),
    linkId: link.id,
    itemStyle: { color: link.status === 'missing' ? '#fff' : color, borderColor: color, borderWidth: link.unledGap ? 3 : 1.5 },
    label: { color: link.unledGap ? STATUS_COLORS.missing : '#262626', fontWeight: link.unledGap ? 'bold' : 'normal' },
    ...(subs.length ? { children: subs.map((s) => linkNode(s)) } : {}),
  };
}

/**
 * The map as an ECharts tree, left to right: the chain, its tiers (上游 / 中游 / 下游), their links
 * and sub-links. `tierLabel` names a tier in the interface language.
 */
export function mapTreeOption(view: ChainMapView, tierLabel: (tier: ChainLinkTier) => string) {
  const tiers = linksByTier(view.map?.links ?? []);
  const leaves = tiers.reduce((n, t) => n + t.links.reduce((m, l) => m + Math.max(1, l.subs.length), 0), 0);
  const root: MapTreeNode = {
    name: view.chain.nameZh,
    itemStyle: { color: '#1d39c4', borderColor: '#1d39c4' },
    label: { color: '#fff', backgroundColor: '#1d39c4', padding: [4, 8], borderRadius: 4, fontWeight: 'bold' },
    children: tiers.map((t) => ({
      name: tierLabel(t.tier),
      itemStyle: { color: '#595959', borderColor: '#595959' },
      label: { fontWeight: 'bold' },
      children: t.links.map((l) => linkNode(l.link, l.subs)),
    })),
  };
  return {
    height: Math.max(320, leaves * 30 + 40),
    option: {
      animation: false,
      tooltip: { trigger: 'item', triggerOn: 'mousemove' },
      series: [
        {
          type: 'tree',
          data: [root],
          orient: 'LR',
          top: 16,
          bottom: 16,
          left: 150,
          right: 200,
          symbolSize: 12,
          initialTreeDepth: -1,
          expandAndCollapse: false,
          roam: false,
          label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 13 },
          leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
          lineStyle: { color: '#bfbfbf', width: 1.2, curveness: 0.4 },
        },
      ],
    },
  };
}
