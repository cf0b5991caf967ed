import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  effect,
  inject,
} from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { I18nService } from '@crm/web/core';
import { startAriaRepairs } from './aria-repairs';

/** The page's title is set by PageTitleStrategy (app.config.ts), per route and language. */
@Component({
  selector: 'crm-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  constructor() {
    const i18n = inject(I18nService);
    const repairs = startAriaRepairs(inject(DOCUMENT), {
      passwordToggle: () => i18n.t('layout.passwordToggle'),
    });
    inject(DestroyRef).onDestroy(repairs.stop);
    effect(() => {
      i18n.lang();
      repairs.refresh();
    });
  }
}
