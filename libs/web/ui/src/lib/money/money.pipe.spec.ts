import { WanPipe } from './money.pipe';

describe('WanPipe', () => {
  const pipe = new WanPipe();

  it('shows 亿元 and 万元 in Chinese', () => {
    expect(pipe.transform('1400000.000000')).toBe('140亿元');
    expect(pipe.transform('100000', 'zh-CN')).toBe('10亿元');
    expect(pipe.transform('5000')).toBe('5000万元');
  });

  it('shows yuan in English', () => {
    expect(pipe.transform('1400000.000000', 'en')).toBe('CNY 14 billion');
  });

  it('shows a dash for a missing amount', () => {
    expect(pipe.transform(null)).toBe('—');
    expect(pipe.transform('')).toBe('—');
  });
});
