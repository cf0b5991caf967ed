import type { TestApp } from './test-app';

/**
 * A unit that serves `chain` and neither serves nor reads `notChain` on `day` (YYYY-MM-DD): a
 * key-task duty in the year's published plan lets a unit read a chain it does not serve, so the
 * check goes through reporting_units_on, as access does.
 */
export async function unitServingOnly(t: TestApp, chain: string, notChain: string, day: string): Promise<{ id: number; name: string }> {
  const [row] = await t.dataSource.query(
    `SELECT u.id, u.name FROM unit u
     WHERE EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = $1)
       AND NOT EXISTS (SELECT 1 FROM chain_unit cu JOIN chain c ON c.id = cu.chain_id WHERE cu.unit_id = u.id AND c.code = $2)
       AND NOT EXISTS (SELECT 1 FROM reporting_units_on($3::date) r JOIN chain c ON c.id = r.chain_id WHERE r.unit_id = u.id AND c.code = $2)
     ORDER BY u.id LIMIT 1`,
    [chain, notChain, day],
  );
  if (!row) throw new Error(`no unit serves ${chain} without reading ${notChain} on ${day}`);
  return row;
}
