import { DOCUMENT_SETTING_KEYS, DOCUMENT_SETTINGS, type DocumentSettings } from '@crm/domain';
import type { EntityManager } from 'typeorm';

/**
 * The office's document settings in force (document_setting, else the defaults): what every file
 * leaving the system prints as its issuing body, document-number abbreviation and signature. The
 * office edits them through the reporting area (/api/document-settings).
 */
export async function readDocumentSettings(manager: EntityManager): Promise<DocumentSettings> {
  const rows: { key: string; value: string }[] = await manager.query(`SELECT key, value FROM document_setting`);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(
    DOCUMENT_SETTING_KEYS.map((key) => [key, stored.get(key) ?? DOCUMENT_SETTINGS[key].default]),
  ) as DocumentSettings;
}
