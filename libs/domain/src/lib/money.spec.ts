import { formatWan, isWanAmount, trimDecimal, wanToYi } from './money';

describe('money in 万元', () => {
  it('converts 万元 to 亿元 exactly', () => {
    expect(wanToYi('1400000')).toBe('140');
    expect(wanToYi('2200000.000000')).toBe('220');
    expect(wanToYi('12345.6789')).toBe('1.23456789');
    expect(wanToYi('5')).toBe('0.0005');
    expect(wanToYi('-30000')).toBe('-3');
  });

  it('shows 亿元 from one 亿 up, 万元 below, as the plan writes amounts', () => {
    expect(formatWan('1400000.000000')).toBe('140亿元');
    expect(formatWan('10000')).toBe('1亿元');
    expect(formatWan('2500.5')).toBe('2500.5万元');
    expect(formatWan('0.000000')).toBe('0万元');
  });

  it('trims trailing zeros and recognises decimal strings', () => {
    expect(trimDecimal('100.100000')).toBe('100.1');
    expect(trimDecimal('100')).toBe('100');
    expect(isWanAmount('12.5')).toBe(true);
    expect(isWanAmount('1e5')).toBe(false);
    expect(isWanAmount('12,5')).toBe(false);
  });
});
