import { HttpErrorResponse } from '@angular/common/http';
import type { I18nService } from '../i18n/i18n.service';
import type { Lang } from '../i18n/lang';

/** `用户名或密码不正确 / Wrong username or password（还可尝试 3 次 / 3 attempts left）` */
const WITH_NOTE = /^(.+?)（([^（）]+ \/ [^（）]+)）$/;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;

/**
 * The API writes each message in both languages, `中文 / English`, whatever Accept-Language says;
 * this keeps the part for the interface language. A message in one language only is kept whole.
 */
export function pickLanguage(message: string, lang: Lang): string {
  const note = WITH_NOTE.exec(message);
  if (note) {
    const head = pickLanguage(note[1], lang);
    const tail = pickLanguage(note[2], lang);
    return lang === 'en' ? `${head} (${tail})` : `${head}（${tail}）`;
  }
  const parts = message.split(' / ');
  if (parts.length < 2) {
    return message.trim();
  }
  if (lang !== 'en') {
    return parts[0].trim();
  }
  // The English half names instants in UTC ISO form; users read local time.
  return parts
    .slice(1)
    .join(' / ')
    .trim()
    .replace(ISO_INSTANT, (iso) =>
      new Date(iso).toLocaleString('en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    );
}

function body(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof HttpErrorResponse)) {
    return null;
  }
  const value: unknown = error.error;
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * What went wrong, for the user, in the interface language: the API's own message when it sent
 * one, else a plain description of the failure (network down, server error, …).
 */
export function apiErrorText(error: unknown, i18n: I18nService): string {
  const lang = i18n.lang();
  const message = body(error)?.['message'];
  if (typeof message === 'string' && message.trim()) {
    return pickLanguage(message, lang);
  }
  if (Array.isArray(message) && typeof message[0] === 'string') {
    return pickLanguage(message[0], lang);
  }
  if (!(error instanceof HttpErrorResponse)) {
    return i18n.t('error.unknown');
  }
  if (error.status === 0) {
    return i18n.t('error.network');
  }
  if (error.status === 429) {
    return i18n.t('error.tooMany');
  }
  if (error.status === 403) {
    return i18n.t('error.forbidden');
  }
  if (error.status >= 500) {
    return i18n.t('error.server');
  }
  return i18n.t('error.unknown');
}

/** The API's field errors (`errors: { field: [messages] }`), first message per field. */
export function apiFieldErrors(
  error: unknown,
  lang: Lang,
): Record<string, string> {
  const errors = body(error)?.['errors'];
  const result: Record<string, string> = {};
  if (typeof errors !== 'object' || errors === null) {
    return result;
  }
  for (const [field, messages] of Object.entries(errors)) {
    if (Array.isArray(messages) && typeof messages[0] === 'string') {
      result[field] = pickLanguage(messages[0], lang);
    }
  }
  return result;
}

/** The HTTP status of a failed call, 0 when it never reached the server or was not a call. */
export function httpStatus(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : 0;
}

/** 409: someone else saved the record first; nothing of this edit was written. */
export function isStale(error: unknown): boolean {
  return httpStatus(error) === 409;
}

/** 409 `{ current }`: someone else saved first; the record as it is now, if the API sent it. */
export function staleCurrent<T>(error: unknown): T | null {
  if (!isStale(error) || !(error instanceof HttpErrorResponse)) return null;
  const body = error.error as { current?: T } | null;
  return body?.current ?? null;
}
