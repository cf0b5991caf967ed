import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  ApartmentOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
} from '@ant-design/icons-angular/icons';
import { I18nService, provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { App } from './app';
import { appRoutes } from './app.routes';

describe('the shell', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18n(),
        provideNzIcons([ApartmentOutline, MenuFoldOutline, MenuUnfoldOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('opens on the chain overview, in Chinese', async () => {
    const harness = await RouterTestingHarness.create('/');
    expect(TestBed.inject(Router).url).toBe('/chains');
    backend.expectOne('/api/chains').flush([]);
    await harness.fixture.whenStable();

    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.brand-title')?.textContent).toBe(
      '产业链招商管理平台',
    );
    expect(page.querySelector('[nz-menu-item]')?.textContent?.trim()).toBe(
      '产业链总览',
    );
    expect(page.querySelector('crm-chain-overview-page')).not.toBeNull();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches the whole interface to English from the header', async () => {
    const harness = await RouterTestingHarness.create('/chains');
    backend.expectOne('/api/chains').flush([]);
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;

    const english = [
      ...page.querySelectorAll<HTMLElement>('.lang-switch label'),
    ].find((label) => label.textContent?.trim() === 'English');
    english?.click();
    await harness.fixture.whenStable();

    expect(TestBed.inject(I18nService).lang()).toBe('en');
    expect(page.querySelector('.brand-title')?.textContent).toBe(
      'Industry-Chain Investment CRM',
    );
    expect(page.querySelector('h1')?.textContent?.trim()).toBe(
      'The "5+2" industry-chain task forces',
    );
  });

  it('names the browser tab after the product, in the current language', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe('产业链招商管理平台');

    TestBed.inject(I18nService).use('en');
    await fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe(
      'Industry-Chain Investment CRM',
    );
  });

  it('sends unknown addresses to the chain overview', async () => {
    await RouterTestingHarness.create('/no/such/page');
    expect(TestBed.inject(Router).url).toBe('/chains');
    backend.expectOne('/api/chains').flush([]);
  });
});
