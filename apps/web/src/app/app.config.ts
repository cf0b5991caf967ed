import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withInMemoryScrolling,
  withPreloading,
} from '@angular/router';
import {
  ApartmentOutline,
  BellOutline,
  ClusterOutline,
  CloudUploadOutline,
  FileTextOutline,
  FormOutline,
  DashboardOutline,
  DatabaseOutline,
  DownOutline,
  FileSearchOutline,
  FlagOutline,
  GlobalOutline,
  KeyOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
  ProjectOutline,
  ScheduleOutline,
  TeamOutline,
  UserOutline,
} from '@ant-design/icons-angular/icons';
import { provideApiHttp, provideI18n, provideSessionHint } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { appRoutes } from './app.routes';
import { PreloadAfterSignIn } from './preload-after-sign-in';
import { PageTitleStrategy } from './page-title';
import { provideUiText } from './ui-text';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      // While the sign-in page is open, fetch the shell and the page that follows it.
      withPreloading(PreloadAfterSignIn),
    ),
    { provide: TitleStrategy, useExisting: PageTitleStrategy },
    provideApiHttp(),
    // A browser without the session's CSRF cookie goes to sign in without asking the API first.
    provideSessionHint(),
    provideI18n(),
    provideUiText(),
    // Only the shell's icons; each feature patches in its own (see its routes.ts).
    provideNzIcons([
      ApartmentOutline,
      BellOutline,
      ClusterOutline,
      CloudUploadOutline,
      FileTextOutline,
      FormOutline,
      DashboardOutline,
      DatabaseOutline,
      DownOutline,
      FileSearchOutline,
      FlagOutline,
      GlobalOutline,
      KeyOutline,
      LogoutOutline,
      MenuFoldOutline,
      MenuUnfoldOutline,
      ProjectOutline,
      ScheduleOutline,
      TeamOutline,
      UserOutline,
    ]),
  ],
};
