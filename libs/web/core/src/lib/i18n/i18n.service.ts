import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import {
  NzI18nInterface,
  NzI18nService,
  en_US,
  zh_CN,
} from 'ng-zorro-antd/i18n';
import { en } from './en';
import { DEFAULT_LANG, Lang, isLang } from './lang';
import { Messages, MessageKey, zhCN } from './zh-CN';

/** localStorage key of the chosen interface language. */
export const LANG_STORAGE_KEY = 'crm.lang';

export type MessageParams = Record<string, string | number>;

const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const NZ_LOCALES: Record<Lang, NzI18nInterface> = {
  'zh-CN': zh_CN,
  en: en_US,
};

/**
 * The interface language as a signal. Templates that read it (through `t` or the `t` pipe)
 * re-render when it changes; ng-zorro's own texts (empty states, pagination …) follow it too.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly nzI18n = inject(NzI18nService);
  private readonly current = signal<Lang>(this.readStoredLang());

  readonly lang = this.current.asReadonly();
  readonly messages = computed(() => MESSAGES[this.current()]);

  constructor() {
    this.apply(this.current());
  }

  /** Switches the interface language and remembers it in this browser. */
  use(lang: Lang): void {
    if (lang === this.current()) {
      return;
    }
    this.current.set(lang);
    this.apply(lang);
    try {
      this.document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled by policy on office machines; the choice then lasts for the visit.
    }
  }

  /** The text for `key` in the current language, with `{name}` placeholders filled in. */
  readonly t = (key: MessageKey, params?: MessageParams): string => {
    const text = this.messages()[key] ?? key;
    return params ? interpolate(text, params) : text;
  };

  private apply(lang: Lang): void {
    this.nzI18n.setLocale(NZ_LOCALES[lang]);
    this.document.documentElement.lang = lang;
  }

  private readStoredLang(): Lang {
    try {
      const stored =
        this.document.defaultView?.localStorage.getItem(LANG_STORAGE_KEY);
      return isLang(stored) ? stored : DEFAULT_LANG;
    } catch {
      return DEFAULT_LANG;
    }
  }
}

function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
