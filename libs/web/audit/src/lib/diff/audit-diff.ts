import type { AuditChangeView } from '@crm/domain';

/** How many changes a row shows before the rest are folded away. */
export const SUMMARY_CHANGES = 3;

/** One change as a line of words: "阶段：信息收集 → 对接洽谈"; a creation's "名称：某公司". */
export function changeLine(change: AuditChangeView, label: string): string {
  if (change.before !== null && change.after !== null) {
    return `${label}：${change.before} → ${change.after}`;
  }
  return `${label}：${change.after ?? change.before ?? ''}`;
}

/** Does any change of the entry have a before, an after? (A creation has no before, a deletion no after.) */
export function sides(changes: AuditChangeView[]): { before: boolean; after: boolean } {
  return {
    before: changes.some((c) => c.before !== null),
    after: changes.some((c) => c.after !== null),
  };
}
