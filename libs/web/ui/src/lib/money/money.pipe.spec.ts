import { WanPipe } from './money.pipe';

describe('WanPipe', () => {
  const pipe = new WanPipe();

  it('shows 亿元 and 万元 in Chinese', () => {
    expect(pipe.transform('1400000.000000')).toBe('140亿元');
    expect(pipe.transform('100000', 'zh-CN')).toBe('10亿元');
    expect(pipe.transform('5000')).toBe('5000万元');
  });

  it('rounds to a number of decimals when asked, exactly', () => {
    expect(pipe.transform('1962834.115', 'zh-CN', 2)).toBe('196.28亿元');
    expect(pipe.transform('35.555', 'zh-CN', 2)).toBe('35.56万元');
    expect(pipe.transform('99999.999', 'zh-CN', 2)).toBe('10亿元');
    expect(pipe.transform('9999.999', 'zh-CN', 2)).toBe('1亿元');
    expect(pipe.transform('0.000000', 'zh-CN', 2)).toBe('0万元');
    expect(pipe.transform('1962834.115', 'en', 2)).toBe('CNY 19.63 billion');
  });

  it('shows yuan in English', () => {
    expect(pipe.transform('1400000.000000', 'en')).toBe('CNY 14 billion');
  });

  it('shows a dash for a missing amount', () => {
    expect(pipe.transform(null)).toBe('—');
    expect(pipe.transform('')).toBe('—');
  });
});
