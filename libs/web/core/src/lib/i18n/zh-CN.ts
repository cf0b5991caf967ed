import { texts as audit } from './zh-CN/audit';
import { texts as chains } from './zh-CN/chains';
import { texts as cockpit } from './zh-CN/cockpit';
import { texts as guarantees } from './zh-CN/guarantees';
import { texts as investors } from './zh-CN/investors';
import { texts as ledger } from './zh-CN/ledger';
import { texts as meetingPack } from './zh-CN/meetingPack';
import { texts as meetings } from './zh-CN/meetings';
import { texts as pipeline } from './zh-CN/pipeline';
import { texts as plan } from './zh-CN/plan';
import { texts as preReview } from './zh-CN/preReview';
import { texts as reporting } from './zh-CN/reporting';
import { texts as sectorGrowth } from './zh-CN/sectorGrowth';
import { texts as users } from './zh-CN/users';
import { texts as yoy } from './zh-CN/yoy';
import { texts as shell } from './zh-CN/shell';

/**
 * 简体中文界面文字（默认语言）。键名与 en/ 一一对应；`{name}` 为插值占位符。
 * The key set of this object is the type every other language must match. Kept in parts that load
 * apart (zh-CN/shell.ts in the initial download, each feature's with the feature: text-parts.ts);
 * this whole object is for types and tests: the app itself never imports it.
 */
export const zhCN = /* @__PURE__ */ joined(shell, audit, chains, cockpit, guarantees, investors, ledger, meetingPack, meetings, pipeline, plan, preReview, reporting, sectorGrowth, users, yoy);

/** A pure call (marked so): a bundle that never reads zhCN drops it, and every part with it. */
function joined<T extends object[]>(...parts: T): UnionToIntersection<T[number]> {
  return Object.assign({}, ...parts);
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export type MessageKey = keyof typeof zhCN;

/** A complete set of interface strings for one language. */
export type Messages = Record<MessageKey, string>;
