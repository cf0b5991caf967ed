import { CHAIN_MAPS_2025, REFERENCE_2025 } from '@crm/migrations';
import { normaliseLinkName } from '@crm/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The plan's text as the seed keeps it, its PDF line breaks and stray spaces taken out. */
const PLAN = readFileSync(join(__dirname, '../../../../../migrations/seed/plan-2025.txt'), 'utf8').replace(/\s+/g, '');

describe('the 2025 maps seeded from the plan’s words', () => {
  it('the copied plan text is the plan and its annex', () => {
    expect(PLAN).toContain('格尔木市2025年招商引资工作方案');
    expect(PLAN).toContain('格尔木市“5+2”产业链招商专班工作任务');
  });

  const links = CHAIN_MAPS_2025.maps.flatMap((m) => m.links.map((l) => ({ chain: m.chain, ...l })));
  it.each(links.map((l) => [l.chain, l.name, l.quote]))('%s · %s quotes the plan: “%s”', (_chain, _name, quote) => {
    expect(quote.length).toBeGreaterThanOrEqual(6);
    expect(PLAN).toContain(quote.replace(/\s+/g, ''));
  });

  it('covers the seven chains; each link once per chain, each parent a link of the chain, each firm in the library', () => {
    expect(CHAIN_MAPS_2025.maps.map((m) => m.chain).sort()).toEqual(REFERENCE_2025.chains.map((c) => c.code).sort());
    const library = new Set(REFERENCE_2025.enterprises.map((e) => e.name));
    for (const map of CHAIN_MAPS_2025.maps) {
      const names = map.links.map((l) => normaliseLinkName(l.name));
      expect(new Set(names).size).toBe(names.length);
      for (const link of map.links) {
        if (link.parent) expect(names.slice(0, names.indexOf(normaliseLinkName(link.name)))).toContain(normaliseLinkName(link.parent));
        for (const firm of link.firms ?? []) expect(library).toContain(firm);
        expect(link.status === 'strong').toBe(link.kind === undefined);
      }
    }
  });
});
