import {
  booleanFromLabel,
  chainFromLabel,
  ENTERPRISE_LEDGER_COLUMNS,
  mapLedgerHeaders,
  normaliseHeader,
  ownershipFromLabel,
  PROJECT_LEDGER_COLUMNS,
  sourceChannelFromLabel,
  stageFromLabel,
  statusFromLabel,
  templateHeaders,
} from './ledger-columns';

describe('ledger columns', () => {
  it('maps the headers of a real office sheet, synonyms and units included', () => {
    const mapping = mapLedgerHeaders(
      ['序号', '项目名称', '所属产业链', '投资主体', '推进阶段', '责任单位', '计划总投资\n（亿元）', '签约时间', '* 建设地点', '备注', '对接人'],
      PROJECT_LEDGER_COLUMNS,
    );
    const fields = mapping.columns.map((c) => c.field);
    expect(fields).toEqual([null, 'name', 'chain', 'investorName', 'stage', 'responsibleUnit', 'plannedInvestment', 'signedOn', 'location', null, null]);
    expect(mapping.columns[6].unit).toBe('亿元');
    expect(mapping.columns[0].ignored).toBe(true);
    expect(mapping.unknown).toEqual(['对接人']);
    expect(mapping.missing).toEqual([]);
  });

  it('reports required columns missing and duplicated ones', () => {
    const mapping = mapLedgerHeaders(['项目名称', '项目', '阶段'], PROJECT_LEDGER_COLUMNS);
    expect(mapping.duplicates).toEqual(['name']);
    expect(mapping.missing).toEqual(['chain', 'investorName', 'responsibleUnit']);
  });

  it('lets the user map a header that differs, or skip it', () => {
    const mapping = mapLedgerHeaders(['公司', '代码', '杂项'], ENTERPRISE_LEDGER_COLUMNS, {
      公司: 'name',
      代码: 'creditCode',
      杂项: null,
    });
    expect(mapping.columns.map((c) => c.field)).toEqual(['name', 'creditCode', null]);
    expect(mapping.unknown).toEqual([]);
    expect(mapping.missing).toEqual([]);
  });

  it('writes the template with units, and reads its own template back', () => {
    const headers = templateHeaders(PROJECT_LEDGER_COLUMNS);
    expect(headers).toContain('计划总投资（万元）');
    const mapping = mapLedgerHeaders(headers, PROJECT_LEDGER_COLUMNS);
    expect(mapping.columns.every((c) => c.field !== null)).toBe(true);
    expect(normaliseHeader('用地面积（亩）')).toBe('用地面积');
  });

  it('reads chains, stages, statuses and channels by their labels', () => {
    expect(chainFromLabel('清洁能源产业链')).toBe('clean-energy');
    expect(chainFromLabel('文旅')).toBe('culture-tourism');
    expect(chainFromLabel('metallurgy')).toBe('metallurgy');
    expect(chainFromLabel('新能源')).toBeNull();
    expect(stageFromLabel('项目签约')).toBe('signed');
    expect(stageFromLabel('在建')).toBe('construction');
    expect(stageFromLabel('立项')).toBeNull();
    expect(statusFromLabel('暂缓')).toBe('paused');
    expect(sourceChannelFromLabel('展会')).toBe('platform-expo');
    expect(ownershipFromLabel('国有企业')).toBe('local-soe');
    expect(booleanFromLabel('是')).toBe(true);
    expect(booleanFromLabel('')).toBe(false);
    expect(booleanFromLabel('也许')).toBeNull();
  });
});
