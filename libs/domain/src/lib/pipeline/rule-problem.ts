/**
 * Something a rule finds missing or wrong: the input to fix (`field`, as the form names it) and
 * what to do, in Chinese and English.
 */
export interface RuleProblem {
  field: string;
  zh: string;
  en: string;
}

/** "中文 / English", as the API writes messages. */
export function bilingual(item: { zh: string; en: string }): string {
  return `${item.zh} / ${item.en}`;
}

/** Problems as the field tree of a 400/422 answer: { field: ["中文 / English"] }. */
export function toFieldErrors(items: RuleProblem[]): Record<string, string[]> {
  const tree: Record<string, string[]> = {};
  for (const item of items) (tree[item.field] ??= []).push(bilingual(item));
  return tree;
}
