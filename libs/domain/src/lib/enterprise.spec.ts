import { normaliseEnterpriseName } from './enterprise';

describe('enterprise names for duplicate detection', () => {
  it('treats spacing, full-width brackets and Latin case alike', () => {
    const a = normaliseEnterpriseName('格尔木农垦（集团）有限公司');
    expect(normaliseEnterpriseName('格尔木农垦(集团)有限公司')).toBe(a);
    expect(normaliseEnterpriseName(' 格尔木 农垦　(集团) 有限公司 ')).toBe(a);
    expect(normaliseEnterpriseName('CATL 宁德时代')).toBe(normaliseEnterpriseName('catl宁德时代'));
  });

  it('keeps different firms apart', () => {
    expect(normaliseEnterpriseName('青海盐湖工业股份有限公司')).not.toBe(
      normaliseEnterpriseName('青海盐湖工业有限公司'),
    );
  });
});
