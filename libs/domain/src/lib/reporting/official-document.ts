/**
 * The roll-up and the meeting pack leave the system as official documents (党政机关公文格式,
 * GB/T 9704-2012). What the office sets: the issuing body, its abbreviation used in document
 * numbers, and the signature under the text.
 */
export interface DocumentSettingDefinition {
  default: string;
  maxLength: number;
  zh: string;
  en: string;
}

export const DOCUMENT_SETTINGS = {
  issuer: {
    default: '格尔木市招商引资工作领导小组办公室',
    maxLength: 40,
    zh: '发文机关（版头）',
    en: 'Issuing body (letterhead)',
  },
  'number-prefix': {
    default: '格招商办',
    maxLength: 20,
    zh: '发文机关代字（用于发文字号）',
    en: 'Abbreviation used in document numbers',
  },
  signer: {
    default: '格尔木市招商引资工作领导小组办公室',
    maxLength: 40,
    zh: '落款署名',
    en: 'Signature under the text',
  },
} as const satisfies Record<string, DocumentSettingDefinition>;
export type DocumentSettingKey = keyof typeof DOCUMENT_SETTINGS;
export const DOCUMENT_SETTING_KEYS = Object.keys(DOCUMENT_SETTINGS) as DocumentSettingKey[];

export interface DocumentSettingView extends DocumentSettingDefinition {
  key: DocumentSettingKey;
  value: string;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The version read (1 for a setting never changed); send it back to change the setting. */
  version: number;
}

/** PUT /api/document-settings/:key */
export interface DocumentSettingInput {
  value: string;
  /** The version read; a stale one answers 409 with the setting as it is now. */
  version?: number;
}

/** The settings a document is printed with. */
export type DocumentSettings = Record<DocumentSettingKey, string>;

/** 发文字号: 格招商办〔2025〕9号 (the year in 六角括号, the sequence without leading zeros). */
export function documentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/** 成文日期 as GB/T 9704-2012 writes it: 2025年3月26日 (Arabic numerals, no leading zeros), Shanghai day. */
export function documentDate(instant: Date): string {
  const d = new Date(instant.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 页码: "— 7 —". */
export function pageNumberText(page: number): string {
  return `— ${page} —`;
}
