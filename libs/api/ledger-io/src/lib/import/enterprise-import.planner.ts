import {
  creditCodeProblem,
  normaliseEnterpriseName,
  ownershipFromLabel,
  tagFromLabel,
  type EnterpriseLedgerField,
  type EnterpriseOwnership,
  type EnterpriseTag,
  type HeaderMapping,
} from '@crm/domain';
import { RowReader, type PlannedRow } from './import-row';
import type { SheetRow } from './sheet-reader';

/** A firm as a sheet row gives it; fields left empty in the sheet are absent. */
export interface EnterpriseRowData {
  name?: string;
  creditCode?: string;
  ownership?: EnterpriseOwnership;
  tags?: EnterpriseTag[];
  region?: string;
}

/** A firm of the library, as the planner compares it. */
export interface LibraryFirm {
  id: string;
  name: string;
  normalisedName: string;
  creditCode: string | null;
  ownership: EnterpriseOwnership | null;
  tags: EnterpriseTag[];
  region: string | null;
}

const CREDIT_CODE_MESSAGES = {
  length: { zh: '统一社会信用代码应为18位', en: 'The unified social credit code must have 18 characters' },
  characters: {
    zh: '统一社会信用代码含有不允许的字符（不含 I、O、Z、S、V）',
    en: 'The credit code has characters it cannot contain (no I, O, Z, S, V)',
  },
  'check-character': {
    zh: '统一社会信用代码校验位不正确，请核对',
    en: 'The check character of the credit code is wrong; check the code',
  },
};

/** Reads and checks a credit code cell; shared with the project import (the investor's code). */
export function readCreditCode<F extends string>(reader: RowReader<F>, field: F): string | undefined {
  const code = reader.text(field)?.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  if (code === undefined) return undefined;
  const problem = creditCodeProblem(code);
  if (problem) {
    reader.fail(field, CREDIT_CODE_MESSAGES[problem].zh, CREDIT_CODE_MESSAGES[problem].en);
    return undefined;
  }
  return code;
}

function readRow(mapping: HeaderMapping<EnterpriseLedgerField>, row: SheetRow) {
  const r = new RowReader(mapping, row.cells);
  const data: EnterpriseRowData = {};
  data.name = r.text('name', 200, '企业名称');
  if (!data.name && !r.errors.length) r.fail('name', '企业名称不能为空', 'The enterprise name is required');
  data.creditCode = readCreditCode(r, 'creditCode');
  const ownership = r.text('ownership');
  if (ownership !== undefined) {
    const code = ownershipFromLabel(ownership);
    if (code) data.ownership = code;
    else r.fail('ownership', `所有制“${ownership}”无法识别（央企、地方国企、民营、外资、混合所有制、其他）`, `Unknown ownership "${ownership}"`);
  }
  const tags = r.text('tags');
  if (tags !== undefined) {
    const list: EnterpriseTag[] = [];
    for (const label of tags.split(/[、,，;；/\s]+/).filter(Boolean)) {
      const tag = tagFromLabel(label);
      if (tag) {
        if (!list.includes(tag)) list.push(tag);
      } else {
        r.fail('tags', `企业标签“${label}”无法识别（央企、国企、世界500强、中国500强、民营500强）`, `Unknown tag "${label}"`);
      }
    }
    data.tags = list;
  }
  data.region = r.text('region', 100, '所在地区');
  return { data, errors: r.errors };
}

const sameTags = (a: EnterpriseTag[], b: EnterpriseTag[]) => a.length === b.length && a.every((t) => b.includes(t));

/**
 * What each row does to the enterprise library. A row matches a firm by credit code, else by
 * normalised name (the library's own duplicate rules); a match with nothing new is skipped, so
 * importing the same file twice changes nothing. Two rows naming the same firm are an error on the
 * second.
 */
export function planEnterpriseRows(
  mapping: HeaderMapping<EnterpriseLedgerField>,
  rows: SheetRow[],
  library: LibraryFirm[],
): PlannedRow<EnterpriseRowData>[] {
  const byCode = new Map(library.filter((f) => f.creditCode).map((f) => [f.creditCode as string, f]));
  const byName = new Map(library.map((f) => [f.normalisedName, f]));
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  return rows.map((row): PlannedRow<EnterpriseRowData> => {
    const { data, errors } = readRow(mapping, row);
    const planned = (action: PlannedRow<EnterpriseRowData>['action'], targetId: string | null = null, changes: PlannedRow<EnterpriseRowData>['changes'] = null) => ({
      number: row.number,
      action: errors.length ? ('error' as const) : action,
      targetId,
      data,
      changes,
      errors,
    });
    if (errors.length || !data.name) return planned('error');
    const normalised = normaliseEnterpriseName(data.name);
    const earlier = (data.creditCode && seenCode.get(data.creditCode)) || seenName.get(normalised);
    if (earlier) {
      errors.push({ column: null, header: null, zh: `与第${earlier}行是同一家企业`, en: `Same enterprise as row ${earlier}` });
      return planned('error');
    }
    if (data.creditCode) seenCode.set(data.creditCode, row.number);
    seenName.set(normalised, row.number);

    const byItsCode = data.creditCode ? byCode.get(data.creditCode) : undefined;
    const byItsName = byName.get(normalised);
    if (byItsCode && byItsName && byItsCode.id !== byItsName.id) {
      errors.push({
        column: null,
        header: null,
        zh: `信用代码属于企业库中的“${byItsCode.name}”，名称却与“${byItsName.name}”相同，请核对`,
        en: `The credit code belongs to "${byItsCode.name}" but the name is that of "${byItsName.name}"`,
      });
      return planned('error');
    }
    const firm = byItsCode ?? byItsName;
    if (!firm) return planned('create');
    if (byItsName && !byItsCode && data.creditCode && firm.creditCode && firm.creditCode !== data.creditCode) {
      errors.push({
        column: null,
        header: '统一社会信用代码',
        zh: `企业库中“${firm.name}”的信用代码是 ${firm.creditCode}，与本行不同，请核对`,
        en: `"${firm.name}" has credit code ${firm.creditCode} in the library, not this one`,
      });
      return planned('error');
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = (field: keyof LibraryFirm, next: unknown, differs: boolean) => {
      if (next !== undefined && differs) {
        before[field] = firm[field];
        after[field] = next;
      }
    };
    change('name', data.name, data.name !== firm.name);
    change('creditCode', data.creditCode, data.creditCode !== firm.creditCode);
    change('ownership', data.ownership, data.ownership !== firm.ownership);
    change('tags', data.tags, data.tags !== undefined && !sameTags(data.tags, firm.tags));
    change('region', data.region, data.region !== firm.region);
    return Object.keys(after).length ? planned('update', firm.id, { before, after }) : planned('skip', firm.id);
  });
}

