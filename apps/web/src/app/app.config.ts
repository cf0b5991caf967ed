import {
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withInMemoryScrolling } from '@angular/router';
import {
  ApartmentOutline,
  GlobalOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
} from '@ant-design/icons-angular/icons';
import { languageInterceptor, provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideHttpClient(withFetch(), withInterceptors([languageInterceptor])),
    provideI18n(),
    // Only the shell's icons; each feature patches in its own (see its routes.ts).
    provideNzIcons([
      ApartmentOutline,
      GlobalOutline,
      MenuFoldOutline,
      MenuUnfoldOutline,
    ]),
  ],
};
