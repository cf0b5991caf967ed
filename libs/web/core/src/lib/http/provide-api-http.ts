import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import { EnvironmentProviders } from '@angular/core';
import { authInterceptor } from '../auth/auth.interceptor';
import { languageInterceptor } from './language.interceptor';

/**
 * HttpClient as the API expects it. The API checks every change (non-GET) for the double-submit
 * CSRF token: Angular copies the readable XSRF-TOKEN cookie into X-XSRF-TOKEN on non-GET calls to
 * relative URLs, which all API calls are (see API_BASE_URL).
 */
export function provideApiHttp(): EnvironmentProviders {
  return provideHttpClient(
    withFetch(),
    withXsrfConfiguration({
      cookieName: 'XSRF-TOKEN',
      headerName: 'X-XSRF-TOKEN',
    }),
    withInterceptors([languageInterceptor, authInterceptor]),
  );
}
