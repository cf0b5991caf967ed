import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterOutlet } from '@angular/router';
import { I18nService } from '@crm/web/core';

@Component({
  selector: 'crm-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  constructor() {
    const i18n = inject(I18nService);
    const title = inject(Title);
    effect(() => title.setTitle(i18n.t('app.title')));
  }
}
