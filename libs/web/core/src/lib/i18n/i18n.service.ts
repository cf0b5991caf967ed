import {
  DOCUMENT,
  Injectable,
  InjectionToken,
  PendingTasks,
  computed,
  inject,
  signal,
} from '@angular/core';
import { DEFAULT_LANG, Lang, isLang } from './lang';
import { TEXT_PARTS, type TextPart, loadTextPart, textPartOf } from './text-parts';
import type { Messages, MessageKey } from './zh-CN';
import { INITIAL_ZH_CN } from './zh-CN-initial';

/** localStorage key of the chosen interface language. */
export const LANG_STORAGE_KEY = 'crm.lang';

export type MessageParams = Record<string, string | number>;

/**
 * A language's complete texts: every part, fetched. For tests and checks; the app loads the
 * parts it needs (I18nService.load), never all of them.
 */
export async function loadMessages(lang: Lang): Promise<Messages> {
  const parts = await Promise.all((['shell', ...TEXT_PARTS] as const).map((part) => loadTextPart(lang, part)));
  return Object.assign({}, ...parts) as Messages;
}

type Part = TextPart | 'shell';

/** The texts the app starts with (the shell's Chinese; every text in component tests). */
export const INITIAL_TEXTS = new InjectionToken<{ messages: Partial<Messages>; complete: boolean }>(
  'INITIAL_TEXTS',
  { providedIn: 'root', factory: () => INITIAL_ZH_CN },
);

/**
 * The interface language as a signal. Templates that read it (through `t` or the `t` pipe)
 * re-render when it changes; ng-zorro's own texts (empty states, pagination …) follow it in the
 * shell (NzLocaleSync: ng-zorro's i18n stays out of the initial download).
 *
 * Texts load in parts (text-parts.ts): Chinese starts with the shell's; each feature's route loads
 * its parts with its code (`load`); a switch of language fetches the same parts in the other one.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly initial = inject(INITIAL_TEXTS);
  /** Each language's texts so far. */
  private readonly loaded = signal<Record<Lang, Partial<Messages>>>({
    'zh-CN': this.initial.messages,
    en: {},
  });
  /** The parts each language has, and those being fetched. */
  private readonly have: Record<Lang, Set<Part>> = {
    'zh-CN': new Set<Part>(this.initial.complete ? ['shell', ...TEXT_PARTS] : ['shell']),
    en: new Set<Part>(),
  };
  private readonly fetching = new Map<string, Promise<boolean>>();
  /** Parts some page has needed: a switch of language fetches them in the new one. */
  private readonly wanted = new Set<TextPart>(this.initial.complete ? TEXT_PARTS : []);
  /** Parts fetched late for a key shown (fetchLate): asked once, not on every render. */
  private readonly late = new Set<string>();
  private readonly current = signal<Lang>(DEFAULT_LANG);

  readonly lang = this.current.asReadonly();
  readonly messages = computed(() => this.loaded()[this.current()]);

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
   * Loads a feature's texts in the current language (and in any chosen later); a feature's route
   * waits for it with its code (apps/web/src/app/feature-texts.ts), so no page shows a key.
   */
  async load(parts: readonly TextPart[]): Promise<void> {
    for (const part of parts) this.wanted.add(part);
    await this.fetch(this.current(), parts);
  }

  private async switchTo(lang: Lang): Promise<void> {
    // Offline or a failed chunk: stay in the language that works.
    if (!(await this.fetch(lang, ['shell', ...this.wanted]))) return;
    this.current.set(lang);
    this.apply(lang);
  }

  /** Fetches the parts `lang` lacks, together; true once all are in. */
  private async fetch(lang: Lang, parts: readonly Part[]): Promise<boolean> {
    const missing = parts.filter((part) => !this.have[lang].has(part));
    if (!missing.length) return true;
    // A pending task: the app is not stable (tests, whenStable) until the texts are in.
    const done = this.pendingTasks.add();
    try {
      const results = await Promise.all(missing.map((part) => this.fetchPart(lang, part)));
      return results.every(Boolean);
    } finally {
      done();
    }
  }

  private fetchPart(lang: Lang, part: Part): Promise<boolean> {
    const id = `${lang}:${part}`;
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = loadTextPart(lang, part).then(
        (texts) => {
          this.loaded.update((all) => ({ ...all, [lang]: { ...all[lang], ...texts } }));
          this.have[lang].add(part);
          return true;
        },
        () => false,
      );
      pending.finally(() => this.fetching.delete(id));
      this.fetching.set(id, pending);
    }
    return pending;
  }

  /**
   * A key whose part is not loaded (a feature that forgot to name it in feature-texts.ts): fetch
   * it, once, and show the text as soon as it is in. The spec of feature-texts.ts keeps this rare.
   */
  private fetchLate(key: string): void {
    const part = textPartOf(key);
    const lang = this.current();
    const id = `${lang}:${part}`;
    if (!part || this.have[lang].has(part) || this.late.has(id)) return;
    this.late.add(id);
    // Said in the console: the feature's route should have named the part (feature-texts.ts).
    console.warn(`Texts "${part}" fetched late, for "${key}" (${lang})`);
    // Not while rendering: a signal may not be written from a template.
    queueMicrotask(() => void this.load([part]));
  }

  /** The text for `key` in the current language, with `{name}` placeholders filled in. */
  readonly t = (key: MessageKey, params?: MessageParams): string => {
    const found = this.messages()[key];
    if (found === undefined) this.fetchLate(key);
    const text = found ?? key;
    return params ? interpolate(text, params) : text;
  };

  private apply(lang: Lang): void {
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
