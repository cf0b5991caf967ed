import { registerLocaleData } from '@angular/common';
import localeZh from '@angular/common/locales/zh';
import {
  EnvironmentProviders,
  LOCALE_ID,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { I18nService } from './i18n.service';

/**
 * zh-CN is the default for Angular's and ng-zorro's locales alike (ng-zorro's without NZ_I18N;
 * the shell makes it follow the interface language: NzLocaleSync). Angular's LOCALE_ID is fixed
 * at start-up (the language stored last time); code that formats dates or numbers after a switch
 * passes `I18nService.lang()` to the pipe explicitly.
 */
export function provideI18n(): EnvironmentProviders {
  registerLocaleData(localeZh, 'zh-CN');
  return makeEnvironmentProviders([
    { provide: LOCALE_ID, useFactory: () => inject(I18nService).lang() },
    // Load and apply the stored language (<html lang>) before the first render.
    provideAppInitializer(() => inject(I18nService).restore()),
  ]);
}
