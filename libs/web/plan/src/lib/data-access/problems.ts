import { HttpErrorResponse } from '@angular/common/http';
import { I18nService, apiErrorText, pickLanguage } from '@crm/web/core';

/**
 * Every message of a refusal (`422 {message, errors: {field: [messages]}}`), in the interface
 * language: what publishing still misses, one line each. Falls back to the API's message.
 */
export function problemList(error: unknown, i18n: I18nService): string[] {
  const body: unknown = error instanceof HttpErrorResponse ? error.error : null;
  const errors =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['errors'] : null;
  const lines: string[] = [];
  if (typeof errors === 'object' && errors !== null) {
    for (const messages of Object.values(errors)) {
      const list: unknown[] = Array.isArray(messages) ? messages : [messages];
      for (const message of list) {
        if (typeof message === 'string' && message.trim()) {
          lines.push(pickLanguage(message, i18n.lang()));
        }
      }
    }
  }
  return lines.length ? lines : [apiErrorText(error, i18n)];
}
