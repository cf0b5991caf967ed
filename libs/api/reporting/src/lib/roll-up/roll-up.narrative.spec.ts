import { bulletinAmount } from './roll-up.narrative';
import { unitStatus } from './roll-up.figures';

describe('bulletinAmount', () => {
  it('writes 亿元 to two decimals from 1亿 up, else 万元, rounding half up', () => {
    expect(bulletinAmount('2200000.000000')).toBe('220亿元');
    expect(bulletinAmount('184500.750000')).toBe('18.45亿元');
    expect(bulletinAmount('184550.000000')).toBe('18.46亿元');
    expect(bulletinAmount('10000')).toBe('1亿元');
    expect(bulletinAmount('9999.995')).toBe('1亿元');
    expect(bulletinAmount('5400.625000')).toBe('5400.63万元');
    expect(bulletinAmount('0.000000')).toBe('0万元');
  });
});

describe('unitStatus', () => {
  it('tells on time, late, missing, returned and accepted apart', () => {
    expect(unitStatus(null, null)).toBe('missing');
    expect(unitStatus('draft', null)).toBe('missing');
    expect(unitStatus('submitted', false)).toBe('on-time');
    expect(unitStatus('submitted', true)).toBe('late');
    expect(unitStatus('returned', true)).toBe('returned');
    expect(unitStatus('accepted', false)).toBe('accepted');
  });
});
