import {
  DOCUMENT,
  Injectable,
  PendingTasks,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  NzI18nInterface,
  NzI18nService,
  en_US,
  zh_CN,
} from 'ng-zorro-antd/i18n';
import { DEFAULT_LANG, Lang, isLang } from './lang';
import type { Messages, MessageKey } from './zh-CN';
import { INITIAL_ZH_CN } from './zh-CN-initial';
import { zhCNShell } from './zh-CN-shell';

/** localStorage key of the chosen interface language. */
export const LANG_STORAGE_KEY = 'crm.lang';

export type MessageParams = Record<string, string | number>;

/**
 * Each language's complete texts, fetched when needed. Chinese starts with the sign-in page's and
 * the shell's texts (zh-CN-shell.ts, in the initial download); the pages' (zh-CN-pages.ts) come
 * with the shell. English is one chunk of its own, fetched only when chosen.
 */
const LOADERS: Record<Lang, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-CN-pages').then((m) => ({ ...zhCNShell, ...m.zhCNPages })),
  en: () => import('./en').then((m) => m.en),
};

/**
 * A language's complete texts. The only way in to them: nothing imports './en' or './zh-CN-pages'
 * statically (not even the library's index), so neither joins the initial download.
 */
export function loadMessages(lang: Lang): Promise<Messages> {
  return LOADERS[lang]();
}
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
  private readonly pendingTasks = inject(PendingTasks);
  /** Each language's texts so far: complete once loaded, but Chinese starts with the shell's only. */
  private readonly loaded = signal<Partial<Record<Lang, Partial<Messages>>>>({
    'zh-CN': INITIAL_ZH_CN.messages,
  });
  private readonly complete = new Set<Lang>(INITIAL_ZH_CN.complete ? ['zh-CN'] : []);
  /** Set by ensureComplete (the shell): from then on a language is only shown with all its texts. */
  private wantComplete = false;
  private readonly current = signal<Lang>(DEFAULT_LANG);

  readonly lang = this.current.asReadonly();
  readonly messages = computed(() => this.loaded()[this.current()] ?? INITIAL_ZH_CN.messages);

  constructor() {
    this.apply(this.current());
  }

  /**
   * Applies the language stored in this browser; resolves once its texts are loaded. Run before
   * the first render (provideI18n), so a returning English user never sees Chinese flash by.
   */
  async restore(): Promise<void> {
    const stored = this.readStoredLang();
    if (stored !== this.current()) await this.switchTo(stored);
  }

  /** Switches the interface language and remembers it in this browser. */
  async use(lang: Lang): Promise<void> {
    if (lang === this.current()) {
      return;
    }
    await this.switchTo(lang);
    try {
      this.document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled by policy on office machines; the choice then lasts for the visit.
    }
  }

  /**
   * Loads every text of the current language (and of any chosen later); the shell's route waits for
   * it, so no signed-in page shows a key instead of its text. The sign-in page needs none of it.
   */
  async ensureComplete(): Promise<void> {
    this.wantComplete = true;
    await this.switchTo(this.current());
  }

  private async switchTo(lang: Lang): Promise<void> {
    const needed = lang === 'zh-CN' ? this.wantComplete : true;
    if (needed && !this.complete.has(lang)) {
      // A pending task: the app is not stable (tests, whenStable) until the texts are in.
      const done = this.pendingTasks.add();
      try {
        const messages = await loadMessages(lang);
        this.loaded.update((all) => ({ ...all, [lang]: messages }));
        this.complete.add(lang);
      } catch {
        // Offline or a failed chunk: stay in the language that works.
        return;
      } finally {
        done();
      }
    }
    this.current.set(lang);
    this.apply(lang);
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
