import { inject } from '@angular/core';
import { I18nService, type TextPart } from '@crm/web/core';

/**
 * The texts each feature library shows, by part (libs/web/core/src/lib/i18n/text-parts.ts): its
 * own and those of the libraries it renders (the cockpit shows pipeline stages, the meetings the
 * cockpit's figures…). A feature's route fetches them with its code (issue 19 §1), in the language
 * shown. feature-texts.spec.ts reads each library and the libraries it imports, and fails when a
 * part is missing here or named without need.
 */
export const FEATURE_TEXTS = {
  '@crm/web/audit': ['audit'],
  '@crm/web/auth': [],
  '@crm/web/chain-map': [],
  '@crm/web/chains': ['chains', 'pipeline'],
  '@crm/web/cockpit': ['cockpit', 'guarantees', 'investors', 'pipeline', 'sectorGrowth', 'yoy'],
  '@crm/web/events': [],
  '@crm/web/guarantees': ['guarantees'],
  '@crm/web/ledger-io': ['ledger'],
  '@crm/web/meetings': ['cockpit', 'guarantees', 'investors', 'meetingPack', 'meetings', 'pipeline', 'sectorGrowth', 'yoy'],
  '@crm/web/pipeline': ['chains', 'cockpit', 'guarantees', 'investors', 'ledger', 'pipeline', 'preReview'],
  '@crm/web/plan': ['pipeline', 'plan'],
  '@crm/web/reporting': ['cockpit', 'guarantees', 'investors', 'pipeline', 'reporting', 'sectorGrowth', 'yoy'],
  '@crm/web/users': ['users'],
} as const satisfies Record<string, readonly TextPart[]>;

export type Feature = keyof typeof FEATURE_TEXTS;

/**
 * A lazy route's `loadChildren`: the feature's code and its texts, fetched together; the page
 * opens when both are in (a failed text part leaves its keys to I18nService's late fetch).
 */
export function withTexts<T>(feature: Feature, load: () => Promise<T>): () => Promise<T> {
  return () => {
    const texts = inject(I18nService).load(FEATURE_TEXTS[feature]);
    return Promise.all([load(), texts]).then(([loaded]) => loaded);
  };
}
