import type { PlanMissingView } from './plan.contract';

/** The editor of a year's plan in the web (the office enters and publishes it there). */
export function planEditorLink(year: number): string {
  return `/plan/${year}`;
}

/**
 * What a page or export says instead of figures when the year's plan is not published: none (no
 * plan at all) or draft (written, not yet published). One text for the API, exports and areas that
 * cannot read the plan area themselves.
 */
export function planMissingView(year: number, state: 'none' | 'draft'): PlanMissingView {
  return {
    year,
    planStatus: state,
    message:
      state === 'none'
        ? `${year}年度工作方案尚未录入，无法对照目标计算完成情况。请领导小组办公室在“年度工作方案”中录入并发布。 / ` +
          `No plan has been entered for ${year}: figures cannot be measured against targets. The office enters and publishes it under 年度工作方案.`
        : `${year}年度工作方案尚未发布（草稿），目标暂不生效。请领导小组办公室核对后发布。 / ` +
          `The ${year} plan is still a draft: its targets take effect once the office publishes it.`,
  };
}
