import type { Lang } from './lang';

/**
 * The interface texts in parts, one per key prefix ('pipeline.…', 'plan.…'), each a chunk of its
 * own in each language (issue 19 §1: every feature's texts load with the feature). The shell's
 * part (zh-CN/shell.ts: the sign-in page, the header, the menu, page titles) is in the initial
 * download in Chinese; English, all of it, only when chosen. apps/web/src/app/feature-texts.ts
 * names the parts each feature needs, and its spec checks them against the feature's code.
 */
export const TEXT_PARTS = [
  'audit',
  'chains',
  'cockpit',
  'guarantees',
  'investors',
  'ledger',
  'meetingPack',
  'meetings',
  'pipeline',
  'plan',
  'preReview',
  'reporting',
  'sectorGrowth',
  'users',
  'yoy',
] as const;

export type TextPart = (typeof TEXT_PARTS)[number];

type Texts = Readonly<Record<string, string>>;
type Loader = () => Promise<Texts>;

const LOADERS: Record<Lang, Record<TextPart | 'shell', Loader>> = {
  'zh-CN': {
    shell: () => import('./zh-CN/shell').then((m) => m.texts),
    audit: () => import('./zh-CN/audit').then((m) => m.texts),
    chains: () => import('./zh-CN/chains').then((m) => m.texts),
    cockpit: () => import('./zh-CN/cockpit').then((m) => m.texts),
    guarantees: () => import('./zh-CN/guarantees').then((m) => m.texts),
    investors: () => import('./zh-CN/investors').then((m) => m.texts),
    ledger: () => import('./zh-CN/ledger').then((m) => m.texts),
    meetingPack: () => import('./zh-CN/meetingPack').then((m) => m.texts),
    meetings: () => import('./zh-CN/meetings').then((m) => m.texts),
    pipeline: () => import('./zh-CN/pipeline').then((m) => m.texts),
    plan: () => import('./zh-CN/plan').then((m) => m.texts),
    preReview: () => import('./zh-CN/preReview').then((m) => m.texts),
    reporting: () => import('./zh-CN/reporting').then((m) => m.texts),
    sectorGrowth: () => import('./zh-CN/sectorGrowth').then((m) => m.texts),
    users: () => import('./zh-CN/users').then((m) => m.texts),
    yoy: () => import('./zh-CN/yoy').then((m) => m.texts),
  },
  en: {
    shell: () => import('./en/shell').then((m) => m.texts),
    audit: () => import('./en/audit').then((m) => m.texts),
    chains: () => import('./en/chains').then((m) => m.texts),
    cockpit: () => import('./en/cockpit').then((m) => m.texts),
    guarantees: () => import('./en/guarantees').then((m) => m.texts),
    investors: () => import('./en/investors').then((m) => m.texts),
    ledger: () => import('./en/ledger').then((m) => m.texts),
    meetingPack: () => import('./en/meetingPack').then((m) => m.texts),
    meetings: () => import('./en/meetings').then((m) => m.texts),
    pipeline: () => import('./en/pipeline').then((m) => m.texts),
    plan: () => import('./en/plan').then((m) => m.texts),
    preReview: () => import('./en/preReview').then((m) => m.texts),
    reporting: () => import('./en/reporting').then((m) => m.texts),
    sectorGrowth: () => import('./en/sectorGrowth').then((m) => m.texts),
    users: () => import('./en/users').then((m) => m.texts),
    yoy: () => import('./en/yoy').then((m) => m.texts),
  },
};

/** One part of one language's texts, fetched (a chunk of its own) the first time. */
export function loadTextPart(lang: Lang, part: TextPart | 'shell'): Promise<Texts> {
  return LOADERS[lang][part]();
}

/** The part a key belongs to, or null for a key of the shell's (or no) part. */
export function textPartOf(key: string): TextPart | null {
  const prefix = key.slice(0, key.indexOf('.'));
  return (TEXT_PARTS as readonly string[]).includes(prefix) ? (prefix as TextPart) : null;
}
