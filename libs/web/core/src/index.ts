export * from './lib/i18n/lang';
// The Chinese texts load in parts (zh-CN-shell.ts first, the pages' with the shell): only their types are shared.
export type { MessageKey, Messages } from './lib/i18n/zh-CN';
// English is not exported: it loads on demand (loadMessages), never in the initial download.
export * from './lib/i18n/i18n.service';
export * from './lib/i18n/translate.pipe';
export * from './lib/i18n/provide-i18n';
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
