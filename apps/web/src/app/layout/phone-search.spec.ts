import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import * as icons from '@ant-design/icons-angular/icons';
import { AuthService, provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { of } from 'rxjs';
import { BasicLayout } from './basic-layout';

/** Stands for the lazily loaded global search box (libs/web/events has its own tests). */
@Component({ selector: 'crm-search-stand-in', template: '<input aria-label="搜索内容" />' })
class SearchStandIn {}

/**
 * The global search on a phone (390 px): a 搜索 button in the header opens the box full width under
 * it, with the cursor in it; Escape or 关闭搜索 closes it and gives the focus back to the button. On a
 * desktop the box sits in the header and there is no button.
 */
describe('the shell’s search on a phone', () => {
  let backend: HttpTestingController;

  async function render(narrow: boolean) {
    localStorage.clear();
    // Never idle: the bell and the real search box are not loaded here.
    window.requestIdleCallback = () => 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18n(),
        provideNzIcons(Object.values(icons)),
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: narrow, breakpoints: {} }) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush({
      id: '0e6f4a3b-5c2d-4e1f-8a9b-7c6d5e4f3a2b',
      username: 'liming',
      displayName: '李明',
      roles: ['office'],
      unit: null,
      person: null,
      chainCodes: [],
      editableChainCodes: [],
      mustChangePassword: false,
    });
    await loaded;
    const fixture = TestBed.createComponent(BasicLayout);
    (fixture.componentInstance as unknown as { searchBox: { set(c: Type<unknown>): void } }).searchBox.set(SearchStandIn);
    fixture.detectChanges();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    return { fixture, page, settle };
  }

  afterEach(() => backend.verify());

  it('opens full width from the header’s 搜索 button, the cursor in the box, and closes with Escape', async () => {
    const { page, settle } = await render(true);
    const trigger = page.querySelector<HTMLButtonElement>('.app-header button.search-trigger');
    expect(trigger?.getAttribute('aria-label')).toBe('搜索');
    expect(trigger?.getAttribute('aria-expanded')).toBe('false');
    expect(page.querySelector('.app-header .global-search')).toBeNull();
    expect(page.querySelector('.phone-search')).toBeNull();

    trigger?.click();
    await settle();
    const bar = page.querySelector('.phone-search');
    expect(bar?.getAttribute('role')).toBe('search');
    expect(trigger?.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(bar?.querySelector('input'));
    expect(bar?.querySelector('button.search-close')?.getAttribute('aria-label')).toBe('关闭搜索');

    bar?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(page.querySelector('.phone-search')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('closes from its own button, and the header button toggles it', async () => {
    const { page, settle } = await render(true);
    const trigger = page.querySelector<HTMLButtonElement>('button.search-trigger');
    trigger?.click();
    await settle();
    page.querySelector<HTMLButtonElement>('.phone-search button.search-close')?.click();
    await settle();
    expect(page.querySelector('.phone-search')).toBeNull();
    trigger?.click();
    await settle();
    trigger?.click();
    await settle();
    expect(page.querySelector('.phone-search')).toBeNull();
  });

  it('on a desktop the box is in the header, with no button', async () => {
    const { page } = await render(false);
    expect(page.querySelector('.app-header .global-search crm-search-stand-in')).not.toBeNull();
    expect(page.querySelector('button.search-trigger')).toBeNull();
  });
});
