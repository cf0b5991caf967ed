import { initialMapping, mappingProblems, toOverrides, unmappedHeaders } from './column-mapping';
import type { ImportBatchView } from './ledger.types';

describe('column mapping', () => {
  it('suggests the field of each header the template or a synonym names, and nothing for the rest', () => {
    const rows = initialMapping('projects', ['序号', '项目', '专班', '投资主体', '环节', '牵头单位', '总投资（亿元）', '对接人', '']);
    expect(rows).toEqual([
      { header: '序号', field: null },
      { header: '项目', field: 'name' },
      { header: '专班', field: 'chain' },
      { header: '投资主体', field: 'investorName' },
      { header: '环节', field: null },
      { header: '牵头单位', field: 'responsibleUnit' },
      { header: '总投资（亿元）', field: 'plannedInvestment' },
      { header: '对接人', field: null },
    ]);
    expect(mappingProblems('projects', rows)).toEqual({ missing: ['stage'], duplicates: [] });
  });

  it('keeps the choices made earlier, and lists a header once', () => {
    const rows = initialMapping('enterprises', ['公司', '公司', '代码'], { 公司: 'name', 代码: null });
    expect(rows).toEqual([
      { header: '公司', field: 'name' },
      { header: '代码', field: null },
    ]);
    expect(mappingProblems('enterprises', rows)).toEqual({ missing: [], duplicates: [] });
  });

  it('finds a field chosen for two columns', () => {
    expect(
      mappingProblems('enterprises', [
        { header: 'A', field: 'name' },
        { header: 'B', field: 'name' },
      ]),
    ).toEqual({ missing: [], duplicates: ['name'] });
  });

  it('sends every header, ignored ones as null', () => {
    expect(toOverrides([{ header: '公司', field: 'name' }, { header: '备注', field: null }])).toEqual({ 公司: 'name', 备注: null });
  });

  it('lists the columns a preview did not import, but not those no sheet imports (序号, 备注)', () => {
    const batch = {
      columns: [
        { column: 'A', header: '序号', field: null, unit: null },
        { column: 'B', header: '企业名称', field: 'name', unit: null },
        { column: 'C', header: '对接人', field: null, unit: null },
        { column: 'D', header: '备 注', field: null, unit: null },
      ],
    } as ImportBatchView;
    expect(unmappedHeaders(batch)).toEqual(['对接人']);
  });
});
