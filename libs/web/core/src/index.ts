export * from './lib/i18n/lang';
export * from './lib/i18n/zh-CN';
export * from './lib/i18n/en';
export * from './lib/i18n/i18n.service';
export * from './lib/i18n/translate.pipe';
export * from './lib/i18n/provide-i18n';
export * from './lib/http/api-base';
export * from './lib/http/language.interceptor';
