import {
  WAN_INPUT_MESSAGES,
  formatWan,
  isCalendarDate,
  wanInputProblem,
} from '@crm/domain';
import type { Lang } from '@crm/web/core';
import { formatWanEn } from '@crm/web/ui';
import { problemText } from '../data-access/api-problems';

/** Why a typed amount (万元) or area (亩) is not acceptable, in the interface language, or ''. */
export function decimalError(value: string, lang: Lang, allowZero = false): string {
  const problem = wanInputProblem(value.trim(), { allowZero });
  return problem ? problemText(WAN_INPUT_MESSAGES[problem], lang) : '';
}

/** "= 5亿元" under an amount being typed, when it reads as one. */
export function amountPreview(value: string, lang: Lang): string {
  const trimmed = value.trim();
  if (!trimmed || wanInputProblem(trimmed, { allowZero: true })) return '';
  return lang === 'en' ? formatWanEn(trimmed) : formatWan(trimmed);
}

export function validDate(value: string): boolean {
  return isCalendarDate(value.trim());
}

/** Trimmed text, or null when blank (the API's optional fields). */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed ? trimmed : null;
}
