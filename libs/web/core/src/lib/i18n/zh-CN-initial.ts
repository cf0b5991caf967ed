import type { Messages } from './zh-CN';
import { zhCNShell } from './zh-CN-shell';

/**
 * The Chinese texts the app starts with: the sign-in page's and the shell's (zh-CN-shell.ts); the
 * pages' follow with the shell (I18nService.ensureComplete). Component tests, which render pages
 * without a shell, start with every text instead: jest.preset.js maps this module to
 * zh-CN-initial.complete.ts.
 */
export const INITIAL_ZH_CN: { messages: Partial<Messages>; complete: boolean } = {
  messages: zhCNShell,
  complete: false,
};
