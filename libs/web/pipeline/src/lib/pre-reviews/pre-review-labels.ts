import type { PreReviewAnswer, PreReviewStatus } from '@crm/domain';
import type { MessageKey } from '@crm/web/core';

/* The i18n key of each 预审 word: `{{ answerKey(a) | t }}`. */
export const answerKey = (a: PreReviewAnswer): MessageKey => `preReview.answer.${a}`;
export const preReviewStatusKey = (s: PreReviewStatus): MessageKey => `preReview.status.${s}`;

export const ANSWER_COLORS: Record<PreReviewAnswer, string> = {
  agree: 'green',
  conditional: 'gold',
  disagree: 'red',
};

export const STATUS_COLORS: Record<PreReviewStatus, string> = {
  pending: 'blue',
  answered: 'default',
  withdrawn: 'default',
};
