import { InjectionToken } from '@angular/core';

/**
 * Where the API answers. The API serves the built web app on the same origin, so every call
 * is a relative URL under /api and no environment file is needed.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api',
});
