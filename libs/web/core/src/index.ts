export * from './lib/i18n/lang';
// The texts load in parts (text-parts.ts: the shell's Chinese first, each feature's with it): only their types are shared.
export type { MessageKey, Messages } from './lib/i18n/zh-CN';
// No language's texts are exported: they load on demand (I18nService.load), English never in the initial download.
export * from './lib/i18n/i18n.service';
export * from './lib/i18n/translate.pipe';
export * from './lib/i18n/provide-i18n';
export * from './lib/i18n/nz-locale-sync';
export * from './lib/i18n/text-parts';
export * from './lib/http/api-base';
export * from './lib/http/language.interceptor';
export * from './lib/i18n/role-labels';
export * from './lib/http/api-error';
export * from './lib/http/provide-api-http';
export * from './lib/auth/auth-urls';
export * from './lib/auth/auth.service';
export * from './lib/auth/session-hint';
export * from './lib/clock/app-clock';
export * from './lib/auth/auth.guards';
export * from './lib/auth/auth.interceptor';
export * from './lib/plan/plan-missing-notice';
export * from './lib/http/download';
