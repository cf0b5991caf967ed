import { changeLine, sides } from './audit-diff';

describe('audit changes in words', () => {
  it('reads a change as before → after, a creation or deletion as its one value', () => {
    expect(changeLine({ field: 'stage', label: '阶段', labelEn: 'Stage', before: '信息收集', after: '对接洽谈' }, '阶段')).toBe(
      '阶段：信息收集 → 对接洽谈',
    );
    expect(changeLine({ field: 'name', label: '名称', labelEn: 'Name', before: null, after: '某公司' }, '名称')).toBe('名称：某公司');
    expect(changeLine({ field: 'amount', label: '金额', labelEn: 'Amount', before: '500万元', after: null }, 'Amount')).toBe(
      'Amount：500万元',
    );
  });

  it('knows which sides an entry has', () => {
    expect(sides([{ field: 'a', label: 'a', labelEn: 'a', before: null, after: 'x' }])).toEqual({ before: false, after: true });
    expect(sides([])).toEqual({ before: false, after: false });
  });
});
