import { ApplicationRef, ChangeDetectionStrategy, Component } from '@angular/core';
import { ROLES, ROLE_LABELS } from '@crm/domain';
import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { I18nService, INITIAL_TEXTS, LANG_STORAGE_KEY, loadMessages } from './i18n.service';
import { NzLocaleSync } from './nz-locale-sync';
import { texts as shell } from './zh-CN/shell';
import { TranslatePipe } from './translate.pipe';
import { zhCN } from './zh-CN';

describe('I18nService', () => {
  describe('texts loaded in parts, as in the app (only the shell’s at first)', () => {
    beforeEach(() => {
      localStorage.clear();
      TestBed.configureTestingModule({
        providers: [{ provide: INITIAL_TEXTS, useValue: { messages: shell, complete: false } }],
      });
    });

    it('shows a feature’s texts once its part is loaded, and that part only', async () => {
      const i18n = TestBed.inject(I18nService);
      expect(i18n.t('signIn.submit')).toBe('登录');
      await i18n.load(['users']);
      expect(i18n.t('users.title')).toBe(zhCN['users.title']);
      expect(Object.keys(i18n.messages()).some((key) => key.startsWith('pipeline.'))).toBe(false);
    });

    it('switching language fetches the shell’s and the loaded features’ parts in the other', async () => {
      const i18n = TestBed.inject(I18nService);
      await i18n.load(['users']);
      await i18n.use('en');
      const en = await loadMessages('en');
      expect(i18n.t('app.title')).toBe(en['app.title']);
      expect(i18n.t('users.title')).toBe(en['users.title']);
      expect(Object.keys(i18n.messages()).some((key) => key.startsWith('plan.'))).toBe(false);
      // A feature opened afterwards loads in the language shown.
      await i18n.load(['plan']);
      expect(i18n.t('plan.nav.plans')).toBe(en['plan.nav.plans']);
    });

    it('a key of a part nobody loaded shows as the key, then its text once fetched', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const i18n = TestBed.inject(I18nService);
      expect(i18n.t('audit.title')).toBe('audit.title');
      expect(i18n.t('audit.title')).toBe('audit.title');
      await new Promise((resolve) => setTimeout(resolve, 0));
      await TestBed.inject(ApplicationRef).whenStable();
      expect(i18n.t('audit.title')).toBe(zhCN['audit.title']);
      // Said once in the console, for the developer who forgot the part in feature-texts.ts.
      expect(warn.mock.calls).toEqual([['Texts "audit" fetched late, for "audit.title" (zh-CN)']]);
      warn.mockRestore();
    });
  });

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  /** The service, with ng-zorro's texts following it as the shell has them. */
  function create(): I18nService {
    TestBed.inject(NzLocaleSync).start();
    return TestBed.inject(I18nService);
  }

  it('starts in Chinese when nothing is stored', () => {
    const i18n = create();
    expect(i18n.lang()).toBe('zh-CN');
    expect(i18n.t('app.title')).toBe('产业链招商管理平台');
    expect(TestBed.inject(NzI18nService).getLocale().locale).toBe('zh-cn');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('fills in placeholders', () => {
    const i18n = create();
    expect(
      i18n.t('chains.summary', {
        year: 2025,
        signed: '220亿元',
        funds: '100亿元',
      }),
    ).toBe('2025年全市目标：签约 220亿元，到位资金 100亿元');
  });

  it('switches to English, ng-zorro included, and remembers the choice', async () => {
    const i18n = create();
    await i18n.use('en');
    TestBed.tick();
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('app.title')).toBe('Industry-Chain Investment CRM');
    expect(TestBed.inject(NzI18nService).getLocale().locale).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
  });

  it('starts in the stored language once restored', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const i18n = create();
    await i18n.restore();
    TestBed.tick();
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('app.title')).toBe('Industry-Chain Investment CRM');
    expect(TestBed.inject(NzI18nService).getLocale().locale).toBe('en');
  });

  it('ignores a stored value that is not a language', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    const i18n = create();
    await i18n.restore();
    expect(i18n.lang()).toBe('zh-CN');
  });

  it('keeps working when storage is blocked', async () => {
    const getItem = jest
      .spyOn(Storage.prototype, 'getItem')
      .mockImplementation(() => {
        throw new Error('SecurityError');
      });
    const setItem = jest
      .spyOn(Storage.prototype, 'setItem')
      .mockImplementation(() => {
        throw new Error('SecurityError');
      });
    const i18n = create();
    await i18n.restore();
    expect(i18n.lang()).toBe('zh-CN');
    await i18n.use('en');
    expect(i18n.lang()).toBe('en');
    getItem.mockRestore();
    setItem.mockRestore();
  });

  it('names the roles in Chinese exactly as libs/domain does', () => {
    for (const role of ROLES) {
      expect(zhCN[`role.${role}`]).toBe(ROLE_LABELS[role]);
    }
  });

  it('has a non-empty text for every key in both languages', async () => {
    const en = await loadMessages('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const messages of [zhCN, en]) {
      for (const text of Object.values(messages)) {
        expect(text.trim()).not.toBe('');
      }
    }
  });
});

@Component({
  selector: 'crm-host',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>{{ 'app.title' | t }}</h1>`,
})
class Host {}

describe('TranslatePipe', () => {
  beforeEach(() => localStorage.clear());

  it('re-renders an OnPush view when the language changes', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const h1 = (fixture.nativeElement as HTMLElement).querySelector('h1');
    expect(h1?.textContent).toBe('产业链招商管理平台');

    await TestBed.inject(I18nService).use('en');
    await fixture.whenStable();
    expect(h1?.textContent).toBe('Industry-Chain Investment CRM');
  });
});
