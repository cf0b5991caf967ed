import { zhCN, type Messages } from './zh-CN';

/**
 * What zh-CN-initial.ts is in component tests (jest.preset.js maps one to the other): every Chinese
 * text from the start, as a signed-in user has them once the shell has loaded.
 */
export const INITIAL_ZH_CN: { messages: Partial<Messages>; complete: boolean } = {
  messages: zhCN,
  complete: true,
};
