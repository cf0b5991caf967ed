import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService, MessageKey } from '@crm/web/core';

/**
 * The browser tab names the page: "领导驾驶舱 - 产业链招商管理平台". Each route's `title` is a
 * message key (the deepest route that has one names the page); the tab follows the interface
 * language, also when it is switched on an open page. A route without a title shows the app's name.
 */
@Injectable({ providedIn: 'root' })
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly page = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const app = this.i18n.t('app.title');
      const page = this.page();
      const name = page ? this.i18n.t(page as MessageKey) : undefined;
      this.title.setTitle(name ? `${name} - ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.page.set(this.buildTitle(snapshot));
  }
}
