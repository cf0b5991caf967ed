import {
  BALANCE_PERIOD_PATTERN,
  EVALUATION_DIMENSIONS,
  evaluationConclusionProblems,
  isPassingConclusion,
  type EvaluationFacts,
} from './evaluation';

const complete: EvaluationFacts = {
  dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, rating: 'acceptable', note: '符合要求' })),
  thirdParty: false,
  institution: null,
  eliminatedCategory: false,
};
const fields = (items: { field: string }[]) => items.map((i) => i.field);

describe('项目评估 conclusion rules', () => {
  it('concludes a complete evaluation either way', () => {
    expect(evaluationConclusionProblems(complete, 'pass', null)).toEqual([]);
    expect(evaluationConclusionProblems(complete, 'fail', null)).toEqual([]);
    expect(evaluationConclusionProblems(complete, 'conditional', '须配套建设污水处理设施')).toEqual([]);
  });

  it('names every unrated dimension and missing note', () => {
    const partial: EvaluationFacts = {
      ...complete,
      dimensions: [{ dimension: 'ecology', rating: 'favourable', note: null }],
      eliminatedCategory: null,
    };
    const problems = evaluationConclusionProblems(partial, 'fail', null);
    expect(fields(problems)).toEqual([
      'dimensions.ecology.note',
      'dimensions.safety.rating',
      'dimensions.safety.note',
      'dimensions.energy.rating',
      'dimensions.energy.note',
      'dimensions.technology.rating',
      'dimensions.technology.note',
      'dimensions.investment-intensity.rating',
      'dimensions.investment-intensity.note',
      'dimensions.benefit.rating',
      'dimensions.benefit.note',
      'eliminatedCategory',
    ]);
    expect(problems[1].zh).toContain('安全风险');
  });

  it('asks for the institution of a third-party evaluation and the conditions of a conditional pass', () => {
    expect(fields(evaluationConclusionProblems({ ...complete, thirdParty: true }, 'conditional', ' '))).toEqual([
      'institution',
      'feasibility',
      'outputBenefit',
      'balancePeriodYears',
      'conditions',
    ]);
    const found = { feasibility: '技术成熟，可行', outputBenefit: '年产值约8亿元', balancePeriodYears: '6.5' };
    expect(
      evaluationConclusionProblems({ ...complete, thirdParty: true, institution: '某咨询公司', ...found }, 'pass', null),
    ).toEqual([]);
    // Without a third party the three findings are not asked for.
    expect(evaluationConclusionProblems(complete, 'pass', null)).toEqual([]);
  });

  it('reads a balance period as a positive number of years with one decimal at most', () => {
    for (const ok of ['1', '6.5', '0.5', '99.9']) expect(BALANCE_PERIOD_PATTERN.test(ok)).toBe(true);
    for (const bad of ['0', '0.0', '-1', '100', '6.55', 'six', '']) expect(BALANCE_PERIOD_PATTERN.test(bad)).toBe(false);
  });

  it('lets a 淘汰类 project or an unacceptable rating conclude only as fail', () => {
    const eliminated = { ...complete, eliminatedCategory: true };
    expect(fields(evaluationConclusionProblems(eliminated, 'pass', null))).toEqual(['conclusion']);
    expect(evaluationConclusionProblems(eliminated, 'fail', null)).toEqual([]);
    const unsafe: EvaluationFacts = {
      ...complete,
      dimensions: complete.dimensions.map((d) => (d.dimension === 'safety' ? { ...d, rating: 'unacceptable' } : d)),
    };
    const problems = evaluationConclusionProblems(unsafe, 'conditional', '整改');
    expect(fields(problems)).toEqual(['conclusion']);
    expect(problems[0].zh).toContain('安全风险');
  });

  it('knows which conclusions allow signing', () => {
    expect([
      isPassingConclusion('pass'),
      isPassingConclusion('conditional'),
      isPassingConclusion('fail'),
      isPassingConclusion(null),
    ]).toEqual([true, true, false, false]);
  });
});
