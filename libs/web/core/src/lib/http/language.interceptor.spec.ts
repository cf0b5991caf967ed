import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { I18nService } from '../i18n/i18n.service';
import { languageInterceptor } from './language.interceptor';

describe('languageInterceptor', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([languageInterceptor])),
        provideHttpClientTesting(),
      ],
    });
  });

  it('sends the interface language with calls to the API', async () => {
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);

    http.get('/api/chains').subscribe();
    expect(
      backend.expectOne('/api/chains').request.headers.get('Accept-Language'),
    ).toBe('zh-CN');

    await TestBed.inject(I18nService).use('en');
    http.get('/api/chains').subscribe();
    expect(
      backend.expectOne('/api/chains').request.headers.get('Accept-Language'),
    ).toBe('en');

    http.get('/assets/x.json').subscribe();
    expect(
      backend
        .expectOne('/assets/x.json')
        .request.headers.has('Accept-Language'),
    ).toBe(false);
    backend.verify();
  });
});
