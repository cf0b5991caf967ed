/** One field of an audit entry: its value before and after, as JSON; null where absent. */
export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

function json(value: unknown): string {
  const compact = JSON.stringify(value);
  // Long objects and lists read better broken over lines.
  return compact !== undefined && compact.length > 60 && typeof value === 'object'
    ? JSON.stringify(value, null, 2)
    : (compact ?? 'undefined');
}

/**
 * The fields of `before` and `after` side by side, in the order `after` lists them, then those
 * only `before` has. The API records only the fields that changed, but a creation has only an
 * `after` and a deletion only a `before`.
 */
export function auditDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): DiffRow[] {
  const fields = [
    ...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})]),
  ];
  return fields.map((field) => {
    const b = before && field in before ? json(before[field]) : null;
    const a = after && field in after ? json(after[field]) : null;
    return { field, before: b, after: a, changed: a !== b };
  });
}
