import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Route } from '@angular/router';
import {
  ArrowLeftOutline,
  PrinterOutline,
  ReloadOutline,
  SettingOutline,
} from '@ant-design/icons-angular/icons';
import type { CurrentUserView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NGX_ECHARTS_CONFIG } from 'ngx-echarts';

/** Visible text, one space between text nodes. */
export const text = (element: Element | null | undefined): string => {
  if (!element) return '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

/** Charts in page tests: an ECharts stand-in that records the options it is given. */
export const drawn: unknown[] = [];
const fakeEcharts = {
  init: () => ({
    setOption: (option: unknown) => drawn.push(option),
    resize: () => undefined,
    dispose: () => undefined,
    isDisposed: () => false,
    on: () => undefined,
    off: () => undefined,
    showLoading: () => undefined,
    hideLoading: () => undefined,
  }),
};

/** TestBed with the HTTP backend, the routes given, and the user signed in. */
export async function setUp(routes: Route[], user: CurrentUserView) {
  localStorage.clear();
  drawn.length = 0;
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes),
      provideNzIcons([
        ArrowLeftOutline,
        PrinterOutline,
        ReloadOutline,
        SettingOutline,
      ]),
      { provide: NGX_ECHARTS_CONFIG, useValue: { echarts: fakeEcharts } },
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthService).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(user);
  await loaded;
  return backend;
}
