import {
  ACTIVITY_KIND_LABELS,
  AGREEMENT_KIND_LABELS,
  EVALUATION_CONCLUSION_LABELS,
  EVALUATION_DIMENSION_LABELS,
  EVALUATION_RATING_LABELS,
  PROJECT_STATUS_LABELS,
  SOURCE_CHANNEL_LABELS,
  STAGE_LABELS,
} from '@crm/domain';
import { loadMessages, type MessageKey, type Messages } from '@crm/web/core';
import {
  activityKindKey,
  agreementKindKey,
  channelKey,
  conclusionKey,
  dimensionKey,
  ratingKey,
  stageKey,
  statusKey,
} from './labels';

/** The Chinese words of the pipeline are libs/domain's, written once more for the i18n files. */
describe('pipeline labels', () => {
  const cases: [string, Record<string, string>, (value: never) => MessageKey][] = [
    ['stages', STAGE_LABELS, stageKey],
    ['statuses', PROJECT_STATUS_LABELS, statusKey],
    ['channels', SOURCE_CHANNEL_LABELS, channelKey],
    ['activity kinds', ACTIVITY_KIND_LABELS, activityKindKey],
    ['dimensions', EVALUATION_DIMENSION_LABELS, dimensionKey],
    ['ratings', EVALUATION_RATING_LABELS, ratingKey],
    ['conclusions', EVALUATION_CONCLUSION_LABELS, conclusionKey],
    ['agreement kinds', AGREEMENT_KIND_LABELS, agreementKindKey],
  ];

  let zhCN: Messages;
  let en: Messages;
  beforeAll(async () => {
    zhCN = await loadMessages('zh-CN');
    en = await loadMessages('en');
  });

  it.each(cases)('names the %s in Chinese exactly as libs/domain does, and in English too', (_, labels, key) => {
    for (const [value, label] of Object.entries(labels)) {
      expect(zhCN[key(value as never)]).toBe(label);
      expect(en[key(value as never)]).toBeTruthy();
    }
  });
});
