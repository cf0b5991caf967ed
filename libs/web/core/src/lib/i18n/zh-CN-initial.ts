import type { Messages } from './zh-CN';
import { texts as shell } from './zh-CN/shell';

/**
 * The Chinese texts the app starts with: the sign-in page's and the shell's (zh-CN/shell.ts); each
 * feature's follow with the feature (text-parts.ts). Component tests, which render pages without
 * their routes, start with every text instead: jest.preset.js maps this module to
 * zh-CN-initial.complete.ts.
 */
export const INITIAL_ZH_CN: { messages: Partial<Messages>; complete: boolean } = {
  messages: shell,
  complete: false,
};
