import { AuditService } from '@crm/api/audit';
import { CLOCK, staleRecord, type AuthUser, type Clock } from '@crm/api/core';
import {
  DOCUMENT_SETTING_KEYS,
  DOCUMENT_SETTINGS,
  type DocumentSettingKey,
  type DocumentSettingView,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';

interface SettingRow {
  key: string;
  value: string;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/** 公文设置: the issuing body, the abbreviation of document numbers and the signature (document_setting). */
@Injectable()
export class DocumentSettingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<DocumentSettingView[]> {
    const rows: SettingRow[] = await this.dataSource.query(
      `SELECT s.key, s.value, s.version, s.updated_at, u.display_name AS updated_by_name
       FROM document_setting s LEFT JOIN app_user u ON u.id = s.updated_by`,
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return DOCUMENT_SETTING_KEYS.map((key) => view(key, byKey.get(key)));
  }

  async set(user: AuthUser, key: string, value: string, version?: number): Promise<DocumentSettingView> {
    if (!isKey(key)) throw refuse.notFound('该公文设置项', `document setting "${key}"`);
    const def = DOCUMENT_SETTINGS[key];
    if ([...value].length > def.maxLength) {
      throw refuse.rule(`${def.zh}最多${def.maxLength}个字`, `${def.en}: at most ${def.maxLength} characters`);
    }
    await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT value, version FROM document_setting WHERE key = $1 FOR UPDATE`, [key]);
      if (version !== undefined && version !== (before?.version ?? 1)) {
        throw staleRecord('该公文设置', (await this.list()).find((s) => s.key === key));
      }
      await tx.query(
        // A setting never saved reads as version 1 (its default), so its first save makes version 2.
        `INSERT INTO document_setting (key, value, updated_by, updated_at, version) VALUES ($1, $2, $3, $4, 2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
           updated_at = EXCLUDED.updated_at, version = document_setting.version + 1`,
        [key, value, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'document_setting',
        entityId: key,
        before: before ? { value: before.value } : null,
        after: { value },
      });
    });
    return (await this.list()).find((s) => s.key === key) as DocumentSettingView;
  }
}

/**
 * The month's document number (sequence within its year), given at its first export and kept for
 * every later export of the month. Two months numbered at once: the loser of the (year, seq) race
 * fails and its export job retries.
 */
export async function rollUpNumber(manager: EntityManager, period: string, at: Date): Promise<{ year: number; seq: number }> {
  const year = Number(period.slice(0, 4));
  await manager.query(
    `INSERT INTO roll_up_number (period, year, seq, assigned_at)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3 FROM roll_up_number WHERE year = $2
     ON CONFLICT (period) DO NOTHING`,
    [period, year, at],
  );
  const [row] = await manager.query(`SELECT year, seq FROM roll_up_number WHERE period = $1`, [period]);
  return { year: Number(row.year), seq: Number(row.seq) };
}

function isKey(key: string): key is DocumentSettingKey {
  return (DOCUMENT_SETTING_KEYS as string[]).includes(key);
}

function view(key: DocumentSettingKey, row?: SettingRow): DocumentSettingView {
  return {
    key,
    ...DOCUMENT_SETTINGS[key],
    value: row?.value ?? DOCUMENT_SETTINGS[key].default,
    version: row?.version ?? 1,
    updatedAt: row?.updated_at ? row.updated_at.toISOString() : null,
    updatedBy: row?.updated_by_name ?? null,
  };
}
