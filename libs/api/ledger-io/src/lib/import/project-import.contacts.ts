import {
  importContactPlan,
  ledgerContactAction,
  ledgerContactChanges,
  ledgerContactInput,
  matchLedgerContact,
  type LedgerContactCandidate,
} from '@crm/domain';
import type { PlannedRow } from './import-row';
import type { ProjectRowData } from './project-import.planner';

const rowData = (row: PlannedRow<unknown>) => row.data as Partial<ProjectRowData>;

/** The firms whose contacts the rows name (their contacts are loaded to match the rows against). */
export function contactFirmIds(rows: PlannedRow<unknown>[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const d = rowData(row);
    if (row.action !== 'error' && d.contactName && d.enterpriseId) ids.add(d.enterpriseId);
  }
  return [...ids];
}

/**
 * What each row's 联系人 will do to its firm's contacts (the contacts' own rule, matchLedgerContact):
 * create the person, give them the row's phone, link them to the project, or nothing. Rows earlier
 * in the file count, so the same person on two rows is created once. A row whose project would
 * otherwise be skipped becomes an update when its contact changes. Without a firm in the library
 * the row's contact stays on the project's 备注 (the planner's notes line).
 */
export function planRowContacts(rows: PlannedRow<unknown>[], byFirm: Map<string, LedgerContactCandidate[]>): void {
  const pools = new Map<string, LedgerContactCandidate[]>();
  for (const row of rows) {
    const d = rowData(row);
    if (row.action === 'error' || !d.contactName) continue;
    const input = ledgerContactInput(d.contactName, d.contactPhone);
    if (!d.enterpriseId) {
      d.contact = importContactPlan('notes', input, null);
      continue;
    }
    let pool = pools.get(d.enterpriseId);
    if (!pool) {
      pool = (byFirm.get(d.enterpriseId) ?? []).map((c) => ({ ...c, projectIds: [...c.projectIds] }));
      pools.set(d.enterpriseId, pool);
    }
    const projectId = row.action === 'create' ? null : row.targetId;
    const match = matchLedgerContact(pool, input);
    const action = ledgerContactAction(match, input, projectId);
    d.contact = importContactPlan(action, input, match?.id ?? null);
    // Later rows of the file see the person as this row leaves them.
    if (!match) pool.push({ id: null, ...input, projectIds: projectId ? [projectId] : [] });
    else {
      Object.assign(match, ledgerContactChanges(match, input));
      if (projectId && !match.projectIds.includes(projectId)) match.projectIds.push(projectId);
    }
    if (action === 'unchanged') continue;
    if (row.action === 'skip') {
      row.action = 'update';
      row.changes = { before: {}, after: {} };
    }
    if (row.changes) {
      row.changes.before['contact'] = match?.name ?? null;
      row.changes.after['contact'] = input.name;
    }
  }
}
