/**
 * 季评比: the chains ranked by completion of their annual targets. One formula, shown with the
 * ranking wherever it appears (the roll-up's quarter view, the cockpit):
 *
 *   得分 = 签约额完成率 × 40% + 到位资金完成率 × 40% + 亿元以上项目完成率 × 20%
 *
 * Each rate is the year-to-date actual over the annual target in percent, capped at 150 so one
 * runaway figure cannot hide the others; a missing target counts 0. Ties keep the chains' usual
 * order. Rates travel as decimal strings ("37.50"); the score is exact to 0.01 (integer hundredths).
 * The completion rate of 交办事项 is shown beside the score for reference and is not weighted.
 */
export const RANKING_WEIGHTS = {
  signed: 40,
  funds: 40,
  bigProjects: 20,
} as const;
export const RANKING_RATE_CAP = 150;

/** Weights of the three rates, in percent (the office's setting for 季评比; RANKING_WEIGHTS by default). */
export interface RankingWeights {
  signed: number;
  funds: number;
  bigProjects: number;
}

/** How the ranking's rule is introduced wherever it is printed: the office's rule, not the plan's. */
export const RANKING_RULE_LABEL = '评分办法（市招商办制定）';
export const RANKING_RULE_LABEL_EN = 'Scoring rule (set by the investment promotion office)';

/**
 * 季评比's formula with the office's weights: the quarter's own results (本季实绩) against a
 * quarter's share of the annual target (a quarter of it), with the year to date beside it.
 */
export function quarterRankingFormula(w: RankingWeights): { zh: string; en: string } {
  return {
    zh:
      `得分 = 本季签约额完成率 × ${w.signed}% + 本季到位资金完成率 × ${w.funds}% + 本季亿元以上项目完成率 × ${w.bigProjects}%` +
      `（本季完成率为本季度实绩对年度目标四分之一的百分比，最高按${RANKING_RATE_CAP}%计；未定目标的项按0计）。` +
      '年度累计得分按同一权重以年度累计对年度目标计算，列于其旁供参考。交办事项完成率仅作参考列示，不计入得分。',
    en:
      `Score = the quarter's signed-amount completion × ${w.signed}% + funds-in-place completion × ${w.funds}% + big-project completion × ${w.bigProjects}%` +
      ` (each rate is the quarter's own result against a quarter of the annual target in percent, capped at ${RANKING_RATE_CAP}%; a rate without a target counts 0).` +
      ' The year-to-date score, with the same weights against the annual target, is shown beside it for reference. The completion rate of action items (交办事项) is shown for reference and not weighted.',
  };
}

export const RANKING_FORMULA = {
  zh: '得分 = 签约额完成率 × 40% + 到位资金完成率 × 40% + 亿元以上项目完成率 × 20%（各项完成率为年度累计对年度目标的百分比，最高按150%计；未定目标的项按0计）。交办事项完成率仅作参考列示，不计入得分。',
  en: 'Score = signed-amount completion × 40% + funds-in-place completion × 40% + big-project completion × 20% (each rate is the year to date against the annual target in percent, capped at 150%; a rate without a target counts 0). The completion rate of action items (交办事项) is shown for reference and not weighted.',
} as const;

export interface RankingInput {
  chainCode: string;
  /** Completion rates in percent as decimal strings, null when the chain has no such target. */
  signedRate: string | null;
  fundsRate: string | null;
  bigProjectRate: string | null;
}

export interface RankingRow extends RankingInput {
  /** Weighted score, two decimals. */
  score: string;
  /** 1-based; equal scores share a rank. */
  rank: number;
}

/** "37.5" → 3750 hundredths, rounded half up; null or unparsable → 0; capped. */
function hundredths(rate: string | null): number {
  if (rate === null || !/^-?\d+(\.\d+)?$/.test(rate)) return 0;
  if (rate.startsWith('-')) return 0;
  const [int, frac = ''] = rate.split('.');
  // Capped before the digits are read, so the integer stays small and exact.
  if (int.length > 4 || Number(int) >= RANKING_RATE_CAP)
    return RANKING_RATE_CAP * 100;
  const value =
    Number(int) * 100 +
    Number((frac + '00').slice(0, 2)) +
    (Number(frac[2] ?? '0') >= 5 ? 1 : 0);
  return Math.min(value, RANKING_RATE_CAP * 100);
}

function fromHundredths(value: number): string {
  const int = Math.floor(value / 100);
  const frac = String(value % 100).padStart(2, '0');
  return `${int}.${frac}`;
}

/** The score of one chain, two decimals. */
export function rankingScore(
  input: RankingInput,
  w: RankingWeights = RANKING_WEIGHTS,
): string {
  // Weights are percent: sum(rate × weight) / 100, kept in hundredths and rounded half up.
  // Integers throughout (at most 15000 × 100): exact, no floating point.
  const weighted =
    hundredths(input.signedRate) * w.signed +
    hundredths(input.fundsRate) * w.funds +
    hundredths(input.bigProjectRate) * w.bigProjects;
  return fromHundredths(Math.floor((weighted + 50) / 100));
}

/** The chains ranked by score, highest first; input order breaks ties. */
export function rankChains(
  inputs: RankingInput[],
  weights: RankingWeights = RANKING_WEIGHTS,
): RankingRow[] {
  const scored = inputs.map((input, index) => ({
    input,
    index,
    value: hundredths(rankingScore(input, weights)),
  }));
  scored.sort((a, b) =>
    a.value === b.value ? a.index - b.index : b.value - a.value,
  );
  let rank = 0;
  let previous: number | null = null;
  return scored.map((s, position) => {
    if (s.value !== previous) rank = position + 1;
    previous = s.value;
    return { ...s.input, score: rankingScore(s.input, weights), rank };
  });
}

/**
 * The chains that may be named as leading the ranking ("位列前3"): ranked within the first `n`
 * and with a score above zero. None when nothing was measured (every score 0, or no rows), so a
 * tie of zeros is never called a ranking.
 */
export function rankingLeaders<R extends Pick<RankingRow, 'score' | 'rank'>>(rows: R[], n = 3): R[] {
  return rows.filter((r) => r.rank <= n && hundredths(r.score) > 0);
}

/** Whether any chain scored: a ranking where every score is 0 ranks nothing. */
export function rankingMeasured(rows: Pick<RankingRow, 'score'>[]): boolean {
  return rows.some((r) => hundredths(r.score) > 0);
}
