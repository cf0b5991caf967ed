import { Provider, inject } from '@angular/core';
import { I18nService, apiErrorText } from '@crm/web/core';
import { UI_TEXT, UiText, UiTextKey } from '@crm/web/ui/text';

/** The shared pieces (load state, unsaved-changes question) speak the interface language. */
export function provideUiText(): Provider {
  return {
    provide: UI_TEXT,
    useFactory: (): UiText => {
      const i18n = inject(I18nService);
      return {
        // Every UiTextKey is a key of the i18n files: a missing one fails to compile here.
        t: (key: UiTextKey) => i18n.t(key),
        describe: (error) => apiErrorText(error, i18n),
      };
    },
  };
}
