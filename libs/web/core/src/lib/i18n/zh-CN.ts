import { zhCNPages } from './zh-CN-pages';
import { zhCNShell } from './zh-CN-shell';

/**
 * 简体中文界面文字（默认语言）。键名与 en.ts 一一对应；`{name}` 为插值占位符。
 * The key set of this object is the type every other language must match. Kept in two files that
 * load apart (zh-CN-shell.ts in the initial download, zh-CN-pages.ts with the shell); this whole
 * object is for types and tests: the app itself never imports it (I18nService loads the parts).
 */
export const zhCN = /* @__PURE__ */ joined(zhCNShell, zhCNPages);

/** A pure call (marked so): a bundle that never reads zhCN drops it, and zh-CN-pages.ts with it. */
function joined<A extends object, B extends object>(a: A, b: B): A & B {
  return { ...a, ...b };
}


export type MessageKey = keyof typeof zhCN;

/** A complete set of interface strings for one language. */
export type Messages = Record<MessageKey, string>;
