import { Injectable, Injector, effect, inject } from '@angular/core';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { I18nService } from './i18n.service';

/**
 * ng-zorro's own texts (empty states, pagination, date pickers …) in the interface language.
 * Started by the shell, not at start-up: ng-zorro's i18n brings its date library (~70 KB before
 * compression), and the sign-in page shows no ng-zorro text. Until started, ng-zorro speaks
 * Chinese, its default.
 */
@Injectable({ providedIn: 'root' })
export class NzLocaleSync {
  private readonly i18n = inject(I18nService);
  private readonly nzI18n = inject(NzI18nService);
  private readonly injector = inject(Injector);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    // The root injector's effect: it lasts as long as the app, not as the component that starts it.
    effect(() => this.nzI18n.setLocale(this.i18n.lang() === 'en' ? en_US : zh_CN), {
      injector: this.injector,
    });
  }
}
