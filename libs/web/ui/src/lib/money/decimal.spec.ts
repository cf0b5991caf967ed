import { formatWanEn, sharedThreshold, sumDecimals, thresholdText } from './decimal';

describe('sumDecimals', () => {
  it('adds the seven chains’ signed targets to 220亿 (in 万元)', () => {
    expect(
      sumDecimals([
        '1400000.000000',
        '400000.000000',
        '150000',
        '100000',
        '100000.00',
        '30000',
        '20000',
      ]),
    ).toBe('2200000');
  });

  it('is exact where floats are not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['12345678901234567.89', '0.11'])).toBe(
      '12345678901234568',
    );
  });

  it('handles negatives and an empty list', () => {
    expect(sumDecimals(['-1.5', '1'])).toBe('-0.5');
    expect(sumDecimals([])).toBe('0');
  });

  it('refuses what is not a decimal', () => {
    expect(() => sumDecimals(['1e5'])).toThrow('Not a decimal amount');
  });
});

describe('formatWanEn', () => {
  it.each([
    ['1400000.000000', 'CNY 14 billion'],
    ['650000', 'CNY 6.5 billion'],
    ['10000', 'CNY 100 million'],
    ['100000', 'CNY 1 billion'],
    ['123456.789', 'CNY 1.23 billion'],
    ['500', 'CNY 5 million'],
    ['12.5', 'CNY 125,000'],
    ['0.00005', 'CNY 0.5'],
    ['99999.99999', 'CNY 1 billion'],
    ['-20000', 'CNY -200 million'],
  ])('%s 万元 → %s', (wan, text) => {
    expect(formatWanEn(wan)).toBe(text);
  });
});

describe('big-project thresholds', () => {
  it('states each chain’s own threshold: 10亿, 5亿, 1亿', () => {
    expect(thresholdText('100000.000000', 'zh-CN')).toBe('10亿元');
    expect(thresholdText('50000', 'zh-CN')).toBe('5亿元');
    expect(thresholdText('10000', 'zh-CN')).toBe('1亿元');
    expect(thresholdText('100000', 'en')).toBe('CNY 1 billion');
    expect(thresholdText('50000', 'en')).toBe('CNY 500 million');
  });

  it('gives one threshold only where every chain shares it', () => {
    expect(sharedThreshold(['100000.000000', '100000'])).toBe('100000');
    expect(sharedThreshold(['100000', '50000'])).toBeNull();
    expect(sharedThreshold(['100000', null])).toBeNull();
    expect(sharedThreshold([])).toBeNull();
  });
});
