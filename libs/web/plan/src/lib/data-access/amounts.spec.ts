import { countProblem, goalNumberProblem, percentProblem, wanAsYi, wanProblem, yiProblem, yiToWan } from './amounts';

describe('plan amounts', () => {
  it('turns 亿元 into 万元 by moving the point, never through a float', () => {
    expect(yiToWan('220')).toBe('2200000');
    expect(yiToWan('12.5')).toBe('125000');
    expect(yiToWan('0.1')).toBe('1000');
    expect(yiToWan('0.00015')).toBe('1.5');
    expect(yiToWan('0')).toBe('0');
    expect(yiToWan('0.3000000001')).toBe('3000.000001');
    expect(yiToWan(' 7 ')).toBe('70000');
  });

  it('reads 万元 from the API as 亿元', () => {
    expect(wanAsYi('2200000.000000')).toBe('220');
    expect(wanAsYi('125000.000000')).toBe('12.5');
    expect(wanAsYi('1.500000')).toBe('0.00015');
    expect(wanAsYi(null)).toBe('');
  });

  it('names what is wrong with a typed amount', () => {
    expect(yiProblem('220')).toBeNull();
    expect(yiProblem('')).toBe('plan.amount.required');
    expect(yiProblem('', { optional: true })).toBeNull();
    expect(yiProblem('-5')).toBe('plan.amount.negative');
    expect(yiProblem('5亿')).toBe('plan.amount.formatYi');
    expect(yiProblem('0.00000000001')).toBe('plan.amount.tooPreciseYi');
    expect(yiProblem('0', { allowZero: false })).toBe('plan.amount.zero');
    expect(wanProblem('0')).toBeNull();
    expect(wanProblem('12.1234567')).toBe('plan.amount.tooPreciseWan');
    expect(wanProblem('abc')).toBe('plan.amount.formatWan');
  });

  it('checks percentages, counts and goal figures', () => {
    expect(percentProblem('20')).toBeNull();
    expect(percentProblem('-5.5')).toBeNull();
    expect(percentProblem('-100')).toBe('plan.percent.format');
    expect(percentProblem('1.234')).toBe('plan.percent.format');
    expect(countProblem('3')).toBeNull();
    expect(countProblem('1.5')).toBe('plan.count.format');
    expect(goalNumberProblem('4000', true)).toBeNull();
    expect(goalNumberProblem('0', true)).toBe('plan.goal.targetZero');
    expect(goalNumberProblem('0', false)).toBeNull();
  });
});
