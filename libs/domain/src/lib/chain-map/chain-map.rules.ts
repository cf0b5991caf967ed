import { normaliseEnterpriseName } from '../enterprise';
import type { RuleProblem } from '../pipeline/rule-problem';
import type { ChainMapLinkInput } from './chain-map.contract';

/** Two link names that normalise alike are one link (spacing, full-width brackets, Latin case). */
export function normaliseLinkName(name: string): string {
  return normaliseEnterpriseName(name);
}

/**
 * What a map's document breaks, by field (links.i.name ...), judged before anything is written:
 * a link in two places of one chain, a sub-link whose parent is not a link of the map (or is itself
 * a sub-link), a weak or missing link without 强链/补链/延链, a target firm already on the link as a
 * local firm, a target named twice on one link. `firmName` gives a local firm's name by its id.
 */
export function chainMapProblems(links: ChainMapLinkInput[], firmName: (id: string) => string | undefined): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const firstAt = new Map<string, number>();
  links.forEach((link, i) => {
    const key = normaliseLinkName(link.name);
    const seen = firstAt.get(key);
    if (seen !== undefined) {
      problems.push({
        field: `links.${i}.name`,
        zh: `环节“${link.name}”已在本链第${seen + 1}项出现，同一环节只能出现一次`,
        en: `The link “${link.name}” is already item ${seen + 1} of this chain; a link appears once`,
      });
    } else firstAt.set(key, i);
  });
  links.forEach((link, i) => {
    if (link.parent) {
      const p = firstAt.get(normaliseLinkName(link.parent));
      if (p === undefined || p === i) {
        problems.push({
          field: `links.${i}.parent`,
          zh: `上级环节“${link.parent}”不在本图谱中`,
          en: `The parent link “${link.parent}” is not a link of this map`,
        });
      } else if (links[p].parent) {
        problems.push({
          field: `links.${i}.parent`,
          zh: `“${link.parent}”本身是子环节，子环节下不能再分`,
          en: `“${link.parent}” is itself a sub-link; sub-links have no sub-links`,
        });
      }
    }
    if (link.status !== 'strong' && !link.kind) {
      problems.push({
        field: `links.${i}.kind`,
        zh: '薄弱或缺失的环节须注明强链、补链或延链',
        en: 'A weak or missing link needs its kind: strengthen, fill or extend',
      });
    }
    const localNames = new Set(link.firmIds.map((id) => firmName(id)).filter((n): n is string => !!n).map(normaliseEnterpriseName));
    const targetAt = new Map<string, number>();
    link.targets.forEach((target, j) => {
      const key = normaliseEnterpriseName(target.name);
      if (localNames.has(key)) {
        problems.push({
          field: `links.${i}.targets.${j}.name`,
          zh: `“${target.name}”已是该环节的本地企业，不能再列为目标企业`,
          en: `“${target.name}” is already a local firm on this link, not a target`,
        });
      }
      const before = targetAt.get(key);
      if (before !== undefined) {
        problems.push({
          field: `links.${i}.targets.${j}.name`,
          zh: `目标企业“${target.name}”在该环节重复`,
          en: `The target “${target.name}” is listed twice on this link`,
        });
      } else targetAt.set(key, j);
    });
  });
  return problems;
}
