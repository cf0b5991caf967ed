import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
// After the test environment: @angular/common needs the compiler it sets up.
import { registerLocaleData } from '@angular/common';
import localeZh from '@angular/common/locales/zh';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// Dates in pickers are formatted with the app's locale (provideI18n registers it in the app).
registerLocaleData(localeZh, 'zh-CN');
