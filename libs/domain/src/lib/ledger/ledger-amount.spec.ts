import { numberToDecimal, parseLedgerAmount, shiftDecimal, unitFromHeader } from './ledger-amount';

const wan = (...args: Parameters<typeof parseLedgerAmount>) => {
  const result = parseLedgerAmount(...args);
  return result.ok ? result.wan : `!${result.problem}`;
};

describe('ledger amounts in 万元', () => {
  it('reads text with its own unit', () => {
    expect(wan('1.5亿')).toBe('15000');
    expect(wan('1.5亿元')).toBe('15000');
    expect(wan('3,000万元')).toBe('3000');
    expect(wan('3，000万')).toBe('3000');
    expect(wan(' 2 亿元 ')).toBe('20000');
    expect(wan('１２００．５')).toBe('1200.5');
    expect(wan('5000000元')).toBe('500');
    expect(wan('0.000123亿')).toBe('1.23');
  });

  it('uses the unit of the column header when the cell names none', () => {
    expect(wan('140', '亿元')).toBe('1400000');
    expect(wan(140, '亿元')).toBe('1400000');
    expect(wan(0.35, '亿元')).toBe('3500');
    expect(wan(1200.5)).toBe('1200.5');
    expect(wan('3000万元', '亿元')).toBe('3000');
  });

  it('keeps decimals exact where floats would not', () => {
    expect(wan(0.1 + 0.2)).toBe('0.3');
    expect(wan(1.1, '亿元')).toBe('11000');
    expect(wan('12345678901234.123456')).toBe('12345678901234.123456');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimal(1.5e-7)).toBe('0.00000015');
    expect(shiftDecimal('1.23', -4)).toBe('0.000123');
    expect(shiftDecimal('0.000123', 4)).toBe('1.23');
  });

  it('treats an empty cell as no amount', () => {
    expect(wan(null)).toBeNull();
    expect(wan('')).toBeNull();
  });

  it('refuses what is not an amount', () => {
    expect(wan('约3000万')).toBe('!not-a-number');
    expect(wan('3千万')).toBe('!not-a-number');
    expect(wan('1.2.3')).toBe('!not-a-number');
    expect(wan(Number.NaN)).toBe('!not-a-number');
    expect(wan('-5')).toBe('!negative');
    expect(wan('0')).toBe('!zero');
    expect(wan('0', '万元', { allowZero: true })).toBe('0');
    expect(wan('1元')).toBe('0.0001');
    expect(wan('0.001元')).toBe('!too-precise');
    expect(wan('100000000000亿')).toBe('!too-large');
  });

  it('reads the unit a header names', () => {
    expect(unitFromHeader('计划总投资（亿元）')).toBe('亿元');
    expect(unitFromHeader('签约金额(万元)')).toBe('万元');
    expect(unitFromHeader('金额（元）')).toBe('元');
    expect(unitFromHeader('计划总投资')).toBeNull();
  });
});
