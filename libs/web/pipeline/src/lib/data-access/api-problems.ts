import { HttpErrorResponse } from '@angular/common/http';
import type { RuleProblem } from '@crm/domain';
import { apiFieldErrors, httpStatus, type Lang } from '@crm/web/core';

/** A rule's problem in the interface language. */
export function problemText(problem: Pick<RuleProblem, 'zh' | 'en'>, lang: Lang): string {
  return lang === 'en' ? problem.en : problem.zh;
}

/**
 * The problems of a refused or invalid request (422 RuleRefusalBody, 400 field tree) by field,
 * in the interface language: `{ signedAmount: '请填写签约金额（万元）' }`. Several problems of one
 * field are joined.
 */
export function fieldProblems(error: unknown, lang: Lang): Record<string, string> {
  const body = error instanceof HttpErrorResponse ? (error.error as unknown) : null;
  const missing =
    typeof body === 'object' && body !== null
      ? (body as { missing?: unknown }).missing
      : undefined;
  if (Array.isArray(missing)) {
    const result: Record<string, string> = {};
    for (const item of missing as RuleProblem[]) {
      if (typeof item?.field !== 'string') continue;
      const text = problemText(item, lang);
      result[item.field] = result[item.field] ? `${result[item.field]}；${text}` : text;
    }
    return result;
  }
  return apiFieldErrors(error, lang);
}

/** 409 with the record as it is now: someone else saved first. */
export function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404;
}
