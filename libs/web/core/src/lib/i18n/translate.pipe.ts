import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, MessageParams } from './i18n.service';
import { MessageKey } from './zh-CN';

/**
 * `{{ 'chains.keyTasks' | t }}`. Impure on purpose: a pure pipe would cache the first
 * language's text; this one re-reads the language signal, which is a map lookup.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}
