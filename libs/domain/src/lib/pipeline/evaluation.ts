import type { RuleProblem } from './rule-problem';

/**
 * 项目评估 (plan §(二十七)): a pre-review of every project to be signed on six dimensions,
 * optionally by a third-party institution, with the 淘汰类 check of plan §(一).
 */
export const EVALUATION_DIMENSIONS = [
  'ecology',
  'safety',
  'energy',
  'technology',
  'investment-intensity',
  'benefit',
] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

export const EVALUATION_DIMENSION_LABELS: Record<EvaluationDimension, string> = {
  ecology: '生态保护',
  safety: '安全风险',
  energy: '能源消耗',
  technology: '技术水平',
  'investment-intensity': '投资强度',
  benefit: '效益产出',
};

/**
 * One scale for all six dimensions, read as "how does the project stand on this point": it suits
 * a risk (安全风险) as well as a merit (技术水平).
 */
export const EVALUATION_RATINGS = ['favourable', 'acceptable', 'concern', 'unacceptable'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];

export const EVALUATION_RATING_LABELS: Record<EvaluationRating, string> = {
  favourable: '良好',
  acceptable: '可接受',
  concern: '存在问题',
  unacceptable: '不可接受',
};

export const EVALUATION_CONCLUSIONS = ['pass', 'conditional', 'fail'] as const;
export type EvaluationConclusion = (typeof EVALUATION_CONCLUSIONS)[number];

export const EVALUATION_CONCLUSION_LABELS: Record<EvaluationConclusion, string> = {
  pass: '通过',
  conditional: '有条件通过',
  fail: '不通过',
};

/** A conclusion that allows signing. */
export function isPassingConclusion(conclusion: EvaluationConclusion | null | undefined): boolean {
  return conclusion === 'pass' || conclusion === 'conditional';
}

/** What an evaluation holds when it is about to be concluded. */
export interface EvaluationFacts {
  dimensions: { dimension: EvaluationDimension; rating: EvaluationRating | null; note: string | null }[];
  thirdParty: boolean;
  institution: string | null;
  /** 第三方评估's own findings (plan §(二十七) 可行性、产出效益和平衡周期); asked only of a third party. */
  feasibility?: string | null;
  outputBenefit?: string | null;
  balancePeriodYears?: string | null;
  /** null: the 淘汰类 check has not been answered yet. */
  eliminatedCategory: boolean | null;
}

/**
 * Why an evaluation cannot be concluded with the given conclusion (empty when it can):
 * every dimension rated with a note, the 淘汰类 check answered, the institution named and its
 * findings on 可行性, 产出效益 and 平衡周期 recorded when a third party evaluated, conditions written
 * for 有条件通过; 淘汰类 or any 不可接受 rating allows only 不通过.
 */
export function evaluationConclusionProblems(
  facts: EvaluationFacts,
  conclusion: EvaluationConclusion,
  conditions: string | null | undefined,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const dimension of EVALUATION_DIMENSIONS) {
    const entry = facts.dimensions.find((d) => d.dimension === dimension);
    const label = EVALUATION_DIMENSION_LABELS[dimension];
    if (!entry?.rating) {
      problems.push({
        field: `dimensions.${dimension}.rating`,
        zh: `请评定“${label}”`,
        en: `Rate the dimension ${dimension}`,
      });
    }
    if (!entry?.note?.trim()) {
      problems.push({
        field: `dimensions.${dimension}.note`,
        zh: `请填写“${label}”的评估说明`,
        en: `Write a note for the dimension ${dimension}`,
      });
    }
  }
  if (facts.eliminatedCategory === null) {
    problems.push({
      field: 'eliminatedCategory',
      zh: '请确认项目是否属于《产业结构调整指导目录》淘汰类',
      en: 'Answer whether the project is in the eliminated category (淘汰类) of the guidance catalogue',
    });
  }
  if (facts.thirdParty && !facts.institution?.trim()) {
    problems.push({
      field: 'institution',
      zh: '由第三方机构评估时，请填写机构名称',
      en: 'Name the third-party institution that evaluated the project',
    });
  }
  if (facts.thirdParty) {
    if (!facts.feasibility?.trim()) {
      problems.push({ field: 'feasibility', zh: '请填写第三方机构的可行性评估意见', en: "Record the third party's finding on feasibility" });
    }
    if (!facts.outputBenefit?.trim()) {
      problems.push({ field: 'outputBenefit', zh: '请填写第三方机构的产出效益评估意见', en: "Record the third party's finding on output and benefit" });
    }
    if (!facts.balancePeriodYears) {
      problems.push({ field: 'balancePeriodYears', zh: '请填写第三方机构测算的平衡周期（年）', en: 'Record the balance (payback) period the third party found, in years' });
    }
  }
  if (conclusion === 'conditional' && !conditions?.trim()) {
    problems.push({
      field: 'conditions',
      zh: '有条件通过时，请写明条件',
      en: 'State the conditions of a conditional pass',
    });
  }
  if (isPassingConclusion(conclusion)) {
    if (facts.eliminatedCategory === true) {
      problems.push({
        field: 'conclusion',
        zh: '淘汰类项目不能评估通过，结论只能为“不通过”',
        en: 'A project in the eliminated category (淘汰类) cannot pass; the conclusion must be fail',
      });
    }
    const unacceptable = facts.dimensions.filter((d) => d.rating === 'unacceptable');
    if (unacceptable.length) {
      const labels = unacceptable.map((d) => EVALUATION_DIMENSION_LABELS[d.dimension]).join('、');
      problems.push({
        field: 'conclusion',
        zh: `“${labels}”评为不可接受，结论只能为“不通过”`,
        en: `Rated unacceptable on ${unacceptable.map((d) => d.dimension).join(', ')}; the conclusion must be fail`,
      });
    }
  }
  return problems;
}

/** 平衡周期 in years as the API takes it: a positive decimal string, at most 99.9, one decimal. */
export const BALANCE_PERIOD_PATTERN = /^(?!0+(?:\.0)?$)\d{1,2}(?:\.\d)?$/;

/** 第三方评估's written findings (可行性, 产出效益), characters. */
export const THIRD_PARTY_FINDING_LIMIT = 2000;
