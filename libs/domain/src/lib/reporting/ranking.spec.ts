import { rankChains, rankingLeaders, rankingMeasured, rankingScore } from './ranking';

describe('季评比 ranking', () => {
  it('weights signed 40%, funds 40%, big projects 20%', () => {
    // 50 × 0.4 + 25 × 0.4 + 100 × 0.2 = 20 + 10 + 20
    expect(
      rankingScore({
        chainCode: 'a',
        signedRate: '50.00',
        fundsRate: '25.00',
        bigProjectRate: '100.00',
      }),
    ).toBe('50.00');
    // 33.33 × 0.4 = 13.332 → 13.33
    expect(
      rankingScore({
        chainCode: 'a',
        signedRate: '33.33',
        fundsRate: null,
        bigProjectRate: null,
      }),
    ).toBe('13.33');
  });

  it('caps a rate at 150% and counts a missing target as 0', () => {
    expect(
      rankingScore({
        chainCode: 'a',
        signedRate: '400.00',
        fundsRate: null,
        bigProjectRate: '0',
      }),
    ).toBe('60.00');
  });

  it('ranks highest first, equal scores share a rank, ties keep input order', () => {
    const rows = rankChains([
      {
        chainCode: 'a',
        signedRate: '10',
        fundsRate: '10',
        bigProjectRate: '10',
      },
      {
        chainCode: 'b',
        signedRate: '90',
        fundsRate: '90',
        bigProjectRate: '90',
      },
      {
        chainCode: 'c',
        signedRate: '10',
        fundsRate: '10',
        bigProjectRate: '10',
      },
      { chainCode: 'd', signedRate: '0', fundsRate: '0', bigProjectRate: '0' },
    ]);
    expect(rows.map((r) => [r.chainCode, r.rank, r.score])).toEqual([
      ['b', 1, '90.00'],
      ['a', 2, '10.00'],
      ['c', 2, '10.00'],
      ['d', 4, '0.00'],
    ]);
  });
});

describe('rankingLeaders', () => {
  const rows = (scores: string[]) =>
    rankChains(
      scores.map((s, i) => ({
        chainCode: `c${i}`,
        signedRate: s,
        fundsRate: s,
        bigProjectRate: s,
      })),
    );

  it('names nobody when every score is 0 (a tie of zeros is not a ranking)', () => {
    const zeros = rows(['0', '0', '0', '0', '0', '0', '0']);
    expect(zeros.every((r) => r.rank === 1)).toBe(true);
    expect(rankingLeaders(zeros)).toEqual([]);
    expect(rankingMeasured(zeros)).toBe(false);
    expect(rankingLeaders([])).toEqual([]);
    expect(rankingMeasured([])).toBe(false);
  });

  it('names the chains ranked in the first three with a score, ties included', () => {
    expect(rankingLeaders(rows(['10', '0', '0', '0'])).map((r) => r.chainCode)).toEqual(['c0']);
    expect(rankingLeaders(rows(['10', '20', '5', '5', '1'])).map((r) => r.chainCode)).toEqual([
      'c1',
      'c0',
      'c2',
      'c3',
    ]);
    expect(rankingMeasured(rows(['0', '0.01']))).toBe(true);
  });
});
