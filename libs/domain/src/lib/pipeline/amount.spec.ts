import { isPositiveWan, wanInputProblem } from './amount';

describe('amounts in 万元 as submitted', () => {
  it('accepts decimal strings down to a fen', () => {
    for (const v of ['1', '0.1', '12345678901234.123456', '0.000001', '100.1000000'])
      expect(wanInputProblem(v)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(wanInputProblem('-1')).toBe('negative');
    expect(wanInputProblem('0')).toBe('zero');
    expect(wanInputProblem('0', { allowZero: true })).toBeNull();
    expect(wanInputProblem('-0.0', { allowZero: true })).toBeNull();
    expect(wanInputProblem('1e5')).toBe('format');
    expect(wanInputProblem('1,000')).toBe('format');
    expect(wanInputProblem('')).toBe('format');
    expect(wanInputProblem('0.0000001')).toBe('too-precise');
    expect(wanInputProblem('123456789012345')).toBe('too-large');
  });

  it('tells a positive amount', () => {
    expect([isPositiveWan('0.000001'), isPositiveWan('0'), isPositiveWan('-3'), isPositiveWan(null)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
