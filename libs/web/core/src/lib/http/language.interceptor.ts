import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { I18nService } from '../i18n/i18n.service';
import { API_BASE_URL } from './api-base';

/** Tells the API which language to write its error messages in. */
export const languageInterceptor: HttpInterceptorFn = (req, next) => {
  const apiBase = inject(API_BASE_URL);
  const toApi = req.url === apiBase || req.url.startsWith(`${apiBase}/`);
  if (!toApi || req.headers.has('Accept-Language')) {
    return next(req);
  }
  const lang = inject(I18nService).lang();
  return next(req.clone({ setHeaders: { 'Accept-Language': lang } }));
};
